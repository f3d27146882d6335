import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's second recommended profile (19 MiB, t=2, p=1): strong, and cheap
// enough that two cores can still serve sign-ins while tests provision many tenants.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A fixed hash to verify against for unknown accounts, so timing does not reveal which exist. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hash('focusapp-dummy-password', OPTIONS);
  return dummy;
}

export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'Passwords are at least 10 characters';
  if (password.length > 256) return 'Passwords are at most 256 characters';
  return null;
}
