import { z } from 'zod';

/**
 * Phone numbers are stored in one canonical form (digits, with a leading + when given), so
 * that the blind index of "+91 98765-43210" and "+919876543210" is the same.
 */
export function normalisePhone(raw: string): string | null {
  const compact = raw.trim().replace(/[\s().-]/g, '');
  return /^\+?[0-9]{6,15}$/.test(compact) ? compact : null;
}

export const PhoneSchema = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const phone = normalisePhone(v);
    if (phone === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'phone: 6 to 15 digits, optionally starting with +',
      });
      return z.NEVER;
    }
    return phone;
  });
