import type { Principal } from '../auth/sessions';
import type { Logger } from '../logger';
import type { TenantConnection } from '../tenancy/pools';

/** What push and pull need about the request: whose tenant, which user, where to log. */
export interface SyncContext {
  readonly slug: string;
  readonly conn: TenantConnection;
  readonly principal: Principal;
  readonly log: Logger;
  readonly now: () => Date;
}
