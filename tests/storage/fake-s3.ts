import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small S3 for tests: path-style PutObject, GetObject, HeadObject and DeleteObject, answered
 * as S3's REST API does (quoted MD5 ETag, Last-Modified, 404 with a `NoSuchKey` XML error, HEAD
 * 404 without a body, DELETE 204 whether or not the key existed). It checks that requests are
 * SigV4-signed with the expected access key and that `x-amz-content-sha256` matches the body.
 */
export interface FakeS3 {
  readonly endpoint: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Object names currently stored, for isolation checks. */
  keys(): string[];
  close(): Promise<void>;
}

interface StoredObject {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly lastModified: Date;
}

export async function startFakeS3(bucket = 'focus-test'): Promise<FakeS3> {
  const accessKeyId = 'AKIDTESTFOCUS';
  const secretAccessKey = randomBytes(20).toString('hex');
  const objects = new Map<string, StoredObject>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const requestId = randomBytes(8).toString('hex').toUpperCase();
      const url = new URL(req.url ?? '/', 'http://x');
      const [, b, ...rest] = url.pathname.split('/');
      const key = decodeURIComponent(rest.join('/'));
      const method = req.method ?? 'GET';
      const error = (status: number, code: string, message: string) => {
        res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
        if (method === 'HEAD') return res.end();
        res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>`
          + `<Key>${escapeXml(key)}</Key><RequestId>${requestId}</RequestId></Error>`);
      };

      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith(`AWS4-HMAC-SHA256 Credential=${accessKeyId}/`)) {
        return error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
      }
      const declared = req.headers['x-amz-content-sha256'];
      if (typeof declared === 'string' && /^[0-9a-f]{64}$/.test(declared) && declared !== sha256(body)) {
        return error(400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");
      }
      if (b !== bucket) return error(404, 'NoSuchBucket', 'The specified bucket does not exist');
      if (!key) return error(400, 'InvalidRequest', 'Bucket operations are not supported here');

      if (method === 'PUT') {
        const etag = `"${createHash('md5').update(body).digest('hex')}"`;
        objects.set(key, { body, contentType: req.headers['content-type'] ?? 'binary/octet-stream', etag, lastModified: new Date() });
        res.writeHead(200, { etag, 'x-amz-request-id': requestId, 'content-length': '0' });
        return res.end();
      }
      if (method === 'DELETE') {
        objects.delete(key);
        res.writeHead(204, { 'x-amz-request-id': requestId });
        return res.end();
      }
      if (method === 'GET' || method === 'HEAD') {
        const o = objects.get(key);
        if (!o) return error(404, 'NoSuchKey', 'The specified key does not exist.');
        res.writeHead(200, {
          'content-type': o.contentType,
          'content-length': String(o.body.length),
          etag: o.etag,
          'last-modified': o.lastModified.toUTCString(),
          'accept-ranges': 'bytes',
          'x-amz-request-id': requestId,
        });
        return res.end(method === 'GET' ? o.body : undefined);
      }
      return error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    accessKeyId,
    secretAccessKey,
    keys: () => [...objects.keys()].sort(),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
