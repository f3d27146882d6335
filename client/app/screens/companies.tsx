import { useDeferredValue, useMemo, useState, type FormEvent } from 'react';

import type { Company, Contact } from '../../../shared/domain';
import { newID } from '../../../shared/ids';
import { Field, orNull } from '../components/field';
import { VirtualList } from '../components/virtual-list';
import { useCan, useEntities, useMutate } from '../data';
import { useDraft } from '../lib/drafts';
import { Link, navigate } from '../router';
import type { ScreenProps } from '../routes';

type SortKey = 'name' | 'contacts' | 'updated';

export default function CompaniesScreen({ params }: ScreenProps) {
  const companies = useEntities('company');
  const contacts = useEntities('contact');
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortKey>('name');
  const deferred = useDeferredValue(filter);
  const canCreate = useCan('companies.create');

  const contactCount = useMemo(() => {
    const m = new Map<string, number>();
    for (const c of contacts) if (c.companyId !== null) m.set(c.companyId, (m.get(c.companyId) ?? 0) + 1);
    return m;
  }, [contacts]);

  const sorted = useMemo(() => {
    const cmp: Record<SortKey, (a: Company, b: Company) => number> = {
      name: (a, b) => a.name.localeCompare(b.name),
      contacts: (a, b) => (contactCount.get(b.id) ?? 0) - (contactCount.get(a.id) ?? 0) || a.name.localeCompare(b.name),
      updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
    };
    return [...companies].sort(cmp[sort]);
  }, [companies, sort, contactCount]);

  const rows = useMemo(() => {
    const f = deferred.trim().toLowerCase();
    if (f === '') return sorted;
    return sorted.filter((c) => c.name.toLowerCase().includes(f) || (c.gstin ?? '').toLowerCase().includes(f));
  }, [sorted, deferred]);

  const selected = params.id ?? null;

  return (
    <section className="screen split" data-open={selected !== null}>
      <div className="list-pane">
        <header className="screen-head">
          <h1>Companies <small className="muted">{rows.length.toLocaleString('en-IN')}</small></h1>
          {canCreate && <button type="button" onClick={() => navigate('/companies/new')}>New company</button>}
        </header>
        <div className="toolbar">
          <input type="search" aria-label="Filter companies" placeholder="Filter by name or GSTIN" value={filter} onChange={(e) => setFilter(e.target.value)} />
          <select aria-label="Sort by" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            <option value="name">Name</option>
            <option value="contacts">Most contacts</option>
            <option value="updated">Recently changed</option>
          </select>
        </div>
        <VirtualList
          items={rows}
          rowHeight={56}
          label="Companies"
          getKey={(c) => c.id}
          empty={<p className="muted pad">No companies yet.</p>}
          renderRow={(c) => (
            <button type="button" className="row" aria-current={c.id === selected} onClick={() => navigate(`/companies/${c.id}`)}>
              <strong>{c.name}</strong>
              <span className="muted">{[c.industry, `${contactCount.get(c.id) ?? 0} contacts`].filter(Boolean).join(' · ')}</span>
            </button>
          )}
        />
      </div>
      {selected !== null && (
        <CompanyEditor key={selected} id={selected} company={companies.find((c) => c.id === selected)} contacts={contacts} />
      )}
    </section>
  );
}

interface EditorProps {
  readonly id: string;
  readonly company: Company | undefined;
  readonly contacts: readonly Contact[];
}

function CompanyEditor(props: EditorProps) {
  if (props.id !== 'new' && props.company === undefined) {
    return <aside className="detail-pane"><p className="muted">This company was deleted or is not on this device.</p></aside>;
  }
  return <CompanyFormView {...props} />;
}

interface CompanyForm { name: string; gstin: string; website: string; industry: string }

function CompanyFormView({ id, company, contacts }: EditorProps) {
  const isNew = id === 'new';
  const mutate = useMutate();
  const canSave = useCan(isNew ? 'companies.create' : 'companies.update');
  const canDelete = useCan('companies.delete');
  const canLink = useCan('contacts.update');
  const [form, setForm, clearDraft] = useDraft<CompanyForm>(`company.${id}`, () => ({
    name: company?.name ?? '', gstin: company?.gstin ?? '', website: company?.website ?? '', industry: company?.industry ?? '',
  }));
  const [linkId, setLinkId] = useState('');
  const people = useMemo(() => contacts.filter((c) => c.companyId === id), [contacts, id]);
  const unlinked = useMemo(() => contacts.filter((c) => c.companyId === null).slice(0, 500), [contacts]);
  const set = (k: keyof CompanyForm) => (v: string) => setForm({ ...form, [k]: v });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fields = { name: form.name.trim(), gstin: orNull(form.gstin.toUpperCase()), website: orNull(form.website), industry: orNull(form.industry) };
    const newId = newID();
    await (isNew ? mutate('createCompany', { id: newId, ...fields }) : mutate('updateCompany', { id, ...fields }));
    clearDraft();
    navigate(`/companies/${isNew ? newId : id}`, { replace: true });
  };

  const remove = async () => {
    if (!window.confirm(`Delete ${company?.name ?? 'this company'}? Its contacts are kept.`)) return;
    await mutate('deleteCompany', { id });
    clearDraft();
    navigate('/companies');
  };

  return (
    <aside className="detail-pane">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <header className="screen-head">
          <h2>{isNew ? 'New company' : company?.name}</h2>
          <button type="button" className="ghost" onClick={() => navigate('/companies')} aria-label="Close">✕</button>
        </header>
        <Field label="Name">{(f) => <input id={f} required value={form.name} onChange={(e) => set('name')(e.target.value)} />}</Field>
        <Field label="GSTIN" hint="15 characters, e.g. 27AAPFU0939F1ZV">
          {(f) => <input id={f} maxLength={15} value={form.gstin} onChange={(e) => set('gstin')(e.target.value)} />}
        </Field>
        <Field label="Website">{(f) => <input id={f} type="url" inputMode="url" value={form.website} onChange={(e) => set('website')(e.target.value)} />}</Field>
        <Field label="Industry">{(f) => <input id={f} value={form.industry} onChange={(e) => set('industry')(e.target.value)} />}</Field>
        <div className="form-actions">
          {canSave && <button type="submit">{isNew ? 'Add company' : 'Save'}</button>}
          {!isNew && canDelete && <button type="button" className="danger" onClick={() => void remove()}>Delete</button>}
        </div>
      </form>
      {!isNew && (
        <section className="linked">
          <h3>People ({people.length})</h3>
          <ul>{people.map((p) => <li key={p.id}><Link to={`/contacts/${p.id}`}>{p.name}</Link> <span className="muted">{p.title}</span></li>)}</ul>
          {canLink && unlinked.length > 0 && (
            <form className="inline" onSubmit={(e) => {
              e.preventDefault();
              if (linkId !== '') void mutate('updateContact', { id: linkId, companyId: id }).then(() => setLinkId(''));
            }}>
              <select aria-label="Contact to link" value={linkId} onChange={(e) => setLinkId(e.target.value)}>
                <option value="">Link a contact…</option>
                {unlinked.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
              <button type="submit" disabled={linkId === ''}>Link</button>
            </form>
          )}
        </section>
      )}
    </aside>
  );
}
