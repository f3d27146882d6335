import { lazy, Suspense, useState, type FormEvent } from 'react';

import { DEAL_STAGES, type Deal, type DealStage } from '../../../shared/domain';
import { newID } from '../../../shared/ids';
import { Dialog } from '../components/dialog';
import { Field, orNull, pickOptions, Select } from '../components/field';
import { useCan, useEntities, useMutate, useUsers } from '../data';
import { useDraft } from '../lib/drafts';
import { STAGE_LABEL, positionAt } from '../lib/deals';
import { formatINR, paiseToInput, parseINR } from '../lib/format';
import { navigate } from '../router';
import { useSession } from '../session';

// The editor (TipTap + Yjs) is the largest chunk: load it only when a saved deal is opened.
const NoteEditor = lazy(() => import('../components/note-editor').then((m) => ({ default: m.NoteEditor })));

interface DealForm {
  title: string; value: string; stage: DealStage; ownerId: string; expectedClose: string;
  probability: string; companyId: string; contactId: string; lostReason: string;
}

interface Props {
  readonly id: string;
  readonly deal: Deal | undefined;
  /** The lead column, so a new deal lands at its end. */
  readonly lastLead: readonly Deal[];
}

export function DealEditor(props: Props) {
  const close = () => navigate('/pipeline');
  if (props.id !== 'new' && props.deal === undefined) {
    return (
      <Dialog open title="Deal not found" onClose={close}>
        <p>This deal was deleted or is not on this device.</p>
        <button type="button" onClick={close}>Close</button>
      </Dialog>
    );
  }
  return <DealFormView {...props} />;
}

function DealFormView({ id, deal, lastLead }: Props) {
  const isNew = id === 'new';
  const session = useSession();
  const users = useUsers();
  const companies = useEntities('company');
  const contacts = useEntities('contact');
  const mutate = useMutate();
  const canSave = useCan(isNew ? 'deals.create' : 'deals.update');
  const canDelete = useCan('deals.delete');
  const [error, setError] = useState<string | null>(null);
  const [form, setForm, clearDraft] = useDraft<DealForm>(`deal.${id}`, () => ({
    title: deal?.title ?? '', value: deal === undefined ? '' : paiseToInput(deal.valuePaise), stage: deal?.stage ?? 'lead',
    ownerId: deal?.ownerId ?? session?.userId ?? '', expectedClose: deal?.expectedClose ?? '',
    probability: String(deal?.probability ?? 10), companyId: deal?.companyId ?? '', contactId: deal?.contactId ?? '',
    lostReason: deal?.lostReason ?? '',
  }));
  const set = <K extends keyof DealForm>(k: K) => (v: DealForm[K]) => setForm({ ...form, [k]: v });
  const close = () => navigate('/pipeline');
  const valuePaise = parseINR(form.value);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const probability = Number(form.probability);
    if (form.title.trim() === '') return setError('Give the deal a title.');
    if (valuePaise === null) return setError('The value must be an amount in rupees, like 1,50,000 or 2500.50.');
    if (!Number.isInteger(probability) || probability < 0 || probability > 100) return setError('Probability is a whole number from 0 to 100.');
    const fields = {
      title: form.title.trim(), valuePaise, ownerId: orNull(form.ownerId), expectedClose: orNull(form.expectedClose),
      probability, companyId: orNull(form.companyId), contactId: orNull(form.contactId),
      lostReason: form.stage === 'lost' ? orNull(form.lostReason) : null, stage: form.stage,
    };
    if (isNew) await mutate('createDeal', { id: newID(), ...fields, position: positionAt(lastLead, lastLead.length) });
    else await mutate('updateDeal', { id, ...fields });
    clearDraft();
    close();
  };

  const remove = async () => {
    if (!window.confirm(`Delete the deal “${deal?.title ?? ''}”?`)) return;
    await mutate('deleteDeal', { id });
    clearDraft();
    close();
  };

  return (
    <Dialog open title={isNew ? 'New deal' : (deal?.title ?? 'Deal')} onClose={close}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <Field label="Title">{(f) => <input id={f} required value={form.title} onChange={(e) => set('title')(e.target.value)} />}</Field>
        <Field label="Value (₹)" hint={valuePaise === null ? 'Not an amount' : formatINR(valuePaise)}>
          {(f) => <input id={f} inputMode="decimal" value={form.value} onChange={(e) => set('value')(e.target.value)} placeholder="1,50,000" />}
        </Field>
        <Field label="Stage">
          {(f) => <Select id={f} value={form.stage} onChange={set('stage')} options={DEAL_STAGES.map((s) => ({ value: s, label: STAGE_LABEL[s] }))} />}
        </Field>
        {form.stage === 'lost' && (
          <Field label="Why was it lost?">{(f) => <textarea id={f} rows={2} value={form.lostReason} onChange={(e) => set('lostReason')(e.target.value)} />}</Field>
        )}
        <Field label="Owner">
          {(f) => <Select id={f} value={form.ownerId} onChange={set('ownerId')} options={[{ value: '', label: 'Nobody' }, ...users.map((u) => ({ value: u.id, label: u.name }))]} />}
        </Field>
        <Field label="Expected close">{(f) => <input id={f} type="date" value={form.expectedClose} onChange={(e) => set('expectedClose')(e.target.value)} />}</Field>
        <Field label="Probability (%)">
          {(f) => <input id={f} type="number" min={0} max={100} step={5} value={form.probability} onChange={(e) => set('probability')(e.target.value)} />}
        </Field>
        <Field label="Company">
          {(f) => <Select id={f} value={form.companyId} onChange={set('companyId')} options={pickOptions(companies, (c) => c.name, orNull(form.companyId), { none: 'None' })} />}
        </Field>
        <Field label="Contact">
          {(f) => (
            <Select id={f} value={form.contactId} onChange={set('contactId')}
              options={pickOptions(contacts.filter((c) => form.companyId === '' || c.companyId === form.companyId), (c) => c.name, orNull(form.contactId), { none: 'None' })} />
          )}
        </Field>
        {!isNew && (
          <section aria-label="Deal notes">
            <h3>Notes</h3>
            <Suspense fallback={<p className="muted">Opening the notes…</p>}>
              <NoteEditor doc={`deal-${id}`} />
            </Suspense>
          </section>
        )}
        {error !== null && <p className="error" role="alert">{error}</p>}
        <div className="form-actions">
          {canSave && <button type="submit">{isNew ? 'Add deal' : 'Save'}</button>}
          {!isNew && canDelete && <button type="button" className="danger" onClick={() => void remove()}>Delete</button>}
          <button type="button" className="ghost" onClick={close}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
