import { randomUUID } from 'node:crypto';

import type { MutatorArgs, MutatorName } from '../../mutators';
import { SCHEMA_VERSION } from '../../mutators';
import { hostRequest } from '../../sync-server/http/host-client';

export interface SeedMutation<N extends MutatorName = MutatorName> {
  readonly name: N;
  readonly args: MutatorArgs<N>;
}

export function m<N extends MutatorName>(name: N, args: MutatorArgs<N>): SeedMutation {
  return { name, args } as SeedMutation;
}

/** Signs in over HTTP as a Node client and returns the bearer token. */
export async function signInToken(baseUrl: string, host: string, email: string, password: string): Promise<string> {
  const res = await hostRequest(baseUrl, host, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, deviceId: 'seed-script' }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.body}`);
  return res.json<{ token: string }>().token;
}

/**
 * Writes data the way any device does: Replicache push requests through the sync endpoint
 * (docs/sync.md, S-1), in batches under the 5,000-mutation and 4 MB limits.
 */
export async function pushAll(baseUrl: string, host: string, token: string, mutations: readonly SeedMutation[], batch = 1000): Promise<void> {
  const clientGroupID = `seed-${randomUUID()}`;
  const clientID = `seed-${randomUUID()}`;
  let id = 0;
  for (let i = 0; i < mutations.length; i += batch) {
    const body = {
      pushVersion: 1, clientGroupID, profileID: 'seed', schemaVersion: SCHEMA_VERSION,
      mutations: mutations.slice(i, i + batch).map((mu) => ({ clientID, id: ++id, name: mu.name, args: mu.args, timestamp: Date.now() })),
    };
    const res = await hostRequest(baseUrl, host, '/api/sync/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    if (res.status !== 200 || res.body.includes('"error"')) throw new Error(`push failed: ${res.status} ${res.body.slice(0, 300)}`);
  }
}
