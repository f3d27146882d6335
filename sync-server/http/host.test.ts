import { describe, expect, it } from 'vitest';

import { siteOf } from './host';

describe('siteOf', () => {
  it('T-2: a subdomain of the base domain is a tenant, with or without port', () => {
    expect(siteOf('acme.localhost:8080', 'localhost')).toEqual({ kind: 'tenant', slug: 'acme' });
    expect(siteOf('ACME.example.com', 'example.com')).toEqual({ kind: 'tenant', slug: 'acme' });
  });

  it('T-2: admin and the bare base domain are central sites', () => {
    expect(siteOf('admin.localhost', 'localhost')).toEqual({ kind: 'admin' });
    expect(siteOf('localhost:8080', 'localhost')).toEqual({ kind: 'central' });
    expect(siteOf('www.example.com', 'example.com')).toEqual({ kind: 'central' });
  });

  it('T-2: other hosts, nested labels and look-alike domains are refused', () => {
    expect(siteOf('a.b.localhost', 'localhost')).toEqual({ kind: 'unknown' });
    expect(siteOf('acme.evil.com', 'example.com')).toEqual({ kind: 'unknown' });
    expect(siteOf('acme.notexample.com', 'example.com')).toEqual({ kind: 'unknown' });
    expect(siteOf('acmeexample.com', 'example.com')).toEqual({ kind: 'unknown' });
    expect(siteOf(undefined, 'example.com')).toEqual({ kind: 'unknown' });
  });
});
