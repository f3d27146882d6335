import http from 'node:http';

/**
 * Node can't resolve `*.localhost`, so Node clients (tests, CLI, benchmarks) connect to the
 * server's own address and send the tenant's Host header. Browsers resolve it themselves.
 */
export interface HostResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  json<T = unknown>(): T;
}

export interface HostRequestInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

export function hostRequest(baseUrl: string, host: string, path: string, init: HostRequestInit = {}): Promise<HostResponse> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: init.method ?? 'GET',
        headers: { ...init.headers, host },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body) as T });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/** A `fetch` bound to one Host, for libraries that take a fetch (the Replicache client). */
export function hostFetch(baseUrl: string, host: string): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const u = new URL(typeof input === 'string' || input instanceof URL ? input.toString() : input.url, baseUrl);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const r = await hostRequest(baseUrl, host, u.pathname + u.search, {
      method: init?.method ?? 'GET',
      headers,
      ...(typeof init?.body === 'string' ? { body: init.body } : {}),
    });
    const out = new Headers();
    for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') out.set(k, v);
    return new Response(r.status === 204 ? null : r.body, { status: r.status, headers: out });
  }) as typeof fetch;
}
