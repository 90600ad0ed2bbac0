// Review auto-save under a browser crash: a Chromium of its own (launched here, not run.mjs's shared
// one) labels clips of a task saved in place, then its whole process group is killed with SIGKILL while
// saves are happening. The CSV on disk must always parse with the original columns and rows, hold
// every label made more than one auto-save debounce interval before the kill exactly, and hold each
// later label either fully or not at all. Three rounds, killed at different moments: as the debounced
// save is sent, right after a page change (an immediate save), and at the debounce delay itself.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..', '..');
const PYTHON = path.join(ROOT, '.venv', 'bin', 'python');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PAGE_CLIPS = 12; // default grid: 3 rows × 4 columns
const LABEL_OF_KEY = { a: 'yes', s: 'no', d: 'uncertain', f: '' };

/** The auto-save debounce, read from the review code (not guessed). */
function autoSaveDelayMs() {
  const source = readFileSync(
    path.join(ROOT, 'frontend', 'src', 'features', 'review', 'useAutoSave.ts'),
    'utf8',
  );
  const match = source.match(/export const AUTO_SAVE_DELAY_MS = (\d+);/);
  assert.ok(match, 'AUTO_SAVE_DELAY_MS not found in useAutoSave.ts');
  return Number(match[1]);
}

/** Task CSV over the demo recordings: 1 s clips every 0.5 s, a score column. */
function writeTask(audioDir, csvPath) {
  const script = `
import csv, glob, os, sys
import soundfile as sf
audio, out = sys.argv[1], sys.argv[2]
rows = []
for file in sorted(glob.glob(os.path.join(audio, "**", "*.wav"), recursive=True)):
    duration, start = sf.info(file).duration, 0.0
    while start + 1.0 <= duration + 1e-9:
        rows.append([os.path.relpath(file, audio), f"{start:.1f}", f"{start + 1:.1f}",
                     f"{(len(rows) * 37 % 100) / 100:.2f}"])
        start += 0.5
with open(out, "w", newline="") as fh:
    csv.writer(fh).writerows([["file", "start_time", "end_time", "score"]] + rows)
`;
  execFileSync(PYTHON, ['-c', script, audioDir, csvPath]);
}

/**
 * The CSV parsed strictly by Python's csv module (every row as wide as the header).
 * @returns {{header: string[], rows: string[][]}}
 */
function readCsvStrict(csvPath) {
  const script = `
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as fh:
    data = list(csv.reader(fh, strict=True))
assert data and all(len(row) == len(data[0]) for row in data), "ragged rows"
print(json.dumps({"header": data[0], "rows": data[1:]}))
`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script, csvPath], { encoding: 'utf8' }));
}

/**
 * Launch a Chromium owned by this flow (a browser server, so its process is known) and open the task,
 * saving in place.
 */
async function openOwnBrowser(baseUrl, taskCsv, audioDir) {
  const server = await chromium.launchServer({
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
  const browser = await chromium.connect(server.wsEndpoint());
  browser.server = server;
  const page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
  });
  await page.goto(baseUrl);
  await page.getByTestId('nav-review').click();
  await page.getByTestId('review-csv').fill(taskCsv);
  await page.getByTestId('review-audio-root').fill(audioDir);
  await page.getByTestId('review-mode-binary').click();
  await page.getByTestId('review-load').click();
  await page.getByTestId('clip-card').first().waitFor();
  const saved = page.waitForResponse((r) => r.url().includes('/api/annotations/save'));
  await page.getByTestId('review-save-as').click();
  await page.getByTestId('path-prompt-input').fill(taskCsv);
  await page.getByTestId('path-prompt-confirm').click();
  assert.equal((await saved).status(), 200);
  await page.getByTestId('review-summary').click(); // keys go to the window, not a field
  return { browser, page };
}

/** SIGKILL the browser's whole process group (playwright starts it detached), then forget it. */
async function killBrowser(browser) {
  const child = browser.server.process();
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
  await browser.close().catch(() => {});
  await browser.server.kill().catch(() => {});
}

/** Go to grid page `number` (1-based) with N, waiting until its first clip is active. */
async function goToPage(page, number) {
  for (let at = 1; at < number; at += 1) await page.keyboard.press('n');
  await page
    .getByTestId('review-page')
    .filter({ hasText: `Page ${number} of` })
    .waitFor();
  await page.locator('[data-testid="clip-card"][data-active="true"]').first().waitFor();
}

/**
 * Label consecutive clips from the active one with keys.
 * @returns {{made: Record<number, string>, lastAt: number}} Labels by row, Date.now() of the last.
 */
async function labelWithKeys(page, firstPosition, keys) {
  const made = {};
  let lastAt = 0;
  for (const [offset, key] of [...keys].entries()) {
    await page.keyboard.press(key);
    lastAt = Date.now();
    made[firstPosition + offset] = LABEL_OF_KEY[key];
    await page.keyboard.press('ArrowRight');
  }
  return { made, lastAt };
}

const ROUNDS = [
  {
    how: 'as the debounced auto-save request is sent',
    keysA: 'asda',
    keysB: 'sad',
  },
  {
    how: 'right after a page change (immediate save)',
    keysA: 'ssaa',
    keysB: 'dda',
  },
  {
    how: 'at the debounce delay after the last label',
    keysA: 'adsa',
    keysB: 'dsa',
  },
];

export const tests = [
  {
    name: 'review: killing the browser mid-session loses at most the last debounce interval; the CSV is never corrupt',
    slug: 'review-crash',
    async run({ baseUrl, home }) {
      const delayMs = autoSaveDelayMs();
      const audioDir = path.join(home, 'demo', 'audio');
      const workDir = path.join(home, 'review_crash');
      mkdirSync(workDir, { recursive: true });
      const taskCsv = path.join(workDir, 'crash_task.csv');
      writeTask(audioDir, taskCsv);
      const original = readCsvStrict(taskCsv);
      assert.ok(
        original.rows.length >= ROUNDS.length * PAGE_CLIPS,
        `${original.rows.length} clips`,
      );
      /** Labels known to be on disk (committed) by row. */
      const committed = original.rows.map(() => '');

      const check = (pending, when) => {
        const saved = readCsvStrict(taskCsv);
        assert.deepEqual(saved.header, [...original.header, 'annotation', 'comments'], when);
        assert.equal(saved.rows.length, original.rows.length, when);
        const labelAt = saved.header.indexOf('annotation');
        saved.rows.forEach((row, n) => {
          assert.deepEqual(
            row.slice(0, original.header.length),
            original.rows[n],
            `${when}: row ${n}`,
          );
          const label = row[labelAt];
          const allowed = n in pending ? [committed[n], pending[n]] : [committed[n]];
          assert.ok(
            allowed.includes(label),
            `${when}: row ${n} is '${label}', expected ${allowed}`,
          );
        });
        return saved.rows.map((row) => row[labelAt]);
      };

      for (const [round, plan] of ROUNDS.entries()) {
        const { browser, page } = await openOwnBrowser(baseUrl, taskCsv, audioDir);
        const when = `round ${round + 1} (killed ${plan.how})`;
        try {
          const pageNumber = round + 1;
          await goToPage(page, pageNumber);
          const first = (pageNumber - 1) * PAGE_CLIPS;
          // Before the last debounce interval: these must survive the kill exactly.
          const { made: madeA } = await labelWithKeys(page, first, plan.keysA);
          await page.waitForTimeout(delayMs + 1500);
          for (const [n, label] of Object.entries(madeA)) committed[n] = label;
          // Inside the last interval: each may be saved or not.
          const { made: madeB, lastAt } = await labelWithKeys(
            page,
            first + plan.keysA.length,
            plan.keysB,
          );
          const saveSent = () =>
            page.waitForRequest((r) => r.url().includes('/api/annotations/save'), {
              timeout: delayMs + 5000,
            });
          if (round === 0) {
            await saveSent();
          } else if (round === 1) {
            const sent = saveSent();
            await page.keyboard.press('n');
            await sent;
          } else {
            // The debounce timer fires now: its save is being built, sent or written.
            const wait = lastAt + delayMs + 5 - Date.now();
            await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
          }
          await killBrowser(browser);
          const atOnce = check(madeB, `${when}, at once`);
          // The server may still finish a save it received: the file stays whole meanwhile.
          await new Promise((resolve) => setTimeout(resolve, 1000));
          const final = check(madeB, `${when}, after 1 s`);
          const kept = (labels) =>
            Object.entries(madeB).filter(([n, label]) => labels[n] === label).length;
          const total = Object.keys(madeB).length;
          console.log(
            `  ${when}: last-interval labels on disk ${kept(atOnce)}/${total} at once, ` +
              `${kept(final)}/${total} after 1 s`,
          );
          final.forEach((label, n) => {
            committed[n] = label;
          });
        } finally {
          if (browser.isConnected()) await killBrowser(browser);
        }
      }
      assert.ok(committed.filter(Boolean).length >= 12, 'labels reached the disk');
    },
  },
];
