import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

/**
 * A local stand-in for api.razorpay.com that answers the documented subscription and plan
 * endpoints with entities of the documented shape, and checks HTTP basic auth as the real
 * API does (key id and secret).
 */
export interface FakeRazorpay {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** What Razorpay does once the customer authorises the mandate and the first charge clears. */
  activate(subscriptionId: string): void;
  close(): Promise<void>;
}

type Entity = Record<string, unknown>;

export async function startFakeRazorpay(keyId: string, keySecret: string): Promise<FakeRazorpay> {
  const requests: RecordedRequest[] = [];
  const plans = new Map<string, Entity>();
  const subs = new Map<string, Entity>();
  let n = 0;
  const expectedAuth = `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString('base64')}`;
  const now = () => Math.floor(Date.now() / 1000);

  const route = (method: string, path: string, body: Entity): [number, Entity] => {
    if (method === 'POST' && path === '/v1/plans') {
      const plan = {
        id: `plan_${++n}`,
        entity: 'plan',
        interval: body.interval,
        period: body.period,
        item: body.item,
        notes: body.notes ?? {},
        created_at: now(),
      };
      plans.set(plan.id, plan);
      return [200, plan];
    }
    if (method === 'POST' && path === '/v1/subscriptions') {
      if (typeof body.plan_id !== 'string' || !plans.has(body.plan_id))
        return [400, errorBody('The id provided does not exist')];
      const sub = {
        id: `sub_${++n}`,
        entity: 'subscription',
        plan_id: body.plan_id,
        status: 'created',
        quantity: body.quantity ?? 1,
        total_count: body.total_count,
        paid_count: 0,
        customer_notify: body.customer_notify,
        notes: body.notes ?? {},
        current_start: null,
        current_end: null,
        short_url: `https://rzp.io/i/${n}`,
        created_at: now(),
      };
      subs.set(sub.id, sub);
      return [200, sub];
    }
    const m = /^\/v1\/subscriptions\/(sub_\d+)(\/cancel)?$/.exec(path);
    const sub = m ? subs.get(m[1]!) : undefined;
    if (!m || !sub) return [404, errorBody('The requested URL was not found on the server.')];
    if (method === 'GET' && !m[2]) return [200, sub];
    if (method === 'PATCH' && !m[2]) {
      if (typeof body.plan_id === 'string' && !plans.has(body.plan_id))
        return [400, errorBody('The id provided does not exist')];
      Object.assign(sub, { plan_id: body.plan_id ?? sub.plan_id });
      return [200, sub];
    }
    if (method === 'POST' && m[2]) {
      Object.assign(sub, { status: 'cancelled', ended_at: now() });
      return [200, sub];
    }
    return [405, errorBody('Method not allowed')];
  };

  const server: Server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const body = raw ? (JSON.parse(raw) as Entity) : {};
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      requests.push({
        method: req.method ?? '',
        path,
        authorization: req.headers.authorization,
        body: raw ? body : null,
      });
      const [status, answer] =
        req.headers.authorization === expectedAuth
          ? route(req.method ?? '', path, body)
          : [401, errorBody('Authentication failed')];
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    activate: (id) => {
      const sub = subs.get(id);
      if (sub)
        Object.assign(sub, {
          status: 'active',
          current_start: now(),
          current_end: now() + 30 * 86_400,
          paid_count: 1,
        });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function errorBody(description: string): Entity {
  return {
    error: { code: 'BAD_REQUEST_ERROR', description, source: 'NA', step: 'NA', reason: 'NA' },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.on('data', (chunk: Buffer) => (s += chunk.toString('utf8')));
    req.on('end', () => resolve(s));
  });
}
