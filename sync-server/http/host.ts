/**
 * Host header to site: `<slug>.<base>` is a tenant, `admin.<base>` the admin SPA and its API,
 * the bare base domain the central site (docs/tenancy.md, T-2). Anything else is refused.
 */
export type Site =
  | { readonly kind: 'central' }
  | { readonly kind: 'admin' }
  | { readonly kind: 'tenant'; readonly slug: string }
  | { readonly kind: 'unknown' };

export function siteOf(hostHeader: string | undefined, baseDomain: string): Site {
  if (!hostHeader) return { kind: 'unknown' };
  const host = hostHeader.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  if (host === baseDomain || host === '127.0.0.1' || host === '[::1]') return { kind: 'central' };
  if (!host.endsWith(`.${baseDomain}`)) return { kind: 'unknown' };
  const label = host.slice(0, -(baseDomain.length + 1));
  if (label === 'admin') return { kind: 'admin' };
  if (label === 'www') return { kind: 'central' };
  // One label only: `a.b.base` is not a tenant, so nobody can shadow a slug with a sub-subdomain.
  if (!/^[a-z0-9-]+$/.test(label)) return { kind: 'unknown' };
  return { kind: 'tenant', slug: label };
}
