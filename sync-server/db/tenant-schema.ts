/** Every table of a tenant database. Each feature keeps its tables in a file of its own. */
export * from './tenant/core';
export * from './tenant/secrets';
