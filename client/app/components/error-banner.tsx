import { dismissRejection, useRejections, useSyncStatus } from '../data';
import { explainRejection, storageFull } from '../lib/problems';
import { useStore } from '../lib/store';
import { sessionExpired } from '../session';

/**
 * Problems the user can meet, in plain words: a change the server refused, an expired
 * session, a full device, an app version the server no longer accepts.
 */
export function ErrorBanner() {
  const rejections = useRejections();
  const expired = useStore(sessionExpired);
  const full = useStore(storageFull);
  const { versionNotSupported } = useSyncStatus();

  return (
    <div className="banners" aria-live="polite">
      {expired && (
        <p className="banner warn" role="alert">
          Your session has expired. Sign in again to keep syncing; your unsynced changes stay
          on this device.
        </p>
      )}
      {versionNotSupported && (
        <p className="banner warn" role="alert">
          This version of FocusApp is out of date.{' '}
          <button type="button" onClick={() => window.location.reload()}>Reload</button>
        </p>
      )}
      {full && (
        <p className="banner warn" role="alert">
          This device is out of storage space. New changes may not be kept offline: free some
          space or stay online until they sync.
          <button type="button" className="ghost" onClick={() => storageFull.set(false)}>Dismiss</button>
        </p>
      )}
      {rejections.map((r) => (
        <p className="banner error" role="alert" key={r.key} data-testid="rejection">
          {explainRejection(r)}
          <button type="button" className="ghost" onClick={() => dismissRejection(r.key)}>
            Dismiss
          </button>
        </p>
      ))}
    </div>
  );
}
