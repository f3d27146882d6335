import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The platform admin SPA, served on `admin.<base>` by sync-server/admin/static.ts:
 * `npx vite build --config admin/vite.config.ts` (the root config's `--mode admin` is the same).
 * No service worker: the console is online-only by design.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  build: { outDir: here('../dist/admin'), emptyOutDir: true, target: 'es2022', sourcemap: false },
});
