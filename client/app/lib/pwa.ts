import { Workbox } from 'workbox-window';

import { createStore } from './store';

/** True once a new version is installed and waiting; the layout shows the update prompt. */
export const updateReady = createStore(false);

let workbox: Workbox | null = null;

/**
 * Registers the Workbox service worker built by vite-plugin-pwa. Only in a production build:
 * the dev server has no sw.js, and a stale worker there would serve yesterday's code.
 */
export function startPwa(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
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
