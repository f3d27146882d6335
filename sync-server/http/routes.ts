import type { Hono } from 'hono';

import { authRoutes } from '../auth/routes';
import type { Platform } from '../platform/platform';
import { clientStaticRoutes } from '../static/client-static';
import { centralApiRoutes } from '../tenancy/central-api';
import { userRoutes } from '../users/routes';
import type { AppEnv } from './tenant-context';

/**
 * Each feature registers its routes through one function; app.ts mounts them in this order.
 * Keeping the list here keeps the request pipeline in app.ts short.
 */
export type RouteModule = (app: Hono<AppEnv>, p: Platform) => void;

// clientStaticRoutes stays last: its SPA fallback answers any GET the API modules left alone.
export const routeModules: RouteModule[] = [centralApiRoutes, authRoutes, userRoutes, clientStaticRoutes];
