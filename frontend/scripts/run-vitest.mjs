#!/usr/bin/env node
// Runs the frontend component tests once and ends with a plain line "N passed, N failed" that CI reads.
// Exit status: 0 when every test passed; 1 on any failure, or when no test was collected at all.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const frontendDir = dirname(dirname(fileURLToPath(import.meta.url)));
const vitestBin = join(
  dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
  'vitest.mjs',
);
const reportDir = mkdtempSync(join(tmpdir(), 'dipper-vitest-'));
const reportFile = join(reportDir, 'report.json');

const result = spawnSync(
  process.execPath,
  [
    vitestBin,
    'run',
    '--config',
    'vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    ...process.argv.slice(2),
  ],
  { cwd: frontendDir, stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  passed = report.numPassedTests ?? 0;
  // A test file that fails to load has no test results but still counts as one failure.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
  ).length;
  failed = (report.numFailedTests ?? 0) + brokenFiles;
} catch {
  failed = Math.max(failed, result.status === 0 ? 0 : 1);
} finally {
  rmSync(reportDir, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
if (passed + failed === 0) {
  console.error('No tests were collected (expected tests/frontend/**/*.test.{ts,tsx}).');
  process.exit(1);
}
process.exit(failed > 0 || result.status !== 0 ? 1 : 0);
