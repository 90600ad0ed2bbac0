// The user flows checked in Chromium (see run.mjs for the harness).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const TABS = ['inference', 'training', 'extraction', 'review', 'explore', 'tasks', 'settings'];

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
      await page.getByTestId('nav-training').click();
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
