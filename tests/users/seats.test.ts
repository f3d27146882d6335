import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';

let t: TestPlatform;
let acme: TestTenant;
let token: string;

beforeAll(async () => {
  t = await createTestPlatform();
  acme = await t.tenant('seats', { plan: 'starter' });
  const res = await t.request(acme.host, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: acme.ownerEmail, password: acme.ownerPassword }),
  });
  token = ((await res.json()) as { token: string }).token;
});

afterAll(() => t.cleanup());

const addUser = (i: number) =>
  t.request(acme.host, '/api/users', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ email: `rep${i}@seats.test`, name: `Rep ${i}`, password: 'another-long-password', roles: ['sales_rep'] }),
  });

describe('plan seat limit', () => {
  it("refuses a user past the plan's maxUsers, even when requests race", async () => {
    // Starter allows 5 active users; the owner is the first. Six concurrent adds race for 4 seats.
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map(addUser));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 409, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(((await refused.json()) as { detail: string }).detail).toContain('5 active users');
  });
});
