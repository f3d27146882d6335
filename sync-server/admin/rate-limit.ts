import type { Redis } from 'ioredis';

/**
 * A fixed-window counter in Redis, shared by every node. Returns whether this attempt is
 * within the limit; the window starts at the first attempt.
 */
export async function withinLimit(
  redis: Redis,
  key: string,
  opts: { readonly limit: number; readonly windowSeconds: number },
): Promise<boolean> {
  const n = await redis.incr(key);
  if (n === 1) await redis.expire(key, opts.windowSeconds);
  return n <= opts.limit;
}
