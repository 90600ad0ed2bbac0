// Model choice flow: the zoo list shows BirdNET's window and class count, "Show classes" lists
// BirdNET's 6,522 classes with a filter; a real OpenSoundscape model file (made in the torch
// environment) is inspected, then run on the demo recordings; predictions.csv has its 2 classes.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../..",
  "..",
);
const PYTHON = path.join(ROOT, ".venv", "bin", "python");

/** The torch environment's interpreter, as the server finds it. */
function torchPython() {
  const script =
    "from backend.lightweight_server.environment.status import environment_status as s\n" +
    "print(s().python or '')";
  const found = execFileSync(PYTHON, ["-c", script], {
    cwd: ROOT,
    encoding: "utf8",
  }).trim();
  assert.ok(found, "the torch environment must be installed for this flow");
  return found;
}

/** An OpenSoundscape CNN (resnet18, no pretrained weights) saved with .save(). */
function makeOssModel(file) {
  const script = `
import sys, torch
torch.manual_seed(0)
from opensoundscape.ml.cnn import CNN
from opensoundscape.ml.cnn_architectures import resnet18
model = CNN(resnet18(num_classes=2, weights=None), classes=["song", "noise"],
            sample_duration=2.0, sample_rate=22050)
model.save(sys.argv[1])
`;
  execFileSync(torchPython(), ["-c", script, file], {
    cwd: ROOT,
    env: { ...process.env, HF_HUB_OFFLINE: "1" },
  });
}

export const tests = [
  {
    name: "model choice: zoo list and classes, a local OpenSoundscape model inspected and run",
    slug: "models",
    async run({ page, baseUrl, home, screenshots }) {
      const modelFile = path.join(home, "models", "frogs.model");
      mkdirSync(path.dirname(modelFile), { recursive: true });
      makeOssModel(modelFile);

      await page.goto(baseUrl);
      await page.getByTestId("nav-inference").click();
      const select = page.getByTestId("inference-model");
      await select
        .filter({ hasText: "BirdNET — 3 s windows · 6,522 classes" })
        .waitFor({ timeout: 30_000 });
      await select.click();
      await page
        .getByTestId("inference-model-option-Perch")
        .filter({ hasText: "needs download" })
        .waitFor();
      await page.keyboard.press("Escape");

      await page.getByTestId("inference-show-classes").click();
      const dialog = page.getByRole("dialog");
      await dialog
        .getByTestId("model-classes-count")
        .filter({ hasText: "6,522 classes" })
        .waitFor({ timeout: 30_000 });
      await dialog.getByTestId("model-classes-filter").fill("great tit");
      assert.deepEqual(
        await dialog
          .getByTestId("model-classes-list")
          .locator("li")
          .allTextContents(),
        ["Parus major_Great Tit"],
      );
      await page.screenshot({
        path: path.join(screenshots, "models-classes.png"),
      });
      await dialog.getByRole("button", { name: "Close" }).click();

      await page.getByTestId("inference-model-source-file").click();
      await page.getByTestId("inference-model-file").fill(modelFile);
      await page
        .getByTestId("inference-model-file-status")
        .filter({
          hasText: "OpenSoundscape model (resnet18) · 2 s windows · 2 classes",
        })
        .waitFor({ timeout: 90_000 });
      await page.screenshot({
        path: path.join(screenshots, "models-local-file.png"),
      });

      await page.getByTestId("inference-name").fill("Local frog model");
      await page.getByTestId("inference-create-run").click();
      await page.getByTestId("nav-tasks").click();
      const card = page
        .getByTestId("task-card")
        .filter({ hasText: "Local frog model" });
      await card
        .getByTestId("task-status")
        .filter({ hasText: /completed/i })
        .waitFor({ timeout: 300_000 });
      const jobDir = (
        await card.getByTestId("task-job-dir").textContent()
      ).trim();
      const header = readFileSync(path.join(jobDir, "predictions.csv"), "utf8")
        .split("\n")[0]
        .trim();
      assert.equal(header, "file,start_time,end_time,song,noise");
      const config = JSON.parse(
        readFileSync(path.join(jobDir, "config.json"), "utf8"),
      );
      assert.equal(config.model_file, modelFile);
    },
  },
];
