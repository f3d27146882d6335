import type { Command } from '../cli/command';
import { requirePositional } from '../cli/command';
import { findTenantBySlug } from '../tenancy/tenant-record';
import { rebuildSearch } from './catch-up';
import { searchPort } from './search';

export const searchReindex: Command = {
  name: 'search:reindex',
  usage: 'search:reindex <tenant>',
  summary: "Rebuild a tenant's search index from its CRM tables",
  async run({ p, args, io }) {
    const slug = requirePositional(args, 0, 'tenant');
    const tenant = await findTenantBySlug(p.central, slug);
    if (!tenant || tenant.status !== 'active') {
      io.err(`error: no active tenant "${slug}"`);
      return 1;
    }
    const counts = await rebuildSearch(searchPort(p), slug, p.pools.get(tenant).db);
    io.out(`Reindexed ${slug}: ${counts.company} companies, ${counts.contact} contacts, ${counts.deal} deals, ${counts.task} tasks`);
    return 0;
  },
};
