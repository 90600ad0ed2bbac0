// Extraction tab flow: BirdNET runs on the demo recordings split by subfolder; the finished task's
// "Create annotation task" opens Extraction pre-filled; two classes, subfolder strata, random N + top N
// and clip export are chosen; the real extraction job runs; its summary shows, the files on disk are
// checked, and "Open in Review" hands the CSV and the clips folder to the Review tab.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../..",
  "..",
);
const PYTHON = path.join(ROOT, ".venv", "bin", "python");
const PETREL = "Hydrobates pelagicus_European Storm-Petrel";
const GREAT_TIT = "Parus major_Great Tit";
const SUBFOLDERS = ["audiomoth", "great_tit", "storm_petrel"];
const N_PER_STRATEGY = 2;
const CLIP_DURATION_S = 4;

/** Read the annotation CSVs and the summary with pandas: columns, rows and clip facts. */
function inspectOutputs(outDir) {
  const script = `
import glob, json, os, sys
import pandas as pd
import soundfile as sf
out = sys.argv[1]
tasks = {}
for path in sorted(glob.glob(os.path.join(out, "*_annotation_task_*.csv"))):
    table = pd.read_csv(path, keep_default_na=False)
    clips = [os.path.join(out, f) for f in table["file"]]
    tasks[os.path.basename(path)] = {
        "columns": list(table.columns),
        "rows": len(table),
        "strata": sorted(set(table["stratum"])),
        "strategies": sorted(set(table["strategy"])),
        "clips_exist": all(os.path.isfile(c) for c in clips),
        "clip_durations": sorted({round(sf.info(c).duration, 2) for c in clips}),
    }
summary = pd.read_csv(glob.glob(os.path.join(out, "extraction_summary_*.csv"))[0],
                      keep_default_na=False)
print(json.dumps({"tasks": tasks, "summary_rows": len(summary),
                  "selected": int(summary["selected"].sum())}))
`;
  return JSON.parse(
    execFileSync(PYTHON, ["-c", script, outDir], { encoding: "utf8" }),
  );
}

/**
 * A small predictions folder written by hand: AudioMoth-style names (timestamps 2024-05-01 and
 * 2024-05-09), two sites, three classes; plus a folder-metadata CSV.
 */
function writeSmallProject(home) {
  const folder = path.join(home, "small_project");
  mkdirSync(path.join(folder, "preds"), { recursive: true });
  const rows = ["file,start_time,end_time,Robin,Wren,Blackbird"];
  for (const [file, seed] of [
    ["site_a/20240501_050000.WAV", 1],
    ["site_b/20240509_230000.WAV", 2],
  ]) {
    for (let i = 0; i < 4; i += 1) {
      const scores = [0, 1, 2].map(
        (c) => (((i + 1) * (c + seed) * 37) % 100) / 10 - 5,
      );
      rows.push([`/recordings/${file}`, i * 3, i * 3 + 3, ...scores].join(","));
    }
  }
  writeFileSync(
    path.join(folder, "preds", "predictions.csv"),
    `${rows.join("\n")}\n`,
  );
  writeFileSync(
    path.join(folder, "sites.csv"),
    "folder,habitat,region\nsite_a,forest,north\nsite_b,meadow,north\n",
  );
  return folder;
}

/** Type a date or time into an MUI picker field (its sections take the digits in order). */
async function typeInPicker(page, testId, text) {
  const field = page.locator(`[data-testid="${testId}"]`).last();
  await field.getByRole("spinbutton").first().click();
  await page.keyboard.type(text.replace(/\D/g, ""));
}

/** Pick a class in the react-select by typing part of its name. */
async function pickClass(page, typed, label) {
  const input = page.locator("#extraction-classes");
  await input.fill(typed);
  await page
    .locator(".dipper-select__option")
    .filter({ hasText: label })
    .first()
    .click();
  await page.keyboard.press("Escape");
}

export const tests = [
  {
    name: "an inference task becomes an annotation task: Extraction from the task, summary, Open in Review",
    slug: "extraction",
    async run({ page, baseUrl, home, screenshots }) {
      const audioDir = path.join(home, "demo", "audio");
      const outDir = path.join(home, "annotations");
      await page.goto(baseUrl);
      await page.getByTestId("nav-inference").click();
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="inference-audio-dir"]')?.value
            ?.length > 0,
      );
      assert.equal(
        await page.getByTestId("inference-audio-dir").inputValue(),
        audioDir,
      );
      await page
        .getByTestId("inference-options")
        .getByText("Options", { exact: true })
        .click();
      await page.getByTestId("inference-split-by-subfolder").check();
      await page.getByTestId("inference-name").fill("BirdNET for extraction");
      await page.getByTestId("inference-create-run").click();

      await page.getByTestId("nav-tasks").click();
      const inference = page
        .getByTestId("task-card")
        .filter({ hasText: "BirdNET for extraction" });
      await inference
        .getByTestId("task-status")
        .filter({ hasText: /completed/i })
        .waitFor({ timeout: 300_000 });
      const jobDir = (
        await inference.getByTestId("task-job-dir").textContent()
      ).trim();

      // The follow-up opens Extraction with the job folder and the audio folder filled in.
      await inference.getByTestId("task-create-annotation").click();
      await page.waitForFunction(() => window.location.hash === "#/extraction");
      const predictions = page.getByTestId("extraction-predictions-dir");
      assert.equal(await predictions.inputValue(), jobDir);
      assert.equal(
        await page.getByTestId("extraction-audio-root").inputValue(),
        audioDir,
      );
      await page
        .getByTestId("extraction-scan-headline")
        .filter({
          hasText:
            /^3 predictions files \(3 dense\), [\d,]+ rows, 6,522 classes$/,
        })
        .waitFor({ timeout: 30_000 });
      assert.match(
        await page
          .getByTestId("extraction-create")
          .locator("..")
          .getAttribute("data-disabled-reason"),
        /^Fill in: Classes, Output folder$/,
      );

      await pickClass(page, "Great Tit", GREAT_TIT);
      await pickClass(page, "Storm-Petrel", PETREL);
      await page.getByTestId("extraction-by-subfolder").check();
      await page
        .getByTestId("extraction-strategy-random-n")
        .fill(String(N_PER_STRATEGY));
      await page.getByTestId("extraction-strategy-top-on").check();
      await page
        .getByTestId("extraction-strategy-top-n")
        .fill(String(N_PER_STRATEGY));
      await page.getByTestId("extraction-export-clips").check();
      await page
        .getByTestId("extraction-clip-duration")
        .fill(String(CLIP_DURATION_S));
      await page.getByTestId("extraction-output-dir").fill(outDir);
      await page.getByTestId("extraction-name").fill("Tits and petrels");
      const perClass = SUBFOLDERS.length * 2 * N_PER_STRATEGY;
      assert.equal(
        await page.getByTestId("extraction-estimate").textContent(),
        `What you’ll get: 2 classes × 3 subfolders × 4 clips per stratum = up to ${2 * perClass} clips.`,
      );
      await page.screenshot({
        path: path.join(screenshots, "extraction-form.png"),
        fullPage: true,
      });
      await page.getByTestId("extraction-create-run").click();

      const created = page.getByTestId("extraction-created");
      await created.waitFor();
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="extraction-created"]')?.dataset
            .status === "completed",
        null,
        { timeout: 240_000 },
      );
      const headline = created.getByTestId("extraction-summary-headline");
      await headline.waitFor();
      const rows = await created.getByTestId("extraction-summary-row").count();
      assert.equal(
        rows,
        2 * SUBFOLDERS.length * 2,
        "class × subfolder × strategy rows",
      );
      await created.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: path.join(screenshots, "extraction-summary.png"),
      });

      // The files on disk: one CSV per class with subfolder strata, both strategies, real clips.
      const report = inspectOutputs(outDir);
      const names = Object.keys(report.tasks);
      assert.equal(names.length, 2, `two annotation CSVs: ${names}`);
      for (const [name, task] of Object.entries(report.tasks)) {
        for (const column of [
          "file",
          "start_time",
          "end_time",
          "annotation",
          "score",
          "stratum",
          "strategy",
          "source_file",
          "source_start_time",
          "source_end_time",
        ]) {
          assert.ok(
            task.columns.includes(column),
            `${name} has ${column}: ${task.columns}`,
          );
        }
        assert.deepEqual(
          task.strata,
          SUBFOLDERS.map((folder) => `subfolder=${folder}`),
          name,
        );
        assert.ok(
          task.rows > 0 && task.rows <= perClass,
          `${name}: ${task.rows} rows`,
        );
        assert.ok(task.clips_exist, `${name}: every clip file exists`);
        assert.deepEqual(task.clip_durations, [CLIP_DURATION_S], name);
      }
      assert.match(
        await headline.textContent(),
        new RegExp(`^Selected ${report.selected} of 24 requested`),
      );
      assert.ok(existsSync(path.join(outDir, "clips")));
      assert.ok(
        readdirSync(path.join(outDir, "clips"), { recursive: true }).length > 0,
      );

      // Open in Review: two CSVs (binary), pick the Great Tit one.
      await created.getByTestId("open-in-review").click();
      const tit = page
        .getByTestId("open-in-review-csv")
        .filter({ hasText: GREAT_TIT });
      await tit.click();
      await page.waitForFunction(() => window.location.hash === "#/review");
      const titCsv = names.find((name) => name.startsWith(GREAT_TIT));
      // The Review tab took the prefill: the CSV and, with clips exported, OUT as the audio root.
      await page.waitForFunction(
        (want) =>
          document.querySelector('[data-testid="review-csv"]')?.value === want,
        path.join(outDir, titCsv),
      );
      assert.equal(
        await page.getByTestId("review-audio-root").inputValue(),
        outDir,
      );
    },
  },
  {
    name: "the extraction form in dark mode: scan, metadata strata, date pickers, save and open config",
    slug: "extraction-form",
    async run({ page, baseUrl, home, screenshots }) {
      const project = writeSmallProject(home);
      await page.goto(baseUrl);
      await page.getByTestId("nav-settings").click();
      await page.getByTestId("settings-theme-dark").click();
      await page.getByTestId("nav-extraction").click();

      await page
        .getByTestId("extraction-predictions-dir")
        .fill(path.join(project, "preds"));
      await page
        .getByTestId("extraction-scan-headline")
        .filter({ hasText: "1 predictions file (1 dense), 8 rows, 3 classes" })
        .waitFor();
      assert.equal(
        await page.getByTestId("extraction-scan-timestamps").textContent(),
        "Recording times read from the names of all 2 files (2024-05-01 to 2024-05-09).",
      );
      await page.getByTestId("extraction-classes-all").click();
      await page.getByTestId("extraction-by-week").check();

      await page
        .getByTestId("extraction-metadata-csv")
        .fill(path.join(project, "sites.csv"));
      await page.locator("#extraction-metadata-columns").click();
      await page
        .locator(".dipper-select__option")
        .filter({ hasText: "habitat (2 unique values)" })
        .click();
      await page.keyboard.press("Escape");

      // A date-window stratum typed backwards is refused until fixed.
      await page.getByTestId("extraction-strata-windows-add").click();
      await typeInPicker(page, "extraction-strata-windows-start", "2024-05-09");
      await typeInPicker(page, "extraction-strata-windows-end", "2024-05-01");
      const reason = () =>
        page
          .getByTestId("extraction-create")
          .locator("..")
          .getAttribute("data-disabled-reason");
      await page.getByText("Start is after end").waitFor();
      assert.match(
        await reason(),
        /Stratum date window 1 \(start is after end\)/,
      );
      await typeInPicker(page, "extraction-strata-windows-start", "2024-04-28");
      await page.getByText("Start is after end").waitFor({ state: "detached" });

      await page.getByTestId("extraction-time-windows-add").click();
      await typeInPicker(page, "extraction-time-windows-start", "22:00");
      await typeInPicker(page, "extraction-time-windows-end", "02:30");
      await page.getByTestId("extraction-strategy-score_bins-on").check();
      await page.getByTestId("extraction-mode-multiclass").click();
      await page
        .getByTestId("extraction-output-dir")
        .fill(path.join(project, "out"));
      assert.equal(await reason(), null);
      assert.equal(
        await page.getByTestId("extraction-estimate").textContent(),
        "What you’ll get: 3 classes × 2 weeks × 1 date window × 2 habitat values × 18 clips per " +
          "stratum = up to 216 clips.",
      );
      await page.locator("#extraction-classes").click();
      await page.screenshot({
        path: path.join(screenshots, "extraction-dark.png"),
        fullPage: true,
      });
      await page.keyboard.press("Escape");

      // Save config as… (the browser asks for a path on the server), then open it again.
      const saved = path.join(project, "extraction_config.json");
      await page.getByTestId("extraction-save-config").click();
      await page.getByTestId("path-prompt-input").fill(saved);
      await page.getByTestId("path-prompt-confirm").click();
      await page
        .getByTestId("toast")
        .filter({ hasText: `Config saved to ${saved}` })
        .waitFor();
      const config = JSON.parse(readFileSync(saved, "utf8"));
      assert.deepEqual(config.classes, ["Robin", "Wren", "Blackbird"]);
      assert.deepEqual(config.stratify_date_windows, [
        { start: "2024-04-28", end: "2024-05-01" },
      ]);
      assert.deepEqual(config.time_windows, [{ start: "22:00", end: "02:30" }]);
      assert.deepEqual(config.metadata_columns, ["habitat"]);
      assert.equal(config.mode, "multiclass");
      assert.deepEqual(
        config.strategies.map((s) => s.kind),
        ["random", "score_bins"],
      );

      await page.reload();
      await page.getByTestId("nav-extraction").click();
      assert.equal(
        await page.getByTestId("extraction-predictions-dir").inputValue(),
        "",
      );
      await page.getByTestId("extraction-open-config").click();
      await page.getByTestId("path-prompt-input").fill(saved);
      await page.getByTestId("path-prompt-confirm").click();
      await page
        .getByTestId("extraction-note")
        .filter({ hasText: `Loaded from ${saved}` })
        .waitFor();
      assert.equal(
        await page.getByTestId("extraction-predictions-dir").inputValue(),
        path.join(project, "preds"),
      );
      assert.equal(
        await page.getByTestId("extraction-strata-windows-row").count(),
        1,
      );
      assert.equal(
        await page
          .getByTestId("extraction-mode-multiclass")
          .getAttribute("aria-pressed"),
        "true",
      );
      await page
        .getByTestId("extraction-estimate")
        .filter({ hasText: "up to 216 clips" })
        .waitFor();
    },
  },
];
