import { useDeferredValue, useMemo, useState, type FormEvent } from 'react';

import { newID } from '../../../shared/ids';
import type { Company, Contact } from '../../../shared/domain';
import { Field, orNull, Select } from '../components/field';
import { VirtualList } from '../components/virtual-list';
import { useCan, useEntities, useMutate } from '../data';
import { useDraft } from '../lib/drafts';
import { navigate } from '../router';
import type { ScreenProps } from '../routes';

type SortKey = 'name' | 'company' | 'updated';
const ROW_HEIGHT = 56;

export default function ContactsScreen({ params }: ScreenProps) {
  const contacts = useEntities('contact');
  const companies = useEntities('company');
  const [filter, setFilter] = useState('');
  const [companyFilter, setCompanyFilter] = useState('');
  const [sort, setSort] = useState<SortKey>('name');
  const deferredFilter = useDeferredValue(filter);
  const companyName = useMemo(() => new Map(companies.map((c) => [c.id, c.name])), [companies]);
  const canCreate = useCan('contacts.create');

  // Sorting 50,000 rows takes tens of ms, so it runs when the data or the order changes, not
  // on every keystroke of the filter, which only scans the sorted array.
  const sorted = useMemo(() => {
    const byCompany = (c: Contact) => (c.companyId === null ? '\uffff' : (companyName.get(c.companyId) ?? '\uffff'));
    const cmp: Record<SortKey, (a: Contact, b: Contact) => number> = {
      name: (a, b) => a.name.localeCompare(b.name),
      company: (a, b) => byCompany(a).localeCompare(byCompany(b)) || a.name.localeCompare(b.name),
      updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
    };
    return [...contacts].sort(cmp[sort]);
  }, [contacts, sort, companyName]);

  // Lower-cased text per sorted row, made once, so a keystroke is one `includes` per row.
  const haystacks = useMemo(
    () => sorted.map((c) => `${c.name}\u0001${c.email ?? ''}\u0001${c.phone ?? ''}`.toLowerCase()),
    [sorted],
  );

  const rows = useMemo(() => {
    const f = deferredFilter.trim().toLowerCase();
    if (f === '' && companyFilter === '') return sorted;
    return sorted.filter((c, i) =>
      (companyFilter === '' || c.companyId === companyFilter) && (f === '' || (haystacks[i] ?? '').includes(f)));
  }, [sorted, haystacks, deferredFilter, companyFilter]);

  const selected = params.id === undefined ? null : params.id;

  return (
    <section className="screen split" data-open={selected !== null}>
      <div className="list-pane" data-filter={deferredFilter}>
        <header className="screen-head">
          <h1>Contacts <small className="muted">{rows.length.toLocaleString('en-IN')}</small></h1>
          {canCreate && <button type="button" onClick={() => navigate('/contacts/new')}>New contact</button>}
        </header>
        <div className="toolbar">
          <input type="search" aria-label="Filter contacts" placeholder="Filter by name, e-mail, phone" value={filter} onChange={(e) => setFilter(e.target.value)} />
          <select aria-label="Company" value={companyFilter} onChange={(e) => setCompanyFilter(e.target.value)}>
            <option value="">All companies</option>
            {companies.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
          <select aria-label="Sort by" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            <option value="name">Name</option>
            <option value="company">Company</option>
            <option value="updated">Recently changed</option>
          </select>
        </div>
        <VirtualList
          items={rows}
          rowHeight={ROW_HEIGHT}
          label="Contacts"
          getKey={(c) => c.id}
          empty={<p className="muted pad">No contacts yet.</p>}
          renderRow={(c) => (
            <button type="button" className="row" aria-current={c.id === selected} onClick={() => navigate(`/contacts/${c.id}`)}>
              <strong>{c.name}</strong>
              <span className="muted">{[c.title, c.companyId === null ? null : companyName.get(c.companyId), c.email].filter(Boolean).join(' · ')}</span>
            </button>
          )}
        />
      </div>
      {selected !== null && (
        <ContactEditor
          key={selected}
          id={selected}
          contact={contacts.find((c) => c.id === selected)}
          companies={companies}
        />
      )}
    </section>
  );
}

interface ContactForm {
  name: string; email: string; phone: string; title: string; companyId: string; address: string; notes: string;
}

function toForm(c: Contact | undefined): ContactForm {
  return {
    name: c?.name ?? '', email: c?.email ?? '', phone: c?.phone ?? '', title: c?.title ?? '',
    companyId: c?.companyId ?? '', address: c?.address ?? '', notes: c?.notes ?? '',
  };
}

interface EditorProps {
  readonly id: string;
  readonly contact: Contact | undefined;
  readonly companies: readonly Company[];
}

function ContactEditor(props: EditorProps) {
  if (props.id !== 'new' && props.contact === undefined) {
    return <aside className="detail-pane"><p className="muted">This contact was deleted or is not on this device.</p></aside>;
  }
  return <ContactFormView {...props} />;
}

/** Mounted only once the contact is known, so the draft starts from its saved values. */
function ContactFormView({ id, contact, companies }: EditorProps) {
  const isNew = id === 'new';
  const mutate = useMutate();
  const canSave = useCan(isNew ? 'contacts.create' : 'contacts.update');
  const canDelete = useCan('contacts.delete');
  const [form, setForm, clearDraft] = useDraft<ContactForm>(`contact.${id}`, () => toForm(contact));
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof ContactForm) => (v: string) => setForm({ ...form, [k]: v });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (form.name.trim() === '') return setError('A contact needs a name.');
    const fields = {
      name: form.name.trim(), email: orNull(form.email), phone: orNull(form.phone), title: orNull(form.title),
      companyId: orNull(form.companyId), address: orNull(form.address), notes: orNull(form.notes),
    };
    const newId = newID();
    await (isNew ? mutate('createContact', { id: newId, ...fields }) : mutate('updateContact', { id, ...fields }));
    clearDraft();
    navigate(`/contacts/${isNew ? newId : id}`, { replace: true });
  };

  const remove = async () => {
    if (!window.confirm(`Delete ${contact?.name ?? 'this contact'}?`)) return;
    await mutate('deleteContact', { id });
    clearDraft();
    navigate('/contacts');
  };

  return (
    <aside className="detail-pane">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <header className="screen-head">
          <h2>{isNew ? 'New contact' : contact?.name}</h2>
          <button type="button" className="ghost" onClick={() => navigate('/contacts')} aria-label="Close">✕</button>
        </header>
        <Field label="Name">{(fid) => <input id={fid} required value={form.name} onChange={(e) => set('name')(e.target.value)} />}</Field>
        <Field label="E-mail">{(fid) => <input id={fid} type="email" inputMode="email" value={form.email} onChange={(e) => set('email')(e.target.value)} />}</Field>
        <Field label="Phone">{(fid) => <input id={fid} type="tel" inputMode="tel" value={form.phone} onChange={(e) => set('phone')(e.target.value)} />}</Field>
        <Field label="Job title">{(fid) => <input id={fid} value={form.title} onChange={(e) => set('title')(e.target.value)} />}</Field>
        <Field label="Company">
          {(fid) => (
            <Select id={fid} value={form.companyId} onChange={set('companyId')}
              options={[{ value: '', label: 'No company' }, ...companies.map((c) => ({ value: c.id, label: c.name }))]} />
          )}
        </Field>
        <Field label="Address">{(fid) => <textarea id={fid} rows={2} value={form.address} onChange={(e) => set('address')(e.target.value)} />}</Field>
        <Field label="Notes">{(fid) => <textarea id={fid} rows={3} value={form.notes} onChange={(e) => set('notes')(e.target.value)} />}</Field>
        {error !== null && <p className="error" role="alert">{error}</p>}
        <div className="form-actions">
          {canSave && <button type="submit">{isNew ? 'Add contact' : 'Save'}</button>}
          {!isNew && canDelete && <button type="button" className="danger" onClick={() => void remove()}>Delete</button>}
        </div>
      </form>
    </aside>
  );
}
