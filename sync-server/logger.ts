import pino from 'pino';

/**
 * The one logger. Callers pass it down and add context with `child({ tenant, user, requestId })`.
 * Redaction is a backstop, not the policy: code must not put secrets or personal fields in a
 * log line in the first place (docs/tenancy.md, T-14).
 */
export type Logger = pino.Logger;

export const REDACT_PATHS = [
  'password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'cookie',
  '*.cookie', 'headers.authorization', 'headers.cookie', 'secret', '*.secret', 'code', '*.code_plain',
  'email', '*.email', 'phone', '*.phone', 'masterKey', 'dataKey', '*.dataKey', 'dbPassword', '*.dbPassword',
];

export interface LoggerOptions {
  readonly level?: string;
  readonly pretty?: boolean;
  readonly destination?: pino.DestinationStream;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const options: pino.LoggerOptions = {
    level: opts.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: 'focusapp' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (opts.destination) return pino(options, opts.destination);
  if (opts.pretty) {
    // Development: one readable line per event without pulling in pino-pretty.
    return pino(options, { write: (s: string) => process.stderr.write(formatPretty(s)) });
  }
  return pino(options, pino.destination(2));
}

function formatPretty(line: string): string {
  try {
    const o = JSON.parse(line) as Record<string, unknown>;
    const { level, time, msg, service: _s, pid: _p, hostname: _h, ...rest } = o;
    const name = typeof level === 'number' ? (pino.levels.labels[level] ?? String(level)) : String(level);
    const ctx = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    return `${String(time).slice(11, 19)} ${name.toUpperCase().padEnd(5)} ${String(msg)}${ctx}\n`;
  } catch {
    return line;
  }
}

/** A logger that drops everything; for tests that don't read logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
