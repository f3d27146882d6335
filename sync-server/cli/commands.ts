import { adminCreate, billingEnforceGrace } from '../admin/cli';
import { searchReindex } from '../search/command';
import { accountingCommands } from './accounting-commands';
import type { Command } from './command';
import { demo, serve } from './serve';
import {
  permissionsUpdate, tenantCreate, tenantDelete, tenantList, tenantMigrate, tenantResume, tenantSuspend,
} from './tenant-commands';

/** Every operator command; features add theirs here. */
export const commands: readonly Command[] = [
  serve, demo, tenantCreate, tenantList, tenantSuspend, tenantResume, tenantDelete, tenantMigrate, permissionsUpdate,
  adminCreate, billingEnforceGrace, searchReindex, ...accountingCommands,
];
