// Training tab flow (issue 6): review a binary task on the real demo recordings with the keyboard,
// train a shallow classifier on BirdNET embeddings from it with a loop folder, open the live report,
// see the round in the loop view, then "Next round": inference with the new model, Extraction
// prefilled with the hybrid strategy and the reviewed CSV as already labelled, run it, and check that
// no clip it picked overlaps a reviewed one.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..', '..');
const PYTHON = path.join(ROOT, '.venv', 'bin', 'python');
const GREAT_TIT = 'Parus major_Great Tit';
/** Seconds of the storm-petrel recording that get reviewed; the rest is left for the next round. */
const PETREL_REVIEWED_S = 7;

/**
 * Write the task CSV: 1 s clips every second of each demo recording (the petrel one only up to
 * PETREL_REVIEWED_S), `file` relative to the audio folder. Returns whether each clip is a great tit.
 */
function writeTask(audioDir, csvPath) {
  const script = `
import csv, glob, json, os, sys
import soundfile as sf
audio, out, limit = sys.argv[1], sys.argv[2], float(sys.argv[3])
rows, tits = [], []
for file in sorted(glob.glob(os.path.join(audio, "**", "*.*"), recursive=True)):
    rel = os.path.relpath(file, audio)
    duration = sf.info(file).duration
    if rel.startswith("storm_petrel"):
        duration = min(duration, limit)
    start = 0.0
    while start < duration - 0.2:
        rows.append([rel, f"{start:.1f}", f"{min(start + 1, duration):.2f}", "", ""])
        tits.append(rel.startswith("great_tit"))
        start += 1.0
with open(out, "w", newline="") as fh:
    writer = csv.writer(fh)
    writer.writerow(["file", "start_time", "end_time", "annotation", "comments"])
    writer.writerows(rows)
print(json.dumps(tits))
`;
  const out = execFileSync(
    PYTHON,
    ['-c', script, audioDir, csvPath, String(PETREL_REVIEWED_S)],
    { encoding: 'utf8' },
  );
  return JSON.parse(out);
}

/** Rows of a CSV as {column: cell} objects (Python's csv reader). */
function readCsv(csvPath) {
  const script = `
import csv, json, sys
with open(sys.argv[1], newline="") as fh:
    print(json.dumps(list(csv.DictReader(fh))))
`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script, csvPath], { encoding: 'utf8' }));
}

/** Wait until an element's data attribute leaves the in-progress values; returns the final one. */
async function waitStatus(locator, attribute, done, timeoutS) {
  for (let i = 0; i < timeoutS * 2; i += 1) {
    const value = await locator.getAttribute(attribute);
    if (done.includes(value)) return value;
    await locator.page().waitForTimeout(500);
  }
  throw new Error(`${attribute} did not reach ${done.join('/')} in ${timeoutS} s`);
}

/** Review every clip of the task in focus view: A (yes) for great tits, S (no) for the rest. */
async function reviewTask(page, baseUrl, csvPath, audioDir, isTit) {
  await page.goto(baseUrl);
  await page.getByTestId('nav-review').click();
  await page.getByTestId('review-csv').fill(csvPath);
  await page.getByTestId('review-audio-root').fill(audioDir);
  await page.getByTestId('review-mode-binary').click();
  await page.getByTestId('review-load').click();
  await page.getByTestId('clip-card').first().waitFor();
  await page.getByTestId('review-save-as').click();
  await page.getByTestId('path-prompt-input').fill(csvPath);
  await page.getByTestId('path-prompt-confirm').click();
  await page.locator('[data-testid="review-save-status"][data-status="saved"]').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('focus-view').waitFor();
  for (const [i, tit] of isTit.entries()) {
    await page.getByTestId('focus-position').filter({ hasText: `Clip ${i + 1} of` }).waitFor();
    await page.keyboard.press(tit ? 'a' : 's');
  }
  await page.keyboard.press('Escape');
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="review-save-status"]')?.dataset.status === 'saved',
    null,
    { timeout: 20_000 },
  );
  const saved = readCsv(csvPath);
  assert.deepEqual(
    saved.map((row) => row.annotation),
    isTit.map((tit) => (tit ? 'yes' : 'no')),
  );
}

export const tests = [
  {
    name: 'train a classifier from a reviewed task, open its report and start the next round',
    slug: 'training-loop',
    async run({ page, baseUrl, home, screenshots }) {
      const audioDir = path.join(home, 'demo', 'audio');
      const work = path.join(home, 'training_e2e');
      const loopDir = path.join(work, 'loop');
      mkdirSync(work, { recursive: true });
      const taskCsv = path.join(work, `${GREAT_TIT}_annotation_task_1.csv`);
      const isTit = writeTask(audioDir, taskCsv);
      assert.ok(isTit.length >= 15 && isTit.some(Boolean) && isTit.some((t) => !t));
      await reviewTask(page, baseUrl, taskCsv, audioDir, isTit);

      // Training tab: the reviewed CSV (class from its name), a loop folder, create and run.
      await page.getByTestId('nav-training').click();
      await page.getByTestId('training-labels-add-csv').click();
      await page.getByTestId('training-labels-csv-0-path').fill(taskCsv);
      await page.getByTestId('training-labels-csv-0-audio-root').fill(audioDir);
      await page.getByTestId('training-labels-csv-0-use-suggestion').click();
      assert.equal(await page.getByTestId('training-labels-csv-0-class').inputValue(), GREAT_TIT);
      const tits = isTit.filter(Boolean).length;
      await page
        .getByTestId('training-labels-csv-0-summary')
        .filter({ hasText: `${tits} yes, ${isTit.length - tits} no` })
        .waitFor();
      await page.getByTestId('training-validation-fraction').fill('0.4');
      await page.getByTestId('training-output-dir').fill(path.join(work, 'models'));
      await page.getByTestId('training-loop-dir').fill(loopDir);
      await page.getByTestId('loop-empty').waitFor();
      await page.getByTestId('training-create-run').click();
      const created = page.getByTestId('training-created');
      await created.waitFor();

      // Open report while it runs or once done: a new tab with the report page.
      const report = page.getByTestId('task-open-report').first();
      await page.waitForFunction(
        () => !document.querySelector('[data-testid="task-open-report"]')?.closest('.Mui-disabled'),
        null,
        { timeout: 120_000 },
      );
      const status = await waitStatus(created, 'data-status', ['completed', 'failed'], 240);
      assert.equal(status, 'completed', await created.innerText());
      const [reportPage] = await Promise.all([page.context().waitForEvent('page'), report.click()]);
      await reportPage.waitForLoadState();
      const reportText = await reportPage.locator('body').innerText();
      assert.match(reportText, /Training finished/);
      assert.match(reportText, new RegExp(GREAT_TIT));
      await reportPage.screenshot({ path: path.join(screenshots, 'training-report.png') });
      await reportPage.close();
      await page.getByTestId('training-result').waitFor();

      // The loop view shows round 1 and its learning-curve point.
      await page.getByTestId('loop-round-row').first().waitFor({ timeout: 20_000 });
      assert.equal(await page.getByTestId('loop-round-row').count(), 1);
      await page.getByTestId('loop-curve').waitFor();
      await page.getByTestId('loop-view').screenshot({ path: path.join(screenshots, 'training-loop.png') });

      // Next round: inference with the new model, then Extraction waits for it and scans.
      await page.getByTestId('loop-next-round').click();
      await page.getByTestId('loop-next-round-dialog').waitFor();
      assert.equal(await page.getByTestId('loop-next-audio-dir').inputValue(), audioDir);
      await page.getByTestId('loop-next-clips').fill('5');
      await page.getByTestId('loop-next-start').click();
      await page.waitForURL(/#\/extraction/, { timeout: 15_000 });
      const banner = page.getByTestId('extraction-await');
      await banner.waitFor();
      const phase = await waitStatus(banner, 'data-phase', ['completed', 'failed'], 240);
      assert.equal(phase, 'completed', await banner.innerText());
      assert.equal(await page.getByTestId('extraction-labelled-files').inputValue(), taskCsv);
      await page.getByTestId('extraction-scan').filter({ hasText: '1 class' }).waitFor();
      await page.getByTestId('extraction-create-run').click();
      const extraction = page.getByTestId('extraction-created');
      await extraction.waitFor();
      const done = await waitStatus(extraction, 'data-status', ['completed', 'failed'], 240);
      assert.equal(done, 'completed', await extraction.innerText());

      // The new annotation task holds only clips nobody reviewed yet (the petrel's later part).
      const roundDir = path.join(loopDir, 'round_2');
      const outputs = readdirSync(roundDir).filter(
        (name) => name.endsWith('.csv') && name.includes('annotation_task'),
      );
      assert.equal(outputs.length, 1, `one annotation task in ${roundDir}: ${outputs}`);
      const picked = readCsv(path.join(roundDir, outputs[0]));
      assert.ok(picked.length > 0, 'the next round picks some clips');
      const reviewed = readCsv(taskCsv);
      for (const clip of picked) {
        const file = path.relative(audioDir, path.resolve(audioDir, clip.file));
        const [start, end] = [Number(clip.start_time), Number(clip.end_time)];
        const clash = reviewed.find(
          (row) =>
            row.file === file &&
            Number(row.start_time) < end - 0.01 &&
            Number(row.end_time) > start + 0.01,
        );
        assert.equal(clash, undefined, `picked ${file} ${start}-${end} was already reviewed`);
      }
    },
  },
];
