import { applyUpdate, updateReady } from '../lib/pwa';
import { useStore } from '../lib/store';

/** Shown when a new version has been downloaded; the user decides when to switch. */
export function UpdatePrompt() {
  const ready = useStore(updateReady);
  if (!ready) return null;
  return (
    <div className="toast" role="status">
      <span>A new version of FocusApp is ready.</span>
      <button type="button" onClick={applyUpdate}>Reload</button>
      <button type="button" className="ghost" onClick={() => updateReady.set(false)}>Later</button>
    </div>
  );
}
