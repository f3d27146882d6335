import type { ProvisionStep } from '../tenancy/provision';

export type ProgressEvent =
  | { readonly type: 'step'; readonly step: ProvisionStep; readonly at: string }
  | { readonly type: 'done'; readonly status: 'active'; readonly at: string }
  | { readonly type: 'failed'; readonly error: string; readonly at: string };

type Listener = (e: ProgressEvent) => void;

/**
 * Live provisioning progress for the admin SPA's SSE stream. A late subscriber first gets
 * every event so far, then the rest as they happen.
 * Limitation: held in this process; an SPA connected to another node sees the outcome only
 * through the tenants list (status provisioning -> active/failed).
 */
export class ProvisionProgress {
  private readonly runs = new Map<string, { events: ProgressEvent[]; listeners: Set<Listener> }>();

  start(slug: string): void {
    this.runs.set(slug, { events: [], listeners: this.runs.get(slug)?.listeners ?? new Set() });
  }

  emit(slug: string, e: ProgressEvent): void {
    const run = this.runs.get(slug);
    if (!run) return;
    run.events.push(e);
    for (const l of run.listeners) l(e);
  }

  /** Replays past events, then follows; returns an unsubscribe function, or null if unknown. */
  follow(slug: string, listener: Listener): (() => void) | null {
    const run = this.runs.get(slug);
    if (!run) return null;
    for (const e of run.events) listener(e);
    run.listeners.add(listener);
    return () => run.listeners.delete(listener);
  }

  running(slug: string): boolean {
    const last = this.runs.get(slug)?.events.at(-1);
    return this.runs.has(slug) && last?.type !== 'done' && last?.type !== 'failed';
  }
}
