import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DiskStorage } from '../../sync-server/storage/disk-storage';
import { S3Storage } from '../../sync-server/storage/s3-storage';
import { startFakeS3, type FakeS3 } from './fake-s3';
import { storageContract } from './storage-contract';

let root: string;
let s3: FakeS3;
let disk: DiskStorage;
let s3Port: S3Storage;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'focus-files-'));
  disk = new DiskStorage(root);
  s3 = await startFakeS3();
  s3Port = new S3Storage({
    bucket: s3.bucket, endpoint: s3.endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, prefix: 'focus/',
  });
});

afterAll(async () => {
  s3Port?.close();
  await s3?.close();
  rmSync(root, { recursive: true, force: true });
});

storageContract('disk', () => disk);
storageContract('S3', () => s3Port);

describe('disk adapter', () => {
  it('writes under <root>/<tenant>/<key> and leaves no temporary files', async () => {
    await disk.put('acme', 'voice/file1', Buffer.from('x'), 'audio/ogg');
    expect(readdirSync(path.join(root, 'acme', 'voice')).sort()).toEqual(['file1', 'file1.type']);
  });
});

describe('S3 adapter', () => {
  it('names objects <prefix><tenant>/<key> in one bucket', async () => {
    await s3Port.put('globex', 'named', Buffer.from('x'), 'text/plain');
    expect(s3.keys()).toContain('focus/globex/named');
  });

  it('surfaces a refused credential as an error, not as a missing object', async () => {
    const wrong = new S3Storage({ bucket: s3.bucket, endpoint: s3.endpoint, accessKeyId: 'nobody', secretAccessKey: 'x' });
    try {
      await expect(wrong.get('acme', 'k1')).rejects.toThrow(/Access Key Id/);
    } finally {
      wrong.close();
    }
  });
});
