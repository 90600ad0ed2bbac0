// Browser tests: the real server (`dipper serve --demo`), the built frontend, the real BirdNET model,
// driven in Debian's Chromium with playwright-core. Prints `N passed, N failed` at the end.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { tests as coreTests } from './flows.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOTS = path.join(ROOT, 'tests', 'e2e', 'screenshots');
const FLOWS_DIR = path.join(ROOT, 'tests', 'e2e', 'flows');

/**
 * Every flow: the core ones, then each `flows/*.mjs` module's `tests` (one module per tab), in name
 * order. `--only <regex>` keeps the flows whose slug or name matches.
 */
async function collectFlows() {
  const modules = readdirSync(FLOWS_DIR).filter((name) => name.endsWith('.mjs')).sort();
  const all = [...coreTests];
  for (const name of modules) {
    const module = await import(pathToFileURL(path.join(FLOWS_DIR, name)).href);
    all.push(...module.tests);
  }
  const onlyAt = process.argv.indexOf('--only');
  if (onlyAt === -1) return all;
  const only = new RegExp(process.argv[onlyAt + 1], 'i');
  return all.filter((test) => only.test(test.slug) || only.test(test.name));
}

/** Start the server on a free port and resolve with its URL (token included). */
function startServer(home) {
  const server = spawn(
    path.join(ROOT, '.venv', 'bin', 'dipper'),
    ['serve', '--host', '127.0.0.1', '--port', '0', '--demo', '--no-browser', '--root', home],
    { cwd: ROOT, env: { ...process.env, DIPPER_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      const match = output.match(/Dipper is running at (\S+)/);
      if (match) resolve(match[1]);
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
    setTimeout(() => reject(new Error(`server did not start in 120 s:\n${output}`)), 120_000);
  });
  return { server, url };
}

async function main() {
  const tests = await collectFlows();
  const home = mkdtempSync(path.join(tmpdir(), 'dipper-e2e-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { server, url } = startServer(home);
  const stop = () => server.exitCode === null && server.kill('SIGTERM');
  process.on('exit', stop);
  let browser;
  let passed = 0;
  let failed = 0;
  try {
    const baseUrl = await url;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
      ],
    });
    for (const test of tests) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const started = Date.now();
      try {
        await test.run({ page, baseUrl, home, screenshots: SCREENSHOTS });
        passed += 1;
        console.log(`ok - ${test.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed += 1;
        console.log(`not ok - ${test.name}\n${error.stack || error}`);
        await page.screenshot({ path: path.join(SCREENSHOTS, `failure-${test.slug}.png`) }).catch(() => {});
      } finally {
        await context.close();
      }
    }
  } catch (error) {
    failed += 1;
    console.log(`not ok - setup\n${error.stack || error}`);
  } finally {
    await browser?.close();
    stop();
    rmSync(home, { recursive: true, force: true });
  }
  if (passed + failed === 0) console.log('no browser tests were collected');
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed || passed === 0 ? 1 : 0);
}

main();
