// The user flows checked in Chromium (see run.mjs for the harness).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TABS = ['inference', 'training', 'extraction', 'review', 'explore', 'tasks', 'settings'];
const AUDIO_EXTENSIONS = ['.wav', '.flac', '.mp3', '.ogg'];
const PETREL = 'Hydrobates pelagicus_European Storm-Petrel';
const GREAT_TIT = 'Parus major_Great Tit';

/** Audio files under a folder (recursive, the form's default extensions, any case). */
function audioFilesUnder(folder) {
  return readdirSync(folder, { recursive: true })
    .map(String)
    .filter((name) => AUDIO_EXTENSIONS.includes(path.extname(name).toLowerCase()));
}

/**
 * Read a job's sparse outputs and failed_files.csv with pandas (the repo's .venv): per output its
 * index names and row count, the top class of every file (max over windows; NaN = no detection),
 * and the failed-file rows.
 */
function inspectSparseOutputs(jobDir) {
  const script = `
import glob, json, os, sys
import pandas as pd
job = sys.argv[1]
outputs, tops = {}, {}
for pkl in sorted(glob.glob(os.path.join(job, "sparse_predictions*.pkl"))):
    scores = pd.read_pickle(pkl)
    outputs[os.path.basename(pkl)] = {"index": list(scores.index.names), "rows": len(scores)}
    dense = scores.sparse.to_dense().astype("float64")
    for file, row in dense.groupby(level="file").max().iterrows():
        row = row.dropna()
        tops[os.path.basename(file)] = None if row.empty else row.idxmax()
failed = pd.read_csv(os.path.join(job, "failed_files.csv"))
print(json.dumps({"outputs": outputs, "tops": tops, "failed_columns": list(failed.columns),
                  "failed": failed.fillna("").to_dict("records")}))
`;
  const python = path.join(ROOT, '.venv', 'bin', 'python');
  return JSON.parse(execFileSync(python, ['-c', script, jobDir], { encoding: 'utf8' }));
}

/** Per-file maximum score of every class in a dense predictions.csv → top class per file. */
export function topClassPerFile(csvText) {
  const [header, ...rows] = csvText.trim().split('\n');
  const columns = parseCsvLine(header);
  const best = new Map();
  for (const row of rows) {
    const cells = parseCsvLine(row);
    const file = cells[0];
    const current = best.get(file) ?? { score: -Infinity, cls: null };
    for (let i = 3; i < cells.length; i += 1) {
      const score = Number(cells[i]);
      if (score > current.score) Object.assign(current, { score, cls: columns[i] });
    }
    best.set(file, current);
  }
  return best;
}

function parseCsvLine(line) {
  const out = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

export const tests = [
  {
    name: 'the app opens with the navigation bar and every tab',
    slug: 'nav',
    async run({ page, baseUrl }) {
      await page.goto(baseUrl);
      for (const tab of TABS) await page.getByTestId(`nav-${tab}`).waitFor();
      await page.getByTestId('nav-explore').click();
      await page.getByText(/not built yet/i).waitFor();
      assert.ok(!page.url().includes('token='), 'the token is removed from the visible URL');
    },
  },
  {
    name: 'a BirdNET task on the demo folder runs to completion with progress',
    slug: 'birdnet-demo',
    async run({ page, baseUrl, home, screenshots }) {
      await page.goto(baseUrl);
      await page.getByTestId('nav-inference').click();
      const audio = page.getByTestId('inference-audio-dir');
      await assert.doesNotReject(() => page.waitForFunction(
        () => document.querySelector('[data-testid="inference-audio-dir"]')?.value?.length > 0,
      ));
      assert.equal(await audio.inputValue(), path.join(home, 'demo', 'audio'));
      await page.getByTestId('inference-name').fill('Demo BirdNET run');
      await page.screenshot({ path: path.join(screenshots, 'inference.png') });
      await page.getByTestId('inference-create').click();

      await page.getByTestId('nav-tasks').click();
      const card = page.getByTestId('task-card').filter({ hasText: 'Demo BirdNET run' });
      await card.getByTestId('task-status').filter({ hasText: /unstarted/i }).waitFor();
      await card.getByTestId('task-start').click();
      await card.getByTestId('task-status').filter({ hasText: /running/i }).waitFor({ timeout: 30_000 });
      await page.getByTestId('toast').filter({ hasText: 'Demo BirdNET run' }).first().waitFor();
      // Progress moves while it runs (BirdNET loads, then files are processed).
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-testid="task-progress-percent"]');
        return el && /^([1-9]\d?|100)%$/.test(el.textContent.trim());
      }, null, { timeout: 240_000 });
      await page.screenshot({ path: path.join(screenshots, 'tasks-running.png') });
      await card.getByTestId('task-status').filter({ hasText: /completed/i })
        .waitFor({ timeout: 240_000 });
      await page.screenshot({ path: path.join(screenshots, 'tasks-completed.png') });

      const jobDir = (await card.getByTestId('task-job-dir').textContent()).trim();
      const files = readdirSync(jobDir);
      for (const name of ['config.json', 'log.txt', 'predictions.csv']) {
        assert.ok(files.includes(name), `${name} in ${files}`);
      }
      const top = topClassPerFile(readFileSync(path.join(jobDir, 'predictions.csv'), 'utf8'));
      const petrel = [...top].find(([file]) => file.endsWith('XC46092.wav'));
      const tit = [...top].find(([file]) => file.endsWith('2021-B32-0415_05-11.wav'));
      assert.equal(petrel[1].cls, 'Hydrobates pelagicus_European Storm-Petrel');
      assert.equal(tit[1].cls, 'Parus major_Great Tit');

      await card.getByTestId('task-log-toggle').click();
      await card.getByTestId('task-log').filter({ hasText: /files/ }).waitFor();
      assert.ok(existsSync(path.join(jobDir, 'exit.json')));
    },
  },
  {
    name: 'a folder picked in the file browser runs with sparse outputs per subfolder and a corrupt file',
    slug: 'sparse-subfolders',
    async run({ page, baseUrl, home, screenshots }) {
      // A copy of the demo recordings with one corrupt file, so other flows see the demo untouched.
      const audioDir = path.join(home, 'e2e_audio');
      cpSync(path.join(home, 'demo', 'audio'), audioDir, { recursive: true });
      writeFileSync(path.join(audioDir, 'great_tit', 'broken.wav'), randomBytes(8192));
      const expectedCount = audioFilesUnder(audioDir).length;

      await page.goto(baseUrl);
      await page.getByTestId('nav-inference').click();
      const audio = page.getByTestId('inference-audio-dir');
      await page.waitForFunction(
        () => document.querySelector('[data-testid="inference-audio-dir"]')?.value?.length > 0,
      );
      await audio.fill('');
      await page.getByTestId('inference-match-count')
        .filter({ hasText: 'Choose audio' }).waitFor();

      // Browse: the server file browser starts at the roots (the served home) → e2e_audio → select.
      await page.getByRole('button', { name: 'Browse for Audio folder' }).click();
      const browser = page.getByTestId('file-browser');
      await browser.getByTestId('file-browser-entry').filter({ hasText: home }).first().click();
      await browser.locator(`[data-testid="file-browser-entry"][data-path="${audioDir}"]`).click();
      await page.waitForFunction(
        (want) => document.querySelector('[data-testid="file-browser-path"]')?.value === want,
        audioDir,
      );
      await browser.getByTestId('file-browser-select').click();
      await browser.waitFor({ state: 'detached' });
      assert.equal(await audio.inputValue(), audioDir);

      await page.getByTestId('inference-options').getByText('Options', { exact: true }).click();
      await page.getByTestId('inference-sparse').check();
      await page.getByTestId('inference-split-by-subfolder').check();
      assert.equal(await page.getByTestId('inference-sparse-floor').inputValue(), '-3');
      await page.getByTestId('inference-match-count')
        .filter({ hasText: new RegExp(`^${expectedCount} files match`) }).waitFor();
      await page.getByTestId('inference-name').fill('Sparse subfolder run');
      await page.getByTestId('inference-create-run').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(screenshots, 'inference-options.png') });
      await page.getByTestId('inference-create-run').click();

      await page.getByTestId('nav-tasks').click();
      const card = page.getByTestId('task-card').filter({ hasText: 'Sparse subfolder run' });
      await card.getByTestId('task-status').filter({ hasText: /queued|running|completed/i })
        .waitFor({ timeout: 30_000 });
      await card.getByTestId('task-progress-percent')
        .filter({ hasText: /^([1-9]\d?|100)%$/ }).waitFor({ timeout: 240_000 });
      await card.getByTestId('task-status').filter({ hasText: /completed/i })
        .waitFor({ timeout: 240_000 });

      const failedLine = card.getByTestId('task-failed-files');
      await failedLine.waitFor();
      assert.match(await failedLine.textContent(), /^1 file could not be read/);
      const jobDir = (await card.getByTestId('task-job-dir').textContent()).trim();
      const onDisk = readdirSync(jobDir).filter((name) => !name.startsWith('.')).sort();
      const expectedPkls = ['audiomoth', 'great_tit', 'storm_petrel']
        .map((folder) => `sparse_predictions__${folder}.pkl`);
      for (const name of [...expectedPkls, 'failed_files.csv']) {
        assert.ok(onDisk.includes(name), `${name} in ${onDisk}`);
        await card.getByTestId('task-outputs').getByText(name, { exact: true }).waitFor();
      }
      assert.ok(!onDisk.some((name) => name.startsWith('predictions')), `no dense output: ${onDisk}`);
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(screenshots, 'task-failed-files.png') });

      // Show job folder: in a browser, the server's listing of the job folder.
      await card.getByTestId('task-show-folder').click();
      const listing = page.getByTestId('file-browser');
      await listing.getByTestId('file-browser-entry').first().waitFor();
      assert.equal(await listing.getByTestId('file-browser-path').inputValue(), jobDir);
      const listed = await listing.getByTestId('file-browser-entry')
        .evaluateAll((items) => items.map((item) => item.dataset.path));
      assert.deepEqual(
        listed.map((item) => path.basename(item)).filter((name) => !name.startsWith('.')).sort(),
        onDisk,
      );
      await page.screenshot({ path: path.join(screenshots, 'task-job-folder.png') });
      await listing.getByTestId('file-browser-close').click();
      await listing.waitFor({ state: 'detached' });

      // The outputs, read with pandas as docs/inference.md shows.
      const report = inspectSparseOutputs(jobDir);
      assert.deepEqual(Object.keys(report.outputs).sort(), expectedPkls);
      for (const [name, output] of Object.entries(report.outputs)) {
        assert.deepEqual(output.index, ['file', 'start_time', 'end_time'], name);
        assert.ok(output.rows > 0, `${name} has rows`);
      }
      assert.equal(report.tops['XC46092.wav'], PETREL);
      assert.equal(report.tops['2021-B32-0415_05-11.wav'], GREAT_TIT);
      assert.ok(!('broken.wav' in report.tops), 'the corrupt file has no scores');
      assert.deepEqual(report.failed_columns, ['file', 'reason']);
      assert.equal(report.failed.length, 1);
      assert.equal(report.failed[0].file, path.join(audioDir, 'great_tit', 'broken.wav'));
      assert.ok(report.failed[0].reason.trim().length > 0, 'a reason is given');
    },
  },
  {
    name: 'settings show the environment and toggle parallel tasks',
    slug: 'settings',
    async run({ page, baseUrl, screenshots }) {
      await page.goto(baseUrl);
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('env-status').filter({ hasText: /ready/i }).waitFor();
      const toggle = page.getByTestId('settings-parallel');
      const before = await toggle.isChecked();
      await toggle.click();
      await page.waitForFunction((was) => {
        const el = document.querySelector('[data-testid="settings-parallel"]');
        return el && el.checked !== was;
      }, before);
      await page.reload();
      await page.getByTestId('nav-settings').click();
      assert.equal(await page.getByTestId('settings-parallel').isChecked(), !before);
      await page.getByTestId('settings-theme-dark').click();
      await page.screenshot({ path: path.join(screenshots, 'settings-dark.png') });
    },
  },
];
