import {
  DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client, S3ServiceException,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';

import { checkedLocation, type StorageBody, type StoragePort, type StoredObject } from './port';

export interface S3Options {
  readonly bucket: string;
  /** For S3-compatible services (MinIO, R2, Spaces); AWS itself when absent. */
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
  readonly accessKeyId?: string | undefined;
  readonly secretAccessKey?: string | undefined;
  /** Prepended to every object name, e.g. `focus/`. */
  readonly prefix?: string | undefined;
}

/**
 * S3-compatible adapter on the official AWS SDK: objects are `<prefix><tenant>/<key>` in one
 * bucket, addressed path-style so any S3-compatible endpoint works.
 */
export class S3Storage implements StoragePort {
  private readonly client: S3Client;

  constructor(private readonly opts: S3Options) {
    this.client = new S3Client({
      region: opts.region ?? 'us-east-1',
      forcePathStyle: true,
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      ...(opts.accessKeyId && opts.secretAccessKey
        ? { credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } }
        : {}),
      // Many S3-compatible services reject the SDK's newer default checksum headers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(tenant: string, key: string, body: StorageBody, contentType: string): Promise<{ size: number }> {
    const name = this.nameOf(tenant, key);
    // Limitation: a stream is collected before upload (PutObject needs its length, and one
    // request is simpler than multipart); uploads are capped at 25 MB by the route.
    const bytes = body instanceof Readable ? await collect(body) : Buffer.from(body);
    await this.client.send(new PutObjectCommand({
      Bucket: this.opts.bucket, Key: name, Body: bytes, ContentType: contentType, ContentLength: bytes.length,
    }));
    return { size: bytes.length };
  }

  async get(tenant: string, key: string): Promise<StoredObject | null> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.nameOf(tenant, key) }));
      if (!(res.Body instanceof Readable)) throw new Error('S3 returned no readable body');
      return { body: res.Body, size: res.ContentLength ?? 0, contentType: res.ContentType ?? 'application/octet-stream' };
    } catch (e) {
      if (e instanceof NoSuchKey || isStatus(e, 404)) return null;
      throw e;
    }
  }

  async delete(tenant: string, key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.opts.bucket, Key: this.nameOf(tenant, key) }));
  }

  async exists(tenant: string, key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.opts.bucket, Key: this.nameOf(tenant, key) }));
      return true;
    } catch (e) {
      if (e instanceof NotFound || isStatus(e, 404)) return false;
      throw e;
    }
  }

  close(): void {
    this.client.destroy();
  }

  private nameOf(tenant: string, key: string): string {
    const loc = checkedLocation(tenant, key);
    return `${this.opts.prefix ?? ''}${loc.tenant}/${loc.segments.join('/')}`;
  }
}

function isStatus(e: unknown, status: number): boolean {
  return e instanceof S3ServiceException && e.$metadata.httpStatusCode === status;
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
