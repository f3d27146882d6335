import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The workspace PWA served on tenant hosts. The service worker precaches the whole app shell
 * (every hashed asset plus index.html) so a phone with no network still opens the app; API
 * calls are never cached by it, since the local replica is the offline store.
 * `registerType: 'prompt'`: a new deploy waits for the user to accept (client/app/pwa.ts),
 * so a half-typed form is never reloaded away.
 */
function clientConfig(): UserConfig {
  return {
    root: here('./client'),
    publicDir: here('./client/public'),
    base: '/',
    plugins: [
      react(),
      VitePWA({
        registerType: 'prompt',
        injectRegister: false,
        strategies: 'generateSW',
        filename: 'sw.js',
        manifestFilename: 'manifest.webmanifest',
        includeAssets: ['icon.svg', 'apple-touch-icon.png'],
        manifest: {
          name: 'FocusApp',
          short_name: 'Focus',
          description: 'Contacts, pipeline and tasks that work offline',
          start_url: '/',
          scope: '/',
          display: 'standalone',
          orientation: 'any',
          background_color: '#f6f7f9',
          theme_color: '#1f4fd1',
          icons: [
            { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
            { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
            { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
            { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
          ],
        },
        workbox: {
          globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,woff2}'],
          navigateFallback: '/index.html',
          // Never answer API or socket paths from the shell: they must fail honestly offline.
          navigateFallbackDenylist: [/^\/api\//, /^\/healthz/, /^\/readyz/],
          cleanupOutdatedCaches: true,
          // The first install takes the open page at once, so it works offline without a reload.
          clientsClaim: true,
          maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        },
      }),
    ],
    build: {
      outDir: here('./dist/client'),
      emptyOutDir: true,
      sourcemap: false,
      target: 'es2022',
      // The editor chunk (TipTap + Yjs) is ~550 kB and loads only with a task or deal.
      chunkSizeWarningLimit: 700,
    },
  };
}

/**
 * The platform admin SPA, served on `admin.<base>` by sync-server/admin/static.ts:
 * `vite build --mode admin`, or `vite build --config admin/vite.config.ts`, which reads this.
 * No service worker: the console is online-only by design.
 */
export function adminConfig(): UserConfig {
  return {
    root: here('./admin'),
    base: '/',
    plugins: [react()],
    build: { outDir: here('./dist/admin'), emptyOutDir: true, target: 'es2022', sourcemap: false },
  };
}

export default defineConfig(({ mode }) => (mode === 'admin' ? adminConfig() : clientConfig()));
