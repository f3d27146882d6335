import { Workbox } from 'workbox-window';

import { createStore } from './store';

/** True once a new version is installed and waiting; the layout shows the update prompt. */
export const updateReady = createStore(false);

let workbox: Workbox | null = null;

/**
 * Registers the Workbox service worker built by vite-plugin-pwa. Not on the dev server: it has
 * no sw.js, and a stale worker there would serve yesterday's code. (MODE, not PROD: a build run
 * from inside a test runner has NODE_ENV=test but is still a real build with a worker.)
 */
export function startPwa(): void {
  if (import.meta.env.MODE === 'development' || !('serviceWorker' in navigator)) return;
  workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => updateReady.set(true));
  workbox.register().catch(() => {
    // Limitation: a browser that refuses service workers (private mode, insecure origin)
    // still runs the app online; it just won't start without a network.
  });
}

/** Activates the waiting worker, then reloads once it controls the page. */
export function applyUpdate(): void {
  const wb = workbox;
  if (wb === null) return;
  wb.addEventListener('controlling', () => window.location.reload());
  wb.messageSkipWaiting();
}
