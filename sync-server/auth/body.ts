import type { Context } from 'hono';
import type { z } from 'zod';

import { appError, err, ok, type AppError, type Result } from '../../shared/errors';

/** Parse a JSON body against a schema; a bad body is a validation error naming the fields. */
export async function readJson<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<Result<z.output<S>, AppError>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    return err(appError('validation', 'The request body must be JSON'));
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return err(
      appError(
        'validation',
        issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '),
        { issues },
      ),
    );
  }
  return ok(parsed.data);
}
