import type { Redis } from 'ioredis';

import type { Logger } from '../logger';

/**
 * Tenant-scoped events between server nodes over Redis pub/sub. Each tenant has its own
 * channel, and a subscriber only ever hears the channel of the tenant it asked for
 * (docs/sync.md, S-12). Messages carry no row data: pub/sub keeps nothing, so losing one must
 * only ever delay a client, never lose a change.
 */
export type BusEvent =
  | { readonly type: 'poke' }
  | { readonly type: 'permissions' }
  | { readonly type: 'session-revoked'; readonly sessionId: string }
  | { readonly type: 'tenant-status' }
  | { readonly type: 'job'; readonly jobId: string };

export type BusListener = (slug: string, event: BusEvent) => void;

export class TenantBus {
  private readonly sub: Redis;
  private readonly listeners = new Map<string, Set<BusListener>>();

  constructor(
    private readonly pub: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    this.sub = pub.duplicate();
    this.sub.on('message', (channel: string, message: string) => this.dispatch(channel, message));
  }

  channel(slug: string): string {
    return `${this.prefix}tenant:${slug}`;
  }

  async publish(slug: string, event: BusEvent): Promise<void> {
    await this.pub.publish(this.channel(slug), JSON.stringify(event));
  }

  /** Listen to one tenant's events; returns an unsubscribe function. */
  async subscribe(slug: string, listener: BusListener): Promise<() => Promise<void>> {
    const ch = this.channel(slug);
    let set = this.listeners.get(ch);
    if (!set) {
      set = new Set();
      this.listeners.set(ch, set);
      await this.sub.subscribe(ch);
    }
    set.add(listener);
    return async () => {
      const s = this.listeners.get(ch);
      if (!s) return;
      s.delete(listener);
      if (s.size === 0) {
        this.listeners.delete(ch);
        await this.sub.unsubscribe(ch);
      }
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.sub.disconnect();
  }

  private dispatch(channel: string, message: string): void {
    const set = this.listeners.get(channel);
    if (!set) return;
    const slug = channel.slice(`${this.prefix}tenant:`.length);
    let event: BusEvent;
    try {
      event = JSON.parse(message) as BusEvent;
    } catch {
      this.logger.warn({ channel }, 'dropped a malformed bus message');
      return;
    }
    for (const l of set) l(slug, event);
  }
}
