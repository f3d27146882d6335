import { describe, expect, it } from 'vitest';

import { signedInPage, useBrowserSuite } from './harness';

const suite = useBrowserSuite();

describe('phone layout', () => {
  it('shows a bottom bar of touch-sized items and reaches the rest from the account menu', async () => {
    const { browser, server, acme } = suite;
    const { context, page } = await signedInPage(browser, {
      slug: 'acme', port: server.port, email: acme.ownerEmail, password: acme.ownerPassword, viewport: { width: 390, height: 844 },
    });
    const bar = page.getByRole('navigation', { name: 'Main (phone)' });
    // The menu fills in once the replica has said which modules this user has.
    await bar.getByRole('link', { name: 'Pipeline' }).waitFor();
    await expect.poll(() => bar.getByRole('link').count(), { timeout: 10_000 }).toBe(5);
    expect(await page.getByRole('navigation', { name: 'Main', exact: true }).isVisible()).toBe(false);
    const box = await bar.getByRole('link').first().boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);

    await page.getByLabel('Account').click();
    const more = page.getByRole('navigation', { name: 'More (phone)' });
    await more.getByRole('link', { name: 'Plan & billing' }).click();
    await page.getByRole('heading', { name: 'Plan & billing' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/billing');
    await context.close();
  });
});
