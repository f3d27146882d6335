import { useMemo } from 'react';

import { useEntities } from '../data';
import { buildIndex, hrefOf, search } from '../lib/search';
import { Link, useLocation } from '../router';
import type { ScreenProps } from '../routes';

const KIND_LABEL = { contact: 'Contact', company: 'Company', deal: 'Deal', task: 'Task' } as const;

export default function SearchScreen(_props: ScreenProps) {
  const { query } = useLocation();
  // Not deferred: a scan takes a few ms, and a deferred render would wait for the next frame.
  const q = query.get('q') ?? '';
  const contacts = useEntities('contact');
  const companies = useEntities('company');
  const deals = useEntities('deal');
  const tasks = useEntities('task');
  const index = useMemo(() => buildIndex({ contacts, companies, deals, tasks }), [contacts, companies, deals, tasks]);
  const results = useMemo(() => search(index, q), [index, q]);

  return (
    <section className="screen" data-query={q}>
      <h1>Search</h1>
      {q.trim() === '' ? (
        <p className="muted">Type in the search box to find contacts, companies, deals and tasks. Works offline.</p>
      ) : results.length === 0 ? (
        <p className="muted">Nothing matches “{q}”.</p>
      ) : (
        <ul className="results" data-testid="search-results">
          {results.map((r) => (
            <li key={`${r.kind}/${r.id}`}>
              <Link to={hrefOf(r)}>
                <span className={`badge kind-${r.kind}`}>{KIND_LABEL[r.kind]}</span>
                <strong>{r.title}</strong>
                {r.subtitle !== '' && <span className="muted"> · {r.subtitle}</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
