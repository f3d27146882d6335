import path from 'node:path';

import type { Platform } from '../platform/platform';
import { DiskStorage } from './disk-storage';
import type { StoragePort } from './port';
import { S3Storage } from './s3-storage';

/** The environment this feature reads; S3_BUCKET switches from disk to S3. */
export interface StorageEnv {
  readonly S3_BUCKET?: string | undefined;
  readonly S3_ENDPOINT?: string | undefined;
  readonly S3_REGION?: string | undefined;
  readonly S3_ACCESS_KEY_ID?: string | undefined;
  readonly S3_SECRET_ACCESS_KEY?: string | undefined;
  readonly S3_PREFIX?: string | undefined;
}

/**
 * The storage adapter for a platform's configuration: S3 when a bucket is configured, files
 * under `<dataDir>/files` otherwise.
 * Limitation: the S3 settings are read from the process environment here rather than through
 * sync-server/config.ts, which another feature owns.
 */
export function createStoragePort(p: Platform, env: StorageEnv = process.env): StoragePort {
  if (env.S3_BUCKET) {
    return new S3Storage({
      bucket: env.S3_BUCKET,
      endpoint: env.S3_ENDPOINT,
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      prefix: env.S3_PREFIX,
    });
  }
  return new DiskStorage(path.resolve(p.config.dataDir, 'files'));
}

const ports = new WeakMap<Platform, StoragePort>();

export function storagePort(p: Platform): StoragePort {
  let port = ports.get(p);
  if (!port) {
    port = createStoragePort(p);
    ports.set(p, port);
  }
  return port;
}
