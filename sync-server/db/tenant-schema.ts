/** Every table of a tenant database. Each feature keeps its tables in a file of its own. */
export * from './tenant/core';
export * from './tenant/secrets';
export * from './tenant/notes';
export * from './tenant/search';
export * from './tenant/attachments';
export * from './tenant/crm';
export * from './tenant/sync';
export * from './tenant/accounting';
