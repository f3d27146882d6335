import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small Meilisearch for tests, answering the calls the adapter makes the way Meilisearch's
 * documented API does: writes return 202 with a summarised task, `GET /tasks/:uid` gives the
 * full task (failed tasks carry an error object), errors are `{message, code, type, link}`.
 * Tasks are processed at once; search matches every term as a word prefix.
 */
export interface FakeMeili {
  readonly url: string;
  readonly apiKey: string;
  /** Index uids that exist, for isolation checks. */
  indexes(): string[];
  close(): Promise<void>;
}

type Doc = Record<string, unknown>;

interface IndexState {
  readonly uid: string;
  primaryKey: string | null;
  filterable: string[];
  searchable: string[];
  readonly docs: Map<string, Doc>;
  readonly createdAt: string;
}

interface TaskError {
  readonly message: string;
  readonly code: string;
  readonly type: 'invalid_request' | 'internal' | 'auth';
  readonly link: string;
}

interface TaskState {
  readonly uid: number;
  readonly indexUid: string | null;
  readonly type: string;
  status: 'enqueued' | 'processing' | 'succeeded' | 'failed';
  details: Record<string, unknown>;
  error: TaskError | null;
  readonly enqueuedAt: string;
}

class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly type: TaskError['type'] = 'invalid_request') {
    super(message);
  }
}

const UID = /^[A-Za-z0-9_-]{1,400}$/;

export async function startFakeMeili(apiKey = 'test-master-key'): Promise<FakeMeili> {
  const indexes = new Map<string, IndexState>();
  const tasks: TaskState[] = [];

  const enqueue = (indexUid: string | null, type: string, details: Record<string, unknown>, work: () => void) => {
    const task: TaskState = { uid: tasks.length, indexUid, type, status: 'enqueued', details, error: null, enqueuedAt: new Date().toISOString() };
    tasks.push(task);
    try {
      work();
      task.status = 'succeeded';
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      task.status = 'failed';
      task.error = errorBody(e);
    }
    return { status: 202, body: { taskUid: task.uid, indexUid, status: 'enqueued', type, enqueuedAt: task.enqueuedAt } };
  };

  const need = (uid: string): IndexState => {
    const idx = indexes.get(uid);
    if (!idx) throw new ApiError(404, 'index_not_found', `Index \`${uid}\` not found.`);
    return idx;
  };

  const create = (uid: string, primaryKey: string | null): IndexState => {
    const idx: IndexState = { uid, primaryKey, filterable: [], searchable: ['*'], docs: new Map(), createdAt: new Date().toISOString() };
    indexes.set(uid, idx);
    return idx;
  };

  async function route(method: string, parts: string[], query: URLSearchParams, body: unknown): Promise<{ status: number; body: unknown }> {
    const [root, uid, sub, subsub] = parts;
    if (root === 'tasks' && uid !== undefined && method === 'GET') {
      const task = tasks[Number(uid)];
      if (!task) throw new ApiError(404, 'task_not_found', `Task \`${uid}\` not found.`);
      return { status: 200, body: fullTask(task) };
    }
    if (root !== 'indexes') throw new ApiError(404, 'not_found', 'Not found');

    if (uid === undefined && method === 'POST') {
      const b = body as { uid?: unknown; primaryKey?: unknown };
      if (typeof b.uid !== 'string' || !UID.test(b.uid)) throw new ApiError(400, 'invalid_index_uid', `\`${String(b.uid)}\` is not a valid index uid.`);
      const newUid = b.uid;
      return enqueue(newUid, 'indexCreation', { primaryKey: b.primaryKey ?? null }, () => {
        if (indexes.has(newUid)) throw new ApiError(409, 'index_already_exists', `Index \`${newUid}\` already exists.`);
        create(newUid, typeof b.primaryKey === 'string' ? b.primaryKey : null);
      });
    }
    if (uid === undefined) throw new ApiError(405, 'not_found', 'Method not allowed');

    if (sub === 'settings' && method === 'PATCH') {
      const s = body as { filterableAttributes?: string[]; searchableAttributes?: string[] };
      return enqueue(uid, 'settingsUpdate', s as Record<string, unknown>, () => {
        const idx = indexes.get(uid) ?? create(uid, null);
        if (s.filterableAttributes) idx.filterable = s.filterableAttributes;
        if (s.searchableAttributes) idx.searchable = s.searchableAttributes;
      });
    }
    if (sub === 'documents' && subsub === undefined && method === 'POST') {
      if (!Array.isArray(body)) throw new ApiError(400, 'malformed_payload', 'The payload must be an array of documents.');
      const docs = body as Doc[];
      return enqueue(uid, 'documentAdditionOrUpdate', { receivedDocuments: docs.length, indexedDocuments: docs.length }, () => {
        const idx = indexes.get(uid) ?? create(uid, query.get('primaryKey'));
        const pk = idx.primaryKey ?? query.get('primaryKey');
        if (!pk) throw new ApiError(400, 'index_primary_key_no_candidate_found', 'The primary key inference failed.');
        idx.primaryKey = pk;
        for (const d of docs) {
          const id = d[pk];
          if (typeof id !== 'string' || !UID.test(id)) throw new ApiError(400, 'invalid_document_id', `Document identifier \`${String(id)}\` is invalid.`);
        }
        for (const d of docs) idx.docs.set(d[pk] as string, d);
      });
    }
    if (sub === 'documents' && subsub === 'delete-batch' && method === 'POST') {
      const ids = body as string[];
      return enqueue(uid, 'documentDeletion', { providedIds: ids.length }, () => {
        const idx = need(uid);
        for (const id of ids) idx.docs.delete(String(id));
      });
    }
    if (sub === 'documents' && subsub === undefined && method === 'DELETE') {
      return enqueue(uid, 'documentDeletion', {}, () => need(uid).docs.clear());
    }
    if (sub === 'search' && method === 'POST') return { status: 200, body: search(need(uid), body as SearchBody) };
    throw new ApiError(404, 'not_found', 'Not found');
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      void (async () => {
        const auth = req.headers.authorization;
        if (!auth) throw new ApiError(401, 'missing_authorization_header', 'The Authorization header is missing. It must use the bearer authorization method.', 'auth');
        if (auth !== `Bearer ${apiKey}`) throw new ApiError(403, 'invalid_api_key', 'The provided API key is invalid.', 'auth');
        const url = new URL(req.url ?? '/', 'http://x');
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: unknown = undefined;
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          throw new ApiError(400, 'malformed_payload', 'The json payload provided is malformed.');
        }
        const r = await route(req.method ?? 'GET', url.pathname.split('/').filter(Boolean), url.searchParams, body);
        reply(r.status, r.body);
      })().catch((e: unknown) => {
        if (e instanceof ApiError) reply(e.status, errorBody(e));
        else reply(500, { message: String(e), code: 'internal', type: 'internal', link: 'https://docs.meilisearch.com/errors#internal' });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    indexes: () => [...indexes.keys()],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface SearchBody {
  readonly q?: string;
  readonly filter?: string;
  readonly limit?: number;
  readonly offset?: number;
  readonly attributesToRetrieve?: string[];
}

function search(idx: IndexState, b: SearchBody): Record<string, unknown> {
  const match = filterOf(idx, b.filter);
  const terms = (b.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const fields = idx.searchable.includes('*') ? null : idx.searchable;
  const scored: { doc: Doc; rank: number }[] = [];
  for (const doc of idx.docs.values()) {
    if (!match(doc)) continue;
    const words = (f: string) => String(doc[f] ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u);
    const searchable = fields ?? Object.keys(doc);
    // Attribute ranking: a term found in an earlier searchable attribute ranks higher.
    let rank = 0;
    let all = true;
    for (const t of terms) {
      const at = searchable.findIndex((f) => words(f).some((w) => w.startsWith(t)));
      if (at < 0) all = false;
      rank += at;
    }
    if (all) scored.push({ doc, rank });
  }
  scored.sort((x, y) => x.rank - y.rank);
  const offset = b.offset ?? 0;
  const limit = b.limit ?? 20;
  const pick = (d: Doc) => (b.attributesToRetrieve ? Object.fromEntries(b.attributesToRetrieve.filter((a) => a in d).map((a) => [a, d[a]])) : d);
  return {
    hits: scored.slice(offset, offset + limit).map((s) => pick(s.doc)),
    query: b.q ?? '',
    processingTimeMs: 0,
    limit,
    offset,
    estimatedTotalHits: scored.length,
  };
}

/** The filter forms the adapter sends: `attr = value` and `attr IN [v1, v2]`. */
function filterOf(idx: IndexState, filter: string | undefined): (d: Doc) => boolean {
  if (filter === undefined) return () => true;
  const m = /^(\w+)\s*(=|IN)\s*(.+)$/.exec(filter.trim());
  if (!m) throw new ApiError(400, 'invalid_search_filter', `Was expecting an operation \`=\`, \`IN\` at \`${filter}\`.`);
  const [, attr, op, rest] = m as unknown as [string, string, string, string];
  if (!idx.filterable.includes(attr)) {
    throw new ApiError(400, 'invalid_search_filter', `Attribute \`${attr}\` is not filterable. Available filterable attributes are: \`${idx.filterable.join(', ')}\`.`);
  }
  const values = op === 'IN' ? (JSON.parse(rest) as unknown[]) : [JSON.parse(rest) as unknown];
  return (d) => values.includes(d[attr]);
}

function fullTask(t: TaskState): Record<string, unknown> {
  const done = t.status === 'succeeded' || t.status === 'failed';
  return {
    uid: t.uid, batchUid: t.uid, indexUid: t.indexUid, status: t.status, type: t.type, canceledBy: null,
    details: t.details, error: t.error, duration: done ? 'PT0.001S' : null, enqueuedAt: t.enqueuedAt,
    startedAt: done ? t.enqueuedAt : null, finishedAt: done ? new Date().toISOString() : null,
  };
}

function errorBody(e: ApiError): TaskError {
  return { message: e.message, code: e.code, type: e.type, link: `https://docs.meilisearch.com/errors#${e.code}` };
}
