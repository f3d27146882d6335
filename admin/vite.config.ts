import { defineConfig } from 'vite';

import { adminConfig } from '../vite.config';

/**
 * `npx vite build --config admin/vite.config.ts`: the same build as the root config's
 * `--mode admin`, defined once there (root, output dist/admin, no service worker).
 */
export default defineConfig(adminConfig());
