import type { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

import type { Logger } from '../logger';

/**
 * Note traffic between server nodes over Redis pub/sub, one channel per tenant document
 * (`<prefix>tenant:<slug>:note:<document>`), so a node only ever hears documents it has open
 * and a tenant's channel never carries another tenant's document. Pub/sub keeps nothing: a
 * node that opens a room asks the others for what it lacks (`hello` with its state vector),
 * which covers updates published before it subscribed and not yet written to the database.
 */
export const RelayKind = { Update: 0, Awareness: 1, Hello: 2 } as const;
export type RelayKind = (typeof RelayKind)[keyof typeof RelayKind];

export interface RelayMessage {
  readonly kind: RelayKind;
  readonly payload: Uint8Array;
}

export type RelayListener = (message: RelayMessage) => void;

export class NoteRelay {
  private sub: Redis | null = null;
  private readonly listeners = new Map<string, RelayListener>();

  constructor(
    private readonly pub: Redis,
    private readonly prefix: string,
    private readonly nodeId: string,
    private readonly logger: Logger,
  ) {}

  channel(slug: string, document: string): string {
    return `${this.prefix}tenant:${slug}:note:${document}`;
  }

  /** Listen to one document; the subscriber connection exists only while rooms are open. */
  async join(slug: string, document: string, listener: RelayListener): Promise<void> {
    const ch = this.channel(slug, document);
    this.listeners.set(ch, listener);
    await this.subscriber().subscribe(ch);
  }

  async leave(slug: string, document: string): Promise<void> {
    const ch = this.channel(slug, document);
    this.listeners.delete(ch);
    const sub = this.sub;
    if (!sub) return;
    await sub.unsubscribe(ch).catch(() => undefined);
    if (this.listeners.size === 0 && this.sub === sub) {
      this.sub = null;
      sub.disconnect();
    }
  }

  async publish(slug: string, document: string, kind: RelayKind, payload: Uint8Array): Promise<void> {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, kind);
    encoding.writeVarString(e, this.nodeId);
    encoding.writeVarUint8Array(e, payload);
    await this.pub.publish(this.channel(slug, document), Buffer.from(encoding.toUint8Array(e)));
  }

  close(): void {
    this.listeners.clear();
    this.sub?.disconnect();
    this.sub = null;
  }

  private subscriber(): Redis {
    if (this.sub) return this.sub;
    const sub = this.pub.duplicate();
    sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.dispatch(channel.toString(), message));
    sub.on('error', (e: Error) => this.logger.warn({ err: e.message }, 'note relay subscriber error'));
    this.sub = sub;
    return sub;
  }

  private dispatch(channel: string, message: Buffer): void {
    const listener = this.listeners.get(channel);
    if (!listener) return;
    let kind: number;
    let from: string;
    let payload: Uint8Array;
    try {
      const d = decoding.createDecoder(new Uint8Array(message));
      kind = decoding.readVarUint(d);
      from = decoding.readVarString(d);
      payload = decoding.readVarUint8Array(d);
    } catch {
      this.logger.warn({ channel }, 'dropped a malformed note relay message');
      return;
    }
    if (from === this.nodeId) return;
    if (kind !== RelayKind.Update && kind !== RelayKind.Awareness && kind !== RelayKind.Hello) return;
    listener({ kind, payload });
  }
}
