// Review tab paging in a real browser: "next page" → all 12 spectrograms of the new page painted.
//
// Starts `dipper serve --demo` on 127.0.0.1 (temporary DIPPER_HOME, always stopped at the end), writes
// a binary task of 3 s clips cut every 0.05 s from the demo recordings (real bird songs), opens it in
// the Review tab of Debian's Chromium (playwright-core) as a 3 × 4 grid and measures, in the page with
// performance.now(), the time from the "next page" key to the frame after every <img> of the new page
// is complete, decoded and visible:
//   - cold: a page whose spectrograms were never requested (two "next page" keys in one task skip
//     over the prefetched page; the server has not drawn those clips either);
//   - prefetched: the normal case, the next page after the app prefetched it (network idle first).
// Also bytes of /api/spectrogram responses per 12-clip page (headers + body, from the network events).
// Baseline: cold vs prefetched in the same session. Targets: ≤ 300 ms per prefetched page, ≤ 1 MB per
// 12 clips.
//
// Run: npm run build --workspace frontend   (once; the server serves frontend/dist)
//      node bench/review/page_paint.mjs [--pages 4]
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PYTHON = path.join(ROOT, '.venv', 'bin', 'python');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ROWS = 3;
const COLUMNS = 4;
const PAGE_CLIPS = ROWS * COLUMNS;
const CLIP_S = 3;
const STEP_S = 0.05;
const TARGET_MS = 300;
const TARGET_BYTES = 1_000_000;
const WHEEL = 'pykanto-0.1.8-py3-none-any.whl';

const argAt = process.argv.indexOf('--pages');
const SAMPLES = argAt === -1 ? 4 : Math.max(1, Number(process.argv[argAt + 1]));

/** The user's data folder (as backend/common/paths.py), to reuse the cached demo wheel. */
function userDataDir() {
  if (process.env.DIPPER_HOME) return process.env.DIPPER_HOME;
  const xdg = process.env.XDG_DATA_HOME || path.join(homedir(), '.local', 'share');
  return path.join(xdg, 'dipper');
}

/** Start `dipper serve --demo`; resolves with its URL (token included). */
function startServer(home) {
  const server = spawn(
    path.join(ROOT, '.venv', 'bin', 'dipper'),
    ['serve', '--host', '127.0.0.1', '--port', '0', '--demo', '--no-browser', '--root', home],
    {
      cwd: ROOT,
      env: { ...process.env, DIPPER_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
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
    setTimeout(
      () => reject(new Error(`server did not start in 120 s:\n${output}`)),
      120_000,
    ).unref();
  });
  return { server, url };
}

/** Write the task CSV (CLIP_S clips every STEP_S); returns the rows as [absolute path, start_s]. */
function writeTask(audioDir, csvPath) {
  const script = `
import csv, glob, json, os, sys
import soundfile as sf
audio, out, clip_s, step_s = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
rows = []
for file in sorted(glob.glob(os.path.join(audio, "**", "*.wav"), recursive=True)):
    duration, k = sf.info(file).duration, 0
    while round(k * step_s, 3) + clip_s <= duration + 1e-9:
        rows.append([file, round(k * step_s, 3)])
        k += 1
with open(out, "w", newline="") as fh:
    writer = csv.writer(fh)
    writer.writerow(["file", "start_time", "end_time", "score"])
    for n, (file, start) in enumerate(rows):
        writer.writerow([os.path.relpath(file, audio), f"{start:g}", f"{start + clip_s:g}",
                         f"{(n * 37 % 100) / 100:.2f}"])
print(json.dumps(rows))
`;
  const out = execFileSync(PYTHON, ['-c', script, audioDir, csvPath, CLIP_S, STEP_S], {
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

/**
 * In the page: press N `presses` times in one task, then wait until the grid holds PAGE_CLIPS new
 * cards whose images are complete, decoded and visible; returns ms to the frame after that.
 */
async function timeNextPage(page, presses) {
  return page.evaluate(
    async ({ presses, clips }) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const cards = () => [...document.querySelectorAll('[data-testid="clip-card"]')];
      const old = new Set(cards());
      const started = performance.now();
      let cardsAt = null;
      let completeAt = null;
      for (let i = 0; i < presses; i += 1) {
        window.dispatchEvent(
          new KeyboardEvent('keydown', {
            key: 'n',
            code: 'KeyN',
            bubbles: true,
          }),
        );
      }
      for (;;) {
        await frame();
        if (performance.now() - started > 30_000) throw new Error('the page did not paint in 30 s');
        const now = cards();
        if (now.length !== clips || now.some((card) => old.has(card))) continue;
        cardsAt ??= performance.now() - started;
        const images = now.map((card) => card.querySelector('[data-testid="spectrogram"] img'));
        const shown = (img) => {
          const box = img?.getBoundingClientRect();
          return (
            img &&
            img.complete &&
            img.naturalWidth > 0 &&
            box.width > 0 &&
            box.height > 0 &&
            box.bottom <= innerHeight &&
            img.checkVisibility()
          );
        };
        if (!images.every(shown)) continue;
        completeAt ??= performance.now() - started;
        await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
        await frame(); // the frame that paints them
        await new Promise((resolve) => setTimeout(resolve, 0)); // after that paint
        return { total: performance.now() - started, cardsAt, completeAt };
      }
    },
    { presses, clips: PAGE_CLIPS },
  );
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  if (!existsSync(path.join(ROOT, 'frontend', 'dist', 'index.html'))) {
    console.error('frontend/dist is missing: run `npm run build --workspace frontend` first.');
    process.exit(2);
  }
  const home = mkdtempSync(path.join(tmpdir(), 'dipper-bench-paint-'));
  const cachedWheel = path.join(userDataDir(), 'cache', WHEEL);
  if (existsSync(cachedWheel)) {
    mkdirSync(path.join(home, 'cache'), { recursive: true });
    copyFileSync(cachedWheel, path.join(home, 'cache', WHEEL));
  }
  const { server, url } = startServer(home);
  const stop = () =>
    server.exitCode === null && server.signalCode === null && server.kill('SIGTERM');
  process.on('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
  let browser;
  try {
    const baseUrl = await url;
    const audioDir = path.join(home, 'demo', 'audio');
    const taskCsv = path.join(home, 'paint_task.csv');
    const rows = writeTask(audioDir, taskCsv);
    const pagesNeeded = 1 + 2 * SAMPLES + SAMPLES + 1;
    if (rows.length < pagesNeeded * PAGE_CLIPS) {
      throw new Error(
        `${rows.length} clips; ${pagesNeeded * PAGE_CLIPS} needed for --pages ${SAMPLES}`,
      );
    }
    const pageOfClip = new Map(
      rows.map(([file, start], n) => [
        `${file}|${Number(start).toFixed(3)}`,
        Math.floor(n / PAGE_CLIPS),
      ]),
    );

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1300 },
    });
    const page = await context.newPage();
    // Network events: bytes per grid page (by clip), requests in flight.
    const bytesByPage = new Map();
    const fetchesByUrl = new Map();
    let inFlight = 0;
    const isSpectrogram = (request) => request.url().includes('/api/spectrogram');
    page.on('request', (request) => {
      if (isSpectrogram(request)) inFlight += 1;
    });
    page.on('requestfailed', (request) => {
      if (isSpectrogram(request)) inFlight -= 1;
    });
    page.on('requestfinished', async (request) => {
      if (!isSpectrogram(request)) return;
      const sizes = await request.sizes().catch(() => null);
      inFlight -= 1;
      const query = new URL(request.url()).searchParams;
      const key = `${query.get('path')}|${Number(query.get('start_s')).toFixed(3)}`;
      fetchesByUrl.set(request.url(), (fetchesByUrl.get(request.url()) ?? 0) + 1);
      const index = pageOfClip.get(key);
      if (index === undefined || !sizes) return;
      const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
      bytesByPage.set(index, (bytesByPage.get(index) ?? 0) + bytes);
    });
    const networkIdle = async () => {
      await page.waitForTimeout(300);
      while (inFlight > 0) await page.waitForTimeout(50);
      await page.waitForTimeout(300);
    };

    await page.goto(baseUrl);
    await page.getByTestId('nav-review').click();
    await page.getByTestId('review-csv').fill(taskCsv);
    await page.getByTestId('review-audio-root').fill(audioDir);
    await page.getByTestId('review-mode-binary').click();
    await page.getByTestId('review-load').click();
    await page.getByTestId('clip-card').first().waitFor();
    await page.getByTestId('review-settings-toggle').click();
    await page.getByTestId('review-setting-rows').fill(String(ROWS));
    await page.getByTestId('review-setting-columns').fill(String(COLUMNS));
    await page.getByTestId('review-settings-close').click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="clip-card"]').length === n,
      PAGE_CLIPS,
    );
    await networkIdle(); // page 1 shown, page 2 prefetched

    const coldSamples = [];
    const warmSamples = [];
    for (let i = 0; i < SAMPLES; i += 1) {
      coldSamples.push(await timeNextPage(page, 2)); // skips the prefetched page
      await networkIdle();
    }
    for (let i = 0; i < SAMPLES; i += 1) {
      warmSamples.push(await timeNextPage(page, 1));
      await networkIdle();
    }
    await context.close();
    const cold = coldSamples.map((sample) => sample.total);
    const warm = warmSamples.map((sample) => sample.total);

    const fullPageCount = Math.floor(rows.length / PAGE_CLIPS);
    const fullPages = [...bytesByPage.keys()].filter((index) => index < fullPageCount);
    const pageBytes = fullPages.map((index) => bytesByPage.get(index));
    const repeats = [...fetchesByUrl.values()].filter((count) => count > 1).length;

    const ms = (value) => `${value.toFixed(0)} ms`;
    const row = (label, values, target = '') =>
      console.log(
        `${label.padEnd(34)} ${ms(median(values)).padStart(9)} ${ms(Math.max(...values)).padStart(9)}  ${target}`,
      );
    console.log(
      `\nReview paging in Chromium: ${PAGE_CLIPS} clips of ${CLIP_S} s per page (${ROWS}×${COLUMNS}), ` +
        `${rows.length} clips, ${SAMPLES} pages each`,
    );
    console.log(
      `${'next page → 12 images painted'.padEnd(34)} ${'median'.padStart(9)} ${'max'.padStart(9)}  target`,
    );
    row('cold (never requested)', cold);
    const warmOk = Math.max(...warm) <= TARGET_MS;
    row('prefetched (normal paging)', warm, `≤ ${TARGET_MS} ms ${warmOk ? 'ok' : 'MISSED'}`);
    // Each sample: painted (new cards in the DOM / images complete) in ms after the key.
    const phases = (samples) =>
      samples
        .map((s) => `${s.total.toFixed(0)} (${s.cardsAt.toFixed(0)}/${s.completeAt.toFixed(0)})`)
        .join(', ');
    console.log(
      `samples, ms painted (cards shown / images complete): cold ${phases(coldSamples)}; ` +
        `prefetched ${phases(warmSamples)}`,
    );
    console.log(`ratio cold / prefetched (median): ${(median(cold) / median(warm)).toFixed(1)}×`);
    const kb = (value) => `${(value / 1024).toFixed(1)} KiB`;
    const bytesOk = Math.max(...pageBytes) <= TARGET_BYTES;
    console.log(
      `bytes per 12-clip page (/api/spectrogram, ${pageBytes.length} pages): median ` +
        `${kb(median(pageBytes))}, max ${kb(Math.max(...pageBytes))}  ≤ 1 MB ${bytesOk ? 'ok' : 'MISSED'}`,
    );
    console.log(`spectrogram URLs fetched more than once: ${repeats}`);
  } finally {
    await browser?.close();
    stop();
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error.stack || error);
  process.exit(1);
});
