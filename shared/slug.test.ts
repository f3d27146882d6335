import { describe, expect, it } from 'vitest';

import { validateSlug } from './slug';

describe('validateSlug', () => {
  it.each(['acme', 'a', 'acme-traders', 'a1', '9lives', 'x'.repeat(30)])('T-16: accepts %s', (s) => {
    expect(validateSlug(s)).toEqual({ ok: true, value: s });
  });

  it.each([
    ['', 'empty'], ['Acme', 'upper case'], ['-acme', 'leading hyphen'], ['acme-', 'trailing hyphen'],
    ['ac--me', 'double hyphen'], ['ac_me', 'underscore'], ['ac.me', 'dot'], ['x'.repeat(31), 'too long'],
    ['acme;drop', 'punctuation'], ['ácme', 'non-ascii'],
  ])('T-16: rejects %s (%s)', (s) => {
    const r = validateSlug(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('validation');
  });

  it.each(['admin', 'www', 'api'])('T-16: rejects the reserved word %s', (s) => {
    const r = validateSlug(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('reserved');
  });
});
