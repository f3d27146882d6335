import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Logger } from '../logger';

export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

/**
 * The platform master key: from FOCUS_MASTER_KEY (base64 of 32 bytes), or in development a
 * key file under the data directory, created on first run with a warning. In production a
 * missing key is fatal: silently generating a new one would make every tenant unreadable.
 */
export function loadMasterKey(opts: {
  readonly envValue: string | undefined;
  readonly dataDir: string;
  readonly production: boolean;
  readonly logger: Logger;
}): Buffer {
  if (opts.envValue !== undefined && opts.envValue !== '') {
    const key = Buffer.from(opts.envValue, 'base64');
    if (key.length !== 32 || key.toString('base64') !== opts.envValue.replace(/\s/g, '')) {
      throw new MasterKeyError('FOCUS_MASTER_KEY must be the base64 encoding of exactly 32 bytes');
    }
    return key;
  }
  if (opts.production) {
    throw new MasterKeyError('FOCUS_MASTER_KEY is required in production');
  }
  const file = path.join(opts.dataDir, 'master.key');
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new MasterKeyError(`${file} does not hold a 32-byte base64 key`);
    return key;
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const key = Buffer.from(crypto.getRandomValues(new Uint8Array(32)));
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600 });
  opts.logger.warn({ file }, 'No FOCUS_MASTER_KEY set: generated a development master key file');
  return key;
}
