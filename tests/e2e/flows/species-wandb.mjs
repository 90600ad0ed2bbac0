// Species filter + W&B flow: log in to W&B in Settings (a well-formed key; this machine is
// offline, so the run is logged offline), then run BirdNET on the demo recordings with the
// location + date filter (live count from the real meta-model) and W&B logging; the task links to
// its offline W&B run and the job folder holds species_list.txt.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const tests = [
  {
    name: "species filter preview and W&B logging (offline) on the demo recordings",
    slug: "species-wandb",
    async run({ page, baseUrl, screenshots }) {
      await page.goto(baseUrl);
      await page.getByTestId("nav-settings").click();
      await page.getByTestId("wandb-api-key").fill("e2e0".repeat(10));
      await page.getByTestId("wandb-login").click();
      await page
        .getByTestId("wandb-status")
        .filter({ hasText: /^logged in$/ })
        .waitFor();

      await page.getByTestId("nav-inference").click();
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="inference-audio-dir"]')?.value
            ?.length > 0,
      );
      await page.getByText("Options", { exact: true }).click();
      await page.getByTestId("species-filter-toggle").click();
      await page.getByTestId("species-filter-latitude").fill("51.75");
      await page.getByTestId("species-filter-longitude").fill("-1.25");
      await page.getByTestId("species-filter-date").fill("2021-04-15");
      const preview = page.getByTestId("species-filter-preview");
      await preview
        .filter({ hasText: /of 6,522 species kept \(e\.g\. / })
        .waitFor({ timeout: 60_000 });
      const kept = Number(
        (await preview.textContent()).match(/^([\d,]+) of/)[1].replace(",", ""),
      );
      assert.ok(kept > 50 && kept < 400, `kept ${kept} species`);

      await page.getByTestId("wandb-toggle").click();
      await page.getByTestId("wandb-project").fill("dipper-e2e");
      await page.getByTestId("wandb-run-name").fill("demo run");
      await page.screenshot({
        path: path.join(screenshots, "species-wandb-form.png"),
      });
      await page.getByTestId("inference-name").fill("Filtered demo");
      await page.getByTestId("inference-create-run").click();

      await page.getByTestId("nav-tasks").click();
      const card = page
        .getByTestId("task-card")
        .filter({ hasText: "Filtered demo" });
      await card
        .getByTestId("task-status")
        .filter({ hasText: /completed/i })
        .waitFor({ timeout: 300_000 });
      const runDir = (
        await card.getByTestId("task-wandb-run-dir").textContent()
      ).trim();
      assert.ok(existsSync(runDir), `offline W&B run folder ${runDir}`);
      const jobDir = (
        await card.getByTestId("task-job-dir").textContent()
      ).trim();
      const species = readFileSync(
        path.join(jobDir, "species_list.txt"),
        "utf8",
      )
        .trim()
        .split("\n");
      assert.equal(species.length, kept);
      assert.ok(
        species.some((line) => line.startsWith("Parus major_Great Tit\t")),
      );
      const header = readFileSync(
        path.join(jobDir, "predictions.csv"),
        "utf8",
      ).split("\n")[0];
      assert.equal(header.split(",").length, 3 + kept);
      await page.screenshot({
        path: path.join(screenshots, "species-wandb-task.png"),
      });
    },
  },
];
