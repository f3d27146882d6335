import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { createPlatform } from '../platform/platform';
import { MasterKeyError } from '../tenancy/master-key';
import { parse, UsageError, type CommandIO } from './command';
import { commands } from './commands';

/** `npm run focus -- <command>`: exit 0 on success, 1 on failure, 2 on bad input. */
export async function main(argv: readonly string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') {
    io.out(helpText());
    return name ? 0 : 2;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.err(`error: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    io.err(`error: ${(e as Error).message}`);
    return 2;
  }
  const logger = createLogger({ level: config.logLevel, pretty: config.env !== 'production' });
  let p;
  try {
    const args = parse(cmd, rest);
    p = await createPlatform({ config, logger });
    return await cmd.run({ p, args, io });
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}\nusage: npm run focus -- ${cmd.usage}`);
      return 2;
    }
    if (e instanceof MasterKeyError) {
      io.err(`fatal: ${e.message}`);
      return 1;
    }
    io.err(`error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await p?.close();
  }
}

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return ['usage: npm run focus -- <command> [options]', '', ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)].join('\n');
}

const io: CommandIO = { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') };
if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2), io).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`fatal: ${String(e)}\n`);
      process.exit(1);
    },
  );
}
