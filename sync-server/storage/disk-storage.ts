import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { checkedLocation, type StorageBody, type StoragePort, type StoredObject } from './port';

/**
 * The default storage adapter: files under `<root>/<tenant>/<key>` (root is
 * `<dataDir>/files`), the content type in a `<file>.type` beside it. Keys have no dots, so a
 * `.type` or temporary name can never be another key's file.
 */
export class DiskStorage implements StoragePort {
  constructor(private readonly root: string) {}

  async put(tenant: string, key: string, body: StorageBody, contentType: string): Promise<{ size: number }> {
    const file = this.fileOf(tenant, key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write beside the target and rename, so a reader never sees half a file and a failed
    // upload leaves the previous version in place.
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(toStream(body), count, createWriteStream(tmp, { flags: 'wx' }));
      await writeFile(`${file}.type`, contentType);
      await rename(tmp, file);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    return { size };
  }

  async get(tenant: string, key: string): Promise<StoredObject | null> {
    const file = this.fileOf(tenant, key);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return null;
    const contentType = await readFile(`${file}.type`, 'utf8').catch(() => 'application/octet-stream');
    return { body: createReadStream(file), size: info.size, contentType };
  }

  async delete(tenant: string, key: string): Promise<void> {
    const file = this.fileOf(tenant, key);
    await rm(file, { force: true });
    await rm(`${file}.type`, { force: true });
  }

  async exists(tenant: string, key: string): Promise<boolean> {
    const info = await stat(this.fileOf(tenant, key)).catch(() => null);
    return info?.isFile() ?? false;
  }

  private fileOf(tenant: string, key: string): string {
    const loc = checkedLocation(tenant, key);
    const file = path.resolve(this.root, loc.tenant, ...loc.segments);
    // Belt and braces: the pattern already rules out escaping the tenant's folder.
    if (!file.startsWith(path.resolve(this.root, loc.tenant) + path.sep)) throw new Error('storage path escaped its root');
    return file;
  }
}

function toStream(body: StorageBody): Readable {
  return body instanceof Readable ? body : Readable.from([Buffer.from(body)]);
}
