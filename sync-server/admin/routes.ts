import type { Hono } from 'hono';

import type { AppEnv } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import { adminAuthRoutes } from './auth-routes';
import { adminOpsRoutes } from './ops-routes';
import { adminPlanRoutes } from './plan-routes';
import { adminTenantRoutes } from './tenant-routes';

/**
 * The admin API, `admin.<base>/api/admin/*` only. The host check is mounted first, so on any
 * other host every admin path answers 404 (docs/admin.md, A-1).
 */
export function adminRoutes(app: Hono<AppEnv>, p: Platform): void {
  adminAuthRoutes(app, p);
  adminTenantRoutes(app, p);
  adminPlanRoutes(app, p);
  adminOpsRoutes(app, p);
}
