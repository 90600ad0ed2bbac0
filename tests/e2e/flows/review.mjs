// Review tab flows: a task CSV built from the real demo recordings (1 s clips, half-overlapping, so
// the short demo files give more than 40 clips), labelled with the keyboard and the mouse in grid and
// focus view, auto-saved by the real server; the saved CSV is then read back and checked cell by cell.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..', '..');
const PYTHON = path.join(ROOT, '.venv', 'bin', 'python');
const DOCS_SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

/**
 * Write a task CSV over the demo recordings: `file` relative to the demo audio folder, 1 s clips
 * every 0.5 s, a `score` column (binary) or one score column per class (multiclass).
 * @returns The number of rows written.
 */
function writeTask(audioDir, csvPath, classes) {
  const script = `
import csv, glob, os, sys
import soundfile as sf
audio, out, classes = sys.argv[1], sys.argv[2], [c for c in sys.argv[3].split(",") if c]
score_cols = classes or ["score"]
rows = []
for file in sorted(glob.glob(os.path.join(audio, "**", "*.*"), recursive=True)):
    duration = sf.info(file).duration
    start = 0.0
    while start + 1.0 <= duration + 1e-9:
        n = len(rows)
        rows.append([os.path.relpath(file, audio), f"{start:.1f}", f"{start + 1:.1f}"]
                    + [f"{((n * 37 + i * 11) % 100) / 100:.2f}" for i in range(len(score_cols))])
        start += 0.5
with open(out, "w", newline="") as fh:
    writer = csv.writer(fh)
    writer.writerow(["file", "start_time", "end_time"] + score_cols)
    writer.writerows(rows)
print(len(rows))
`;
  const out = execFileSync(PYTHON, ['-c', script, audioDir, csvPath, classes.join(',')], {
    encoding: 'utf8',
  });
  return Number(out.trim());
}

/** The saved CSV as a list of {column: cell} objects (Python's csv reader: quotes and commas). */
function readCsv(csvPath) {
  const script = `
import csv, json, sys
with open(sys.argv[1], newline="") as fh:
    print(json.dumps(list(csv.DictReader(fh))))
`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script, csvPath], { encoding: 'utf8' }));
}

async function openTask(page, baseUrl, csvPath, audioDir, mode, classes = []) {
  await page.goto(baseUrl);
  await page.getByTestId('nav-review').click();
  await page.getByTestId('review-csv').fill(csvPath);
  await page.getByTestId('review-audio-root').fill(audioDir);
  await page.getByTestId(`review-mode-${mode}`).click();
  if (classes.length) await page.getByTestId('review-classes').fill(classes.join('\n'));
  await page.getByTestId('review-load').click();
  await page.getByTestId('review-toolbar').waitFor();
  await page.getByTestId('clip-card').first().waitFor();
}

async function chooseSaveLocation(page, savePath) {
  await page.getByTestId('review-save-as').click();
  await page.getByTestId('path-prompt-input').fill(savePath);
  await page.getByTestId('path-prompt-confirm').click();
  await page.locator('[data-testid="review-save-status"][data-status="saved"]').waitFor();
}

/** Wait until auto-save has written everything (status chip says saved). */
async function waitSaved(page) {
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="review-save-status"]')?.dataset.status === 'saved',
    null,
    { timeout: 15_000 },
  );
}

async function waitImages(page) {
  await page.waitForFunction(() => {
    const cards = document.querySelectorAll('[data-testid="clip-card"], [data-testid="focus-view"]');
    const images = document.querySelectorAll('[data-testid="spectrogram"] img');
    return cards.length > 0 && images.length === cards.length &&
      [...images].every((img) => img.complete && img.naturalWidth > 0);
  }, null, { timeout: 30_000 });
}

const labelsOnPage = (page) =>
  page.getByTestId('clip-card').evaluateAll((cards) => cards.map((c) => c.dataset.label));

export const tests = [
  {
    name: 'review a binary task with keys in grid and focus view; auto-save writes exact labels',
    slug: 'review-binary',
    async run({ page, baseUrl, home }) {
      const audioDir = path.join(home, 'demo', 'audio');
      const workDir = path.join(home, 'review_e2e');
      mkdirSync(workDir, { recursive: true });
      const taskCsv = path.join(workDir, 'binary_task.csv');
      const savedCsv = path.join(workDir, 'binary_labels.csv');
      const total = writeTask(audioDir, taskCsv, []);
      assert.ok(total >= 40, `at least 40 clips (got ${total})`);

      await openTask(page, baseUrl, taskCsv, audioDir, 'binary');
      await page.getByTestId('review-summary').filter({ hasText: `${total} clips` }).waitFor();
      await chooseSaveLocation(page, savedCsv);

      // Settings: 3 × 3 grid.
      await page.getByTestId('review-settings-toggle').click();
      await page.getByTestId('review-setting-rows').fill('3');
      await page.getByTestId('review-setting-columns').fill('3');
      await page.getByTestId('review-settings-close').click();
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="clip-card"]').length === 9,
      );
      const pages = Math.ceil(total / 9);
      await page.getByTestId('review-page').filter({ hasText: `Page 1 of ${pages}` }).waitFor();

      // Page 1: Shift+A labels every clip yes; the mouse sets clip 1 to no; undo/redo that.
      await page.keyboard.press('Shift+A');
      assert.deepEqual(await labelsOnPage(page), Array(9).fill('yes'));
      await page.getByTestId('clip-card').nth(1).getByTestId('label-no').click();
      await page.keyboard.press('Control+z');
      assert.equal((await labelsOnPage(page))[1], 'yes');
      await page.keyboard.press('Control+y');
      assert.equal((await labelsOnPage(page))[1], 'no');
      await waitImages(page);
      // Playing a clip moves the playhead (real /api/audio in Chromium).
      await page.getByTestId('spectrogram').first().click({ position: { x: 200, y: 60 } });
      await page.getByTestId('playhead').first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Space');
      // With the playback bandpass on (Web Audio filters), playback still runs: the playhead moves.
      await page.getByTestId('review-settings-toggle').click();
      await page.getByTestId('review-setting-bandpass').check();
      await page.getByTestId('review-settings-close').click();
      await page.getByTestId('spectrogram').nth(2).click({ position: { x: 150, y: 60 } });
      await page.waitForFunction(() => {
        const head = document.querySelector('[data-testid="playhead"]');
        return head && parseFloat(head.style.left || getComputedStyle(head).left) > 0;
      }, null, { timeout: 10_000 });
      await page.keyboard.press('Space');
      await page.mouse.move(0, 0);
      mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'review-grid.png') });

      // Page 2: arrow to the second clip, D = uncertain; show comments and write one.
      await page.keyboard.press('n');
      await page.getByTestId('review-page').filter({ hasText: 'Page 2 of' }).waitFor();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('d');
      assert.equal((await labelsOnPage(page))[1], 'uncertain');
      await page.keyboard.press('Control+Shift+C');
      const comment = 'faint, "far" call';
      const firstComment = page.getByTestId('clip-comment').first();
      await firstComment.fill(comment);
      await page.keyboard.press('a'); // typed into the comment, not a label
      assert.equal(await firstComment.inputValue(), `${comment}a`);
      await page.keyboard.press('Backspace');
      await page.getByTestId('review-summary').click();
      // Next page and back: the comment is still there.
      await page.keyboard.press('n');
      await page.getByTestId('review-page').filter({ hasText: 'Page 3 of' }).waitFor();
      await page.keyboard.press('p');
      await page.getByTestId('review-page').filter({ hasText: 'Page 2 of' }).waitFor();
      assert.equal(await page.getByTestId('clip-comment').first().inputValue(), comment);

      // Focus view on clip 9: A = yes (advances), S = no (advances), K/J move, D then undo.
      await page.keyboard.press('Escape');
      await page.getByTestId('focus-view').waitFor();
      await page.getByTestId('focus-position').filter({ hasText: 'Clip 10 of' }).waitFor();
      await page.keyboard.press('a');
      await page.getByTestId('focus-position').filter({ hasText: 'Clip 11 of' }).waitFor();
      await page.keyboard.press('s');
      await page.getByTestId('focus-position').filter({ hasText: 'Clip 12 of' }).waitFor();
      await page.keyboard.press('k');
      await page.keyboard.press('j');
      await page.getByTestId('focus-position').filter({ hasText: 'Clip 12 of' }).waitFor();
      await page.keyboard.press('d');
      await page.getByTestId('focus-position').filter({ hasText: 'Clip 13 of' }).waitFor();
      await page.keyboard.press('Control+z');
      await page.keyboard.press('j');
      await page.locator('[data-testid="focus-view"][data-label="unlabeled"]').waitFor();
      // The focus view shows 1 s of context on each side of the clip (2.0–3.0 s of a 5 s file).
      await page.getByTestId('context-before').waitFor();
      await page.getByTestId('context-after').waitFor();
      await waitImages(page);
      await page.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'review-focus.png') });
      await page.keyboard.press('Escape');
      await page.getByTestId('clip-grid').waitFor();

      await waitSaved(page);
      const saved = readCsv(savedCsv);
      assert.equal(saved.length, total);
      const expected = saved.map(() => ['', '']);
      for (let i = 0; i < 9; i += 1) expected[i][0] = 'yes';
      expected[1][0] = 'no';
      expected[9] = ['yes', comment];
      expected[10][0] = 'no';
      assert.deepEqual(
        saved.map((row) => [row.annotation, row.comments]),
        expected,
      );
      assert.ok(saved.every((row, i) => row.score !== undefined && row.file && i >= 0));
    },
  },
  {
    name: 'review a multiclass task: class selector, S = [] and undo; saved as Python lists',
    slug: 'review-multiclass',
    async run({ page, baseUrl, home }) {
      const audioDir = path.join(home, 'demo', 'audio');
      const workDir = path.join(home, 'review_e2e');
      mkdirSync(workDir, { recursive: true });
      const taskCsv = path.join(workDir, 'multiclass_task.csv');
      const classes = ['great_tit', 'storm_petrel'];
      const total = writeTask(audioDir, taskCsv, classes);
      assert.ok(total >= 40);

      await openTask(page, baseUrl, taskCsv, audioDir, 'multiclass', classes);
      await page.getByTestId('review-summary').filter({ hasText: 'multiclass mode' }).waitFor();
      // Save in place over the loaded task file.
      await chooseSaveLocation(page, taskCsv);

      const first = page.getByTestId('clip-card').first();
      // react-select: the menu stays open while picking several classes.
      await first.locator('#clip-classes-0').click();
      await page.locator('.dipper-select__option', { hasText: 'storm_petrel' }).click();
      await page.locator('.dipper-select__option', { hasText: 'great_tit' }).click();
      await page.keyboard.press('a'); // typed into the select's search, not a label shortcut
      await page.keyboard.press('Backspace');
      await page.getByTestId('review-summary').click();
      assert.equal(await first.getAttribute('data-label'), 'yes');

      // Second clip: S = reviewed, no class ([]); third: S then undo (stays unreviewed).
      await page.getByTestId('clip-card').nth(1).getByTestId('clip-file').click();
      await page.keyboard.press('s');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('s');
      await page.keyboard.press('Control+z');
      assert.deepEqual((await labelsOnPage(page)).slice(0, 3), ['yes', 'no', 'unlabeled']);

      await page.keyboard.press('n');
      await waitSaved(page);
      const saved = readCsv(taskCsv);
      assert.equal(saved.length, total);
      const expected = saved.map(() => '');
      expected[0] = "['storm_petrel', 'great_tit']";
      expected[1] = '[]';
      assert.deepEqual(saved.map((row) => row.annotation), expected);
      assert.deepEqual(Object.keys(saved[0]), [
        'file', 'start_time', 'end_time', 'great_tit', 'storm_petrel', 'annotation', 'comments',
      ]);
    },
  },
];
