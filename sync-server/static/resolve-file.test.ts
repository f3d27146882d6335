import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { resolveFile } from './resolve-file';

const root = mkdtempSync(path.join(tmpdir(), 'focus-static-'));
const dir = path.join(root, 'dist');
mkdirSync(path.join(dir, 'assets'), { recursive: true });
writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
writeFileSync(path.join(dir, 'assets', 'app.js'), '');
writeFileSync(path.join(root, 'secret.txt'), 'outside the build folder');

describe('resolveFile', () => {
  it('finds files inside the build folder, and index.html for a folder', async () => {
    expect(await resolveFile(dir, '/assets/app.js')).toEqual({ path: path.join(dir, 'assets', 'app.js'), urlPath: '/assets/app.js' });
    expect(await resolveFile(dir, '/')).toEqual({ path: path.join(dir, 'index.html'), urlPath: '/index.html' });
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '//../secret.txt', '/%00index.html', '/%E0%A4%A'])(
    'refuses %s',
    async (url) => {
      expect(await resolveFile(dir, url)).toBeNull();
    },
  );

  it('gives null for a missing file or a folder', async () => {
    expect(await resolveFile(dir, '/nope.js')).toBeNull();
    expect(await resolveFile(dir, '/assets')).toBeNull();
  });
});
