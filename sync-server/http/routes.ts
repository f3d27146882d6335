import type { Hono } from 'hono';

import { adminRoutes } from '../admin/routes';
import { accountingRoutes } from '../accounting/routes';
import { adminStaticRoutes } from '../admin/static';
import { authRoutes } from '../auth/routes';
import { billingRoutes } from '../billing/routes';
import type { Platform } from '../platform/platform';
import { searchRoutes } from '../search/routes';
import { attachmentRoutes } from '../storage/routes';
import { clientStaticRoutes } from '../static/client-static';
import { centralApiRoutes } from '../tenancy/central-api';
import { userRoutes } from '../users/routes';
import type { AppEnv } from './tenant-context';
import { syncRoutes } from '../sync/routes';

/**
 * Each feature registers its routes through one function; app.ts mounts them in this order.
 * Keeping the list here keeps the request pipeline in app.ts short.
 */
export type RouteModule = (app: Hono<AppEnv>, p: Platform) => void;

// clientStaticRoutes stays last: its SPA fallback answers any GET the API modules left alone.
export const routeModules: RouteModule[] = [centralApiRoutes, authRoutes, userRoutes, syncRoutes, adminRoutes, billingRoutes, adminStaticRoutes, searchRoutes, accountingRoutes, attachmentRoutes, clientStaticRoutes];
