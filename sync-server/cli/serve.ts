import { upgradeRoutes } from '../http/upgrades';
import { startServer } from '../http/server';
import { provisionTenant } from '../tenancy/provision';
import { seedDemoTenant } from '../sync/seed';
import { findTenantBySlug } from '../tenancy/tenant-record';
import type { Command } from './command';

export const serve: Command = {
  name: 'serve',
  usage: 'serve',
  summary: 'Start the HTTP and WebSocket server (PORT, default 8080)',
  async run({ p, io }) {
    const server = await startServer(p, { port: p.config.port, host: p.config.host, upgrades: upgradeRoutes(p) });
    io.out(`FocusApp listening on ${server.url} (tenants at http://<slug>.${p.config.baseDomain}:${server.port})`);
    await waitForSignal();
    await server.close();
    return 0;
  },
};

export const DEMO = { slug: 'demo', email: 'owner@demo.example', password: 'demo-password-1' } as const;

export const demo: Command = {
  name: 'demo',
  usage: 'demo',
  summary: 'Create the demo tenant with sample data (once) and start the server',
  async run({ p, io }) {
    const existing = await findTenantBySlug(p.central, DEMO.slug);
    if (!existing || existing.status === 'failed') {
      io.out('Creating the demo tenant...');
      const r = await provisionTenant(p, {
        slug: DEMO.slug, name: 'Demo Traders Pvt Ltd', plan: 'enterprise',
        ownerEmail: DEMO.email, ownerPassword: DEMO.password, ownerName: 'Asha Owner', deviceApproval: false,
      });
      if (!r.ok) {
        io.err(`error: ${r.error.message}`);
        return 1;
      }
      const counts = await seedDemoTenant(p, DEMO.slug);
      io.out(`Sample data: ${Object.entries(counts).map(([k, n]) => `${n} ${k === 'company' ? 'companies' : `${k}s`}`).join(', ')}`);
    }
    const server = await startServer(p, { port: p.config.port, host: p.config.host, upgrades: upgradeRoutes(p) });
    io.out('');
    io.out(`  Open  http://${DEMO.slug}.${p.config.baseDomain}:${server.port}/`);
    io.out(`  Sign in as ${DEMO.email} / ${DEMO.password}`);
    io.out('');
    await waitForSignal();
    await server.close();
    return 0;
  },
};

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
