// Runs the Firefox tests (tests/firefox/*.test.ts), one file at a time as `node --test` already
// does on this 2-core machine, and gives a failing file one more run. The same rule as
// Playwright's `retries: 1` for the Chromium tests: a test that fails twice fails the run; a file
// that fails once and then passes is printed as FLAKY with its first failure above, so the flake
// is seen and fixed, not hidden. node:test in Node 20 cannot re-run single tests, hence files.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const DIR = 'tests/firefox';
const files = readdirSync(DIR)
  .filter((name) => name.endsWith('.test.ts'))
  .sort()
  .map((name) => join(DIR, name));

function run(file: string): { ok: boolean; passed: number } {
  const result = spawnSync('npx', ['tsx', '--test', '--test-reporter=spec', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  process.stdout.write(result.stdout);
  const passed = Number(/^ℹ pass (\d+)$/m.exec(result.stdout)?.[1] ?? 0);
  return { ok: result.status === 0, passed };
}

let passed = 0;
const flaky: string[] = [];
const failed: string[] = [];
for (const file of files) {
  let outcome = run(file);
  if (!outcome.ok) {
    console.log(`\n${file} failed; running it once more.\n`);
    outcome = run(file);
    (outcome.ok ? flaky : failed).push(file);
  }
  passed += outcome.passed;
}

console.log(`\nFirefox: ${passed} passed in ${files.length} files`);
for (const file of flaky) console.log(`FLAKY: ${file} failed once, then passed (first run above)`);
for (const file of failed) console.log(`FAILED: ${file} failed twice`);
process.exit(failed.length > 0 ? 1 : 0);
