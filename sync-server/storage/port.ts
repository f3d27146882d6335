import type { Readable } from 'node:stream';

import { appError } from '../../shared/errors';

/**
 * The storage port for attachment and audio-note bytes. Objects live under a tenant and a key;
 * keys are ids this server generated, checked against a strict pattern before any adapter
 * turns them into a path or an object name, so no input can reach outside its tenant.
 */
export interface StoredObject {
  readonly body: Readable;
  readonly size: number;
  readonly contentType: string;
}

export type StorageBody = Buffer | Uint8Array | Readable;

export interface StoragePort {
  /** Write (or replace) an object; resolves once it is durable. Returns the bytes written. */
  put(tenant: string, key: string, body: StorageBody, contentType: string): Promise<{ size: number }>;
  /** Null when there is no such object. */
  get(tenant: string, key: string): Promise<StoredObject | null>;
  /** Deleting an object that is not there is not an error. */
  delete(tenant: string, key: string): Promise<void>;
  exists(tenant: string, key: string): Promise<boolean>;
}

/** One to four segments of letters, digits, `_` and `-`: no dots, so never `..`. */
const KEY = /^[A-Za-z0-9_-]{1,64}(\/[A-Za-z0-9_-]{1,64}){0,3}$/;
const TENANT = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The key's segments, or a validation error; adapters call this before touching anything. */
export function checkedLocation(tenant: string, key: string): { tenant: string; segments: string[] } {
  if (!TENANT.test(tenant)) throw appError('validation', 'Invalid storage tenant');
  if (!KEY.test(key)) throw appError('validation', 'Invalid storage key');
  return { tenant, segments: key.split('/') };
}
