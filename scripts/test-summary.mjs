// Prints vitest's JSON results as one plain closing line, `N passed, N failed, N skipped`,
// so CI logs state the outcome in words any reader (or log scanner) understands.
import { readFileSync } from 'node:fs';
import process from 'node:process';

const file = process.argv[2] ?? '.data/test-results.json';
try {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  process.stdout.write(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped\n`);
} catch (e) {
  process.stdout.write(`no test results at ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
