"""A real training run in the torch environment on real recordings (BirdNET embeddings), then
the trained model in the real inference script; a second run reads every embedding from the
cache."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest
from model_files import REPO_ROOT, run_in_torch_env, torch_env
from training_data import cut_recordings, write_binary_tasks

from backend.common.job_protocol import read_exit_record

pytestmark = pytest.mark.torch

OUTPUTS = (
    "model.dipper.pt",
    "validation_predictions.csv",
    "validation_labels.csv",
    "metrics.csv",
    "metrics.json",
    "report.html",
    "loss.csv",
    "config.json",
    "log.txt",
    "exit.json",
)


def run_module(python: Path, module: str, config: dict, folder: Path) -> tuple[str, Path, float]:
    """Run ``module`` on ``config`` (a new job folder under ``folder/jobs``)."""
    jobs = folder / "jobs"
    before = set(jobs.iterdir()) if jobs.exists() else set()
    config_path = folder / f"{module.rsplit('.', 1)[-1]}_{len(before)}.json"
    config_path.write_text(json.dumps({"output_dir": str(jobs), **config}), encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [str(python), "-m", module, "--config", str(config_path)],
        cwd=REPO_ROOT,
        env=torch_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (job,) = set(jobs.iterdir()) - before
    return done.stdout, job, elapsed


@pytest.fixture(scope="module")
def labelled(demo_audio: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("training_data")
    write_binary_tasks(folder, cut_recordings(demo_audio, folder))
    return folder


@pytest.fixture(scope="module")
def training_runs(torch_python: Path, labelled: Path) -> dict:
    config = {
        "annotation_files": [
            {"path": str(labelled / "petrel.csv"), "class_name": "petrel"},
            {"path": str(labelled / "tit.csv"), "class_name": "tit"},
        ],
        "validation_fraction": 0.4,
        "steps": 150,
        "embedding_cache_dir": str(labelled / "cache"),
    }
    first = run_module(torch_python, "backend.scripts.training", config, labelled)
    second = run_module(torch_python, "backend.scripts.training", config, labelled)
    return {"first": first, "second": second}


def test_training_writes_every_output_and_a_high_validation_ap(training_runs: dict) -> None:
    stdout, job, _ = training_runs["first"]
    for name in OUTPUTS:
        assert (job / name).is_file(), name
    assert read_exit_record(job)["exit_code"] == 0
    metrics = json.loads((job / "metrics.json").read_text())
    assert set(metrics["classes"]) == {"petrel", "tit"}
    for name, m in metrics["classes"].items():
        assert m["n_positive"] >= 1 and m["n_negative"] >= 1, name
        assert m["average_precision"] > 0.9, (name, m)
    assert re.search(r"Training: step \d+/150, val AP \d\.\d\d", stdout)
    assert "0 hit(s), 11 new embedding(s)" in stdout  # 7 petrel + 4 tit windows


def test_validation_holds_out_whole_recordings(training_runs: dict, labelled: Path) -> None:
    _, job, _ = training_runs["first"]
    predictions = pd.read_csv(job / "validation_predictions.csv")
    labels = pd.read_csv(job / "validation_labels.csv")
    assert list(predictions.columns) == ["file", "start_time", "end_time", "petrel", "tit"]
    assert predictions["file"].tolist() == labels["file"].tolist()
    assert 3 <= len(predictions) <= 6  # 40 % of 11 recordings, both species present
    assert set(labels["petrel"]) == {0.0, 1.0}
    assert predictions["petrel"].between(0, 1).all()
    loss = pd.read_csv(job / "loss.csv")
    assert loss["step"].iloc[-1] == 150 and loss["val_loss"].notna().all()
    assert loss["train_loss"].iloc[-1] < loss["train_loss"].iloc[0]


def test_the_second_run_embeds_nothing_and_gives_the_same_model(training_runs: dict) -> None:
    stdout, job, elapsed = training_runs["second"]
    assert "11 hit(s), 0 new embedding(s)" in stdout
    first = json.loads((training_runs["first"][1] / "metrics.json").read_text())
    again = json.loads((job / "metrics.json").read_text())
    assert again == first  # same seed, same data: the same model and metrics
    assert "refresh" not in (job / "report.html").read_text()


def test_the_model_reloads_and_runs_in_the_inference_script(
    training_runs: dict, torch_python: Path, labelled: Path, demo_audio: Path
) -> None:
    _, job, _ = training_runs["first"]
    loaded = run_in_torch_env(
        torch_python,
        f"""
        import json
        from backend.scripts.shallow_classifier_file import load_shallow_classifier
        model = load_shallow_classifier({str(job / "model.dipper.pt")!r})
        meta = model.metadata
        print(json.dumps([model.classes, model.embedding_model, meta["label_counts"],
                          sorted(meta["metrics"])]))
        """,
    )
    assert loaded[0] == ["petrel", "tit"] and loaded[1] == "BirdNET"
    assert loaded[2] == {
        "petrel": {"positive": 7, "negative": 4},
        "tit": {"positive": 4, "negative": 7},
    }
    assert loaded[3] == ["petrel", "tit"]
    (labelled / "inference").mkdir(exist_ok=True)
    _, inference_job, _ = run_module(
        torch_python,
        "backend.scripts.inference",
        {
            "audio_files": [str(demo_audio / "storm_petrel/XC46092.wav")],
            "model_file": str(job / "model.dipper.pt"),
        },
        labelled / "inference",
    )
    predictions = pd.read_csv(inference_job / "predictions.csv")
    assert list(predictions.columns) == ["file", "start_time", "end_time", "petrel", "tit"]
    assert len(predictions) == 5  # 14 s in 3 s windows
    assert (predictions["petrel"] > predictions["tit"]).mean() >= 0.8


def test_folder_labels_with_a_multiclass_evaluation_set(torch_python: Path, labelled: Path) -> None:
    folder = labelled / "by_folder"
    held_out = {"clips/petrel_5.wav": "['petrel']", "clips/petrel_6.wav": "['petrel']"}
    held_out["clips/tit_2_1.wav"] = "['tit']"
    for clip in sorted((labelled / "clips").iterdir()):
        if f"clips/{clip.name}" in held_out:
            continue
        target = folder / clip.name.split("_")[0] / clip.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(clip, target)
    rows = [(f, 0.0, 2.0, label) for f, label in held_out.items()]
    evaluation = labelled / "evaluation.csv"
    pd.DataFrame(rows, columns=["file", "start_time", "end_time", "annotation"]).to_csv(
        evaluation, index=False
    )
    config = {
        "folder_labels_dir": str(folder),
        "validation": {"annotation_files": [{"path": str(evaluation)}]},
        "head": "mlp",
        "hidden_sizes": [32],
        "steps": 100,
        "early_stopping_patience_steps": 30,
        "embedding_cache_dir": str(labelled / "cache"),
    }
    stdout, job, _ = run_module(torch_python, "backend.scripts.training", config, labelled)
    labels = pd.read_csv(job / "validation_labels.csv")
    assert [Path(f).name for f in labels["file"]] == ["petrel_5.wav", "petrel_6.wav", "tit_2_1.wav"]
    assert labels[["petrel", "tit"]].to_numpy().tolist() == [[1, 0], [1, 0], [0, 1]]
    metrics = json.loads((job / "metrics.json").read_text())
    assert metrics["mean_average_precision"] == 1.0
    hits, new = map(int, re.search(r"(\d+) hit\(s\), (\d+) new embedding", stdout).groups())
    assert hits + new == 11 and new >= 8  # the folder's copies are new files: new cache keys
