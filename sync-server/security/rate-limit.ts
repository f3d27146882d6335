import type { Context, MiddlewareHandler } from 'hono';
import type { Redis } from 'ioredis';

import { sha256 } from '../../shared/crypto';
import { appError } from '../../shared/errors';
import { siteOf, type Site } from '../http/host';
import { problem } from '../http/problem';
import type { AppEnv } from '../http/tenant-context';
import type { Platform } from '../platform/platform';

/** At most `limit` events per `windowMs` for one key (an account, an address, a session). */
export interface RateRule {
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
}

export interface RateState {
  /** False once the key has used up its window. */
  readonly allowed: boolean;
  readonly count: number;
  /** Seconds until the window resets; what a 429 puts in Retry-After. */
  readonly retryAfterSeconds: number;
}

/**
 * Fixed-window counters in Redis, shared by every server node. Keys start with the database
 * prefix and the scope (a tenant slug), so test runs don't collide and a tenant's counters can
 * be dropped with it. The counted identifier is hashed: e-mail addresses and client addresses
 * do not sit in Redis in plain text (docs/tenancy.md, T-14).
 * Limitation: a fixed window lets a burst of up to 2x the limit straddle a boundary; for
 * sign-in throttling that is acceptable, and it costs one round trip per check.
 */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Count one event and say whether it was still within the limit. */
  async hit(rule: RateRule, id: string): Promise<RateState> {
    const key = this.key(rule, id);
    // SET NX starts the window with its expiry; INCR keeps that expiry. One MULTI, so two
    // nodes counting the same key at once can't leave a counter without an expiry.
    const replies = await this.redis
      .multi()
      .set(key, '0', 'PX', rule.windowMs, 'NX')
      .incr(key)
      .pttl(key)
      .exec();
    const count = Number(replies?.[1]?.[1] ?? 0);
    const ttl = Number(replies?.[2]?.[1] ?? rule.windowMs);
    return state(rule, count, ttl, count <= rule.limit);
  }

  /** Whether the key is already over its limit, without counting anything. */
  async peek(rule: RateRule, id: string): Promise<RateState> {
    const key = this.key(rule, id);
    const [raw, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
    const count = raw === null ? 0 : Number(raw);
    return state(rule, count, ttl, count < rule.limit);
  }

  /** Take back one counted event (an attempt that turned out fine); the window is kept. */
  async undo(rule: RateRule, id: string): Promise<void> {
    // Only while the window lives: a DECR on an expired key would leave a key with no expiry.
    await this.redis.eval(UNDO, 1, this.key(rule, id));
  }

  async reset(rule: RateRule, id: string): Promise<void> {
    await this.redis.del(this.key(rule, id));
  }

  private key(rule: RateRule, id: string): string {
    return `${this.prefix}rl:${rule.name}:${sha256(id)}`;
  }
}

const UNDO =
  "if redis.call('exists', KEYS[1]) == 1 then return redis.call('decr', KEYS[1]) end return 0";

function state(rule: RateRule, count: number, ttlMs: number, allowed: boolean): RateState {
  const ms = ttlMs > 0 ? ttlMs : rule.windowMs;
  return { allowed, count, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
}

/** The limiter for one scope: a tenant slug, or `central` / `admin` for the platform sites. */
export function limiterFor(p: Platform, scope: string): RateLimiter {
  return new RateLimiter(p.redis, `${p.config.dbPrefix}${scope}:`);
}

export function scopeOf(site: Site): string {
  return site.kind === 'tenant' ? site.slug : site.kind;
}

/** A 429 problem document with Retry-After. */
export function rateLimited(
  c: Context,
  s: RateState,
  message = 'Too many attempts; try again later',
): Response {
  c.header('Retry-After', String(s.retryAfterSeconds));
  return problem(c, appError('rate_limited', message, { retryAfterSeconds: s.retryAfterSeconds }));
}

/**
 * Middleware for any route: count every request under `keyOf(c)` (a session, an address) and
 * answer 429 once the rule's limit is used up.
 */
export function rateLimit<E extends AppEnv>(
  p: Platform,
  rule: RateRule,
  keyOf: (c: Context<E>) => string,
): MiddlewareHandler<E> {
  return async (c, next) => {
    const s = await limiterFor(p, scopeOf(siteOf(c.req.header('host'), p.config.baseDomain))).hit(
      rule,
      keyOf(c),
    );
    if (!s.allowed) return rateLimited(c, s);
    await next();
  };
}
