/**
 * `npm run bench`: every benchmark in turn, each printing its own table. Each module runs on
 * import and cleans up after itself; add a line here for a new one.
 */
export {};

const benches = ['./tenancy', './sync-push', './sync-pull', './sync-poke', './ui-task-render', './ui-search', './ui-list', './ui-cold-start'];

for (const bench of benches) {
  process.stdout.write(`\n=== ${bench.slice(2)} ===\n`);
  await import(bench);
}
