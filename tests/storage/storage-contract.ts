import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { isAppError } from '../../shared/errors';
import type { StoragePort } from '../../sync-server/storage/port';

/** The storage port's contract, run against every adapter. */
export function storageContract(name: string, setup: () => StoragePort): void {
  describe(`storage port contract: ${name}`, () => {
    const read = async (port: StoragePort, tenant: string, key: string) => {
      const o = await port.get(tenant, key);
      if (!o) return null;
      const chunks: Buffer[] = [];
      for await (const c of o.body) chunks.push(c as Buffer);
      return { bytes: Buffer.concat(chunks), size: o.size, contentType: o.contentType };
    };

    it('stores a buffer and gives back the same bytes, size and content type', async () => {
      const port = setup();
      const bytes = randomBytes(300_000);
      expect(await port.put('acme', 'k1', bytes, 'application/pdf')).toEqual({ size: 300_000 });
      expect(await port.exists('acme', 'k1')).toBe(true);
      const got = await read(port, 'acme', 'k1');
      expect(got?.size).toBe(300_000);
      expect(got?.contentType).toBe('application/pdf');
      expect(got?.bytes.equals(bytes)).toBe(true);
    });

    it('stores a stream', async () => {
      const port = setup();
      const parts = [Buffer.from('hello '), Buffer.from('audio '), Buffer.from('note')];
      expect(await port.put('acme', 'audio/k2', Readable.from(parts), 'audio/webm')).toEqual({ size: 16 });
      expect((await read(port, 'acme', 'audio/k2'))?.bytes.toString()).toBe('hello audio note');
    });

    it('answers null and false for a missing object', async () => {
      const port = setup();
      expect(await port.get('acme', 'missing')).toBeNull();
      expect(await port.exists('acme', 'missing')).toBe(false);
    });

    it('replaces an object written again', async () => {
      const port = setup();
      await port.put('acme', 'k3', Buffer.from('first'), 'text/plain');
      await port.put('acme', 'k3', Buffer.from('second'), 'image/png');
      const got = await read(port, 'acme', 'k3');
      expect(got?.bytes.toString()).toBe('second');
      expect(got?.contentType).toBe('image/png');
    });

    it('deletes, and deleting again is no error', async () => {
      const port = setup();
      await port.put('acme', 'k4', Buffer.from('x'), 'text/plain');
      await port.delete('acme', 'k4');
      expect(await port.exists('acme', 'k4')).toBe(false);
      expect(await port.get('acme', 'k4')).toBeNull();
      await port.delete('acme', 'k4');
    });

    it('keeps tenants apart under the same key', async () => {
      const port = setup();
      await port.put('acme', 'shared', Buffer.from('acme bytes'), 'text/plain');
      expect(await port.get('globex', 'shared')).toBeNull();
      expect(await port.exists('globex', 'shared')).toBe(false);
      await port.delete('globex', 'shared');
      expect(await port.exists('acme', 'shared')).toBe(true);
    });

    it('refuses keys and tenants that could name another place', async () => {
      const port = setup();
      const bad: [string, string][] = [
        ['acme', '../globex/shared'], ['acme', 'a/../../b'], ['acme', ''], ['acme', '.hidden'], ['acme', 'a\\b'],
        ['acme', '/abs'], ['acme', 'a//b'], ['acme', 'x'.repeat(65)], ['acme', 'a/b/c/d/e'], ['acme', 'k%2F..'],
        ['../acme', 'k1'], ['Acme', 'k1'], ['', 'k1'], ['acme/x', 'k1'],
      ];
      for (const [tenant, key] of bad) {
        for (const call of [() => port.get(tenant, key), () => port.exists(tenant, key), () => port.delete(tenant, key), () => port.put(tenant, key, Buffer.from('x'), 'text/plain')]) {
          const e = await call().then(() => null, (err: unknown) => err);
          expect(isAppError(e) && e.code === 'validation', `${tenant} ${key}`).toBe(true);
        }
      }
    });
  });
}
