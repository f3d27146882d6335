import { useSyncStatus } from '../data';

/** Online / offline / syncing, with the number of changes still waiting for the server. */
export function SyncIndicator() {
  const { online, syncing, pending } = useSyncStatus();
  const state = !online ? 'offline' : syncing || pending > 0 ? 'syncing' : 'online';
  const label = state === 'offline' ? 'Offline' : state === 'syncing' ? 'Syncing' : 'Online';
  const waiting = pending === 1 ? '1 change waiting' : `${pending} changes waiting`;
  return (
    <div className="sync" data-state={state} role="status" aria-live="polite" data-testid="sync-indicator">
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-label">{label}</span>
      {pending > 0 && <span className="sync-pending" data-testid="pending-count" title={waiting}>{pending}</span>}
      <span className="sr-only">{pending > 0 ? waiting : 'all changes saved'}</span>
    </div>
  );
}
