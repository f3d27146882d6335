import { appError, err, ok, type AppError, type Result } from './errors';

/** Names that would collide with platform hosts or confuse users if taken as a tenant. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'admin', 'www', 'api', 'app', 'central', 'mail', 'smtp', 'static', 'assets', 'cdn', 'status',
  'help', 'support', 'docs', 'billing', 'auth', 'login', 'root', 'system', 'test', 'localhost',
  'focus', 'focusapp', 'dashboard', 'internal', 'ws', 'sync',
]);

const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])?$/;

/**
 * A slug becomes a subdomain, a database name and a database user name, so it is held to
 * the narrowest of the three: DNS label characters, at most 30 long (user names have the
 * platform prefix added), no leading or trailing hyphen, no double hyphen.
 */
export function validateSlug(input: string): Result<string, AppError> {
  if (!SLUG_RE.test(input) || input.includes('--')) {
    return err(
      appError(
        'validation',
        'A tenant slug is 1-30 lower-case letters, digits or single hyphens, not starting or ending with a hyphen',
        { field: 'slug' },
      ),
    );
  }
  if (RESERVED_SLUGS.has(input)) {
    return err(appError('validation', `"${input}" is reserved and cannot be a tenant slug`, { field: 'slug' }));
  }
  return ok(input);
}
