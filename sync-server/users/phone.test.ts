import { describe, expect, it } from 'vitest';

import { normalisePhone } from './phone';

describe('normalisePhone', () => {
  it('drops spaces, dashes, dots and brackets and keeps a leading +', () => {
    expect(normalisePhone(' +91 (98765) 43-210 ')).toBe('+919876543210');
    expect(normalisePhone('080.2345.6789')).toBe('08023456789');
  });

  it('refuses letters, a + in the middle, and too few or too many digits', () => {
    expect(normalisePhone('call me')).toBeNull();
    expect(normalisePhone('91+9876543210')).toBeNull();
    expect(normalisePhone('12345')).toBeNull();
    expect(normalisePhone('+1234567890123456')).toBeNull();
  });
});
