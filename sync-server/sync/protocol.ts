import { z } from 'zod';

/** Replicache protocol v1 request bodies, as the server accepts them (docs/sync.md, S-1, S-7). */

const clientID = z.string().min(1).max(64);

export const pushRequestSchema = z.object({
  pushVersion: z.number().int(),
  clientGroupID: clientID,
  mutations: z.array(
    z.object({
      clientID,
      id: z.number().int().min(1),
      name: z.string().max(80),
      args: z.unknown(),
      timestamp: z.number(),
    }),
  ).max(5_000),
  profileID: z.string().max(64),
  schemaVersion: z.string().max(40),
});
export type PushRequest = z.output<typeof pushRequestSchema>;
export type PushMutation = PushRequest['mutations'][number];

/** Our cookie is the client view record's version; `null` on a device's first pull. */
export const cookieSchema = z.union([z.null(), z.number().int().min(0), z.object({ order: z.number().int().min(0) })]);

export const pullRequestSchema = z.object({
  pullVersion: z.number().int(),
  clientGroupID: clientID,
  cookie: cookieSchema,
  profileID: z.string().max(64),
  schemaVersion: z.string().max(40),
});
export type PullRequest = z.output<typeof pullRequestSchema>;

export function cookieOrder(cookie: PullRequest['cookie']): number | null {
  if (cookie === null) return null;
  return typeof cookie === 'number' ? cookie : cookie.order;
}

export type PatchOperation =
  | { readonly op: 'put'; readonly key: string; readonly value: unknown }
  | { readonly op: 'del'; readonly key: string }
  | { readonly op: 'clear' };

/** A pull response; `more` is our extension: the page was full and the client pulls again (S-11). */
export interface PullResponse {
  readonly cookie: number;
  readonly lastMutationIDChanges: Record<string, number>;
  readonly patch: readonly PatchOperation[];
  readonly more?: boolean;
}

export type VersionNotSupported = { readonly error: 'VersionNotSupported'; readonly versionType: 'push' | 'pull' | 'schema' };
export type ClientStateNotFound = { readonly error: 'ClientStateNotFound' };
