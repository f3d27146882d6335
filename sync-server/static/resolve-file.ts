import { stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Map a URL path to a file inside a build folder, or null. `dir` must be absolute. Whatever
 * the URL says (encoded dots, `..`, doubled slashes), the file must live inside the folder.
 */
export async function resolveFile(dir: string, urlPath: string): Promise<{ path: string; urlPath: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const wanted = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const full = path.resolve(dir, `.${path.posix.normalize(wanted)}`);
  if (!full.startsWith(dir + path.sep)) return null;
  const info = await stat(full).catch(() => null);
  return info?.isFile() ? { path: full, urlPath: wanted } : null;
}
