import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** Stands in for the address when there is no socket (in-process `app.request` in tests). */
export const UNKNOWN_ADDRESS = 'unknown';

export interface AddressOptions {
  /**
   * Trust `X-Forwarded-For` (FOCUS_TRUST_PROXY=1). Only behind a proxy that sets it: anyone
   * can send the header, so trusting it otherwise lets a client pick its own rate-limit key.
   */
  readonly trustProxy: boolean;
}

/**
 * The client's address, for per-address rate limits and audit lines. Behind a trusted proxy
 * the last `X-Forwarded-For` entry is the one that proxy appended: earlier entries came from
 * the client and prove nothing.
 */
export function clientAddress(c: Context, opts: AddressOptions): string {
  if (opts.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? UNKNOWN_ADDRESS;
  } catch {
    // app.request() runs without a Node socket.
    return UNKNOWN_ADDRESS;
  }
}

/** FOCUS_TRUST_PROXY as Config reads it, for code that has no Platform at hand. */
export function trustProxyFrom(env: NodeJS.ProcessEnv): boolean {
  return env.FOCUS_TRUST_PROXY === '1' || env.FOCUS_TRUST_PROXY === 'true';
}
