/** The part of a WebSocket the poke connection uses; browsers' WebSocket and `ws` both fit. */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(code?: number): void;
}

export type OpenSocket = (url: string) => SocketLike;

/** Close codes after which reconnecting cannot help (docs/sync.md, S-15). */
const FINAL_CODES = new Set([4401, 4403, 4404]);

export interface PokeSocketOptions {
  readonly url: string;
  readonly open: OpenSocket;
  /** Called on open and on every poke: the owner pulls. */
  readonly onPoke: () => void;
  readonly onConnectedChange: (connected: boolean) => void;
  /** The server refused the socket for good (4401 session ended, 4403, 4404). */
  readonly onRefused: (code: number) => void;
  readonly random?: () => number;
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
}

/**
 * Keeps one poke socket open. Pokes carry no data and may be lost, so the owner pulls on every
 * (re)connect as well; reconnects back off exponentially with jitter so a restarted server is
 * not hit by every device at the same instant (S-16).
 */
export class PokeSocket {
  private socket: SocketLike | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private stopped = false;

  constructor(private readonly opts: PokeSocketOptions) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const s = this.socket;
    this.socket = null;
    s?.close(1000);
  }

  private connect(): void {
    if (this.stopped) return;
    let s: SocketLike;
    try {
      s = this.opts.open(this.opts.url);
    } catch {
      this.retry();
      return;
    }
    this.socket = s;
    s.onopen = () => {
      this.attempt = 0;
      this.opts.onConnectedChange(true);
      this.opts.onPoke();
    };
    s.onmessage = () => this.opts.onPoke();
    s.onerror = () => undefined;
    s.onclose = (ev) => {
      if (this.socket !== s) return;
      this.socket = null;
      this.opts.onConnectedChange(false);
      if (FINAL_CODES.has(ev.code)) this.opts.onRefused(ev.code);
      else this.retry();
    };
  }

  private retry(): void {
    if (this.stopped) return;
    const min = this.opts.minDelayMs ?? 500;
    const max = this.opts.maxDelayMs ?? 30_000;
    const ceiling = Math.min(max, min * 2 ** this.attempt);
    this.attempt++;
    const delay = ceiling / 2 + (this.opts.random ?? Math.random)() * (ceiling / 2);
    this.timer = setTimeout(() => this.connect(), delay);
  }
}
