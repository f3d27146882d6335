import { ulid } from 'ulid';

/** Branded ids: mixing a tenant id with a user id is a compile error, not a data leak. */
export type Brand<T, B extends string> = T & { readonly __brand: B };
export type TenantID = Brand<string, 'TenantID'>;
export type UserID = Brand<string, 'UserID'>;
export type ClientGroupID = Brand<string, 'ClientGroupID'>;

export type IDGenerator = () => string;

/** ULIDs sort by creation time and can be made offline on any device without a round trip. */
export const newID: IDGenerator = () => ulid();
