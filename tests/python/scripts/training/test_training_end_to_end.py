"""A real training run in the torch environment on real recordings (BirdNET embeddings), then
the trained model in the real inference script; a second run reads every embedding from the
cache. Both runs record their round in one active-learning loop folder."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from model_files import run_in_torch_env
from training_data import (
    PETREL,
    PREDICTION_COLUMNS,
    REPORT_FILES,
    binary_task_sources,
    run_inference,
    run_module,
    write_hiss,
)

from backend.common.job_protocol import read_exit_record

pytestmark = pytest.mark.torch

OUTPUTS = ("model.dipper.pt", *REPORT_FILES)


@pytest.fixture(scope="module")
def training_runs(torch_python: Path, labelled: Path) -> dict:
    config = {
        "annotation_files": binary_task_sources(labelled),
        "validation_fraction": 0.4,
        "steps": 150,
        "embedding_cache_dir": str(labelled / "cache"),
        "loop_dir": str(labelled / "loop"),
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
    assert list(predictions.columns) == PREDICTION_COLUMNS
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


def test_two_runs_record_rounds_1_and_2_of_the_loop(training_runs: dict, labelled: Path) -> None:
    loop = json.loads((labelled / "loop" / "dipper_loop.json").read_text())
    rounds = loop["rounds"]
    assert [r["round"] for r in rounds] == [1, 2]
    runs = (training_runs["first"], training_runs["second"])
    for entry, (stdout, job, _) in zip(rounds, runs, strict=True):
        metrics = json.loads((job / "metrics.json").read_text())
        assert entry["job_dir"] == str(job) and entry["model_file"] == str(job / "model.dipper.pt")
        assert entry["model_type"] == "shallow" and entry["classes"] == ["petrel", "tit"]
        assert entry["n_labels"] == 11 and entry["evaluation"] == "split"
        assert entry["label_counts"] == {
            "petrel": {"positive": 7, "negative": 4},
            "tit": {"positive": 4, "negative": 7},
        }
        assert entry["mean_average_precision"] == metrics["mean_average_precision"]
        assert entry["average_precision"] == {
            name: m["average_precision"] for name, m in metrics["classes"].items()
        }
        assert entry["annotation_files"] == [
            str(labelled / "petrel.csv"),
            str(labelled / "tit.csv"),
        ]
        assert entry["audio_roots"] == [str(labelled)]
        assert f"recorded round {entry['round']}" in stdout


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
    _, predictions = run_inference(
        torch_python, job / "model.dipper.pt", demo_audio / PETREL, labelled
    )
    assert len(predictions) == 5  # 14 s in 3 s windows
    assert (predictions["petrel"] > predictions["tit"]).mean() >= 0.8


def test_folder_labels_with_a_multiclass_evaluation_set_and_noise_overlay(
    torch_python: Path, labelled: Path
) -> None:
    folder = labelled / "by_folder"
    held_out = {"clips/petrel_5.wav": "['petrel']", "clips/petrel_6.wav": "['petrel']"}
    held_out["clips/tit_2_1.wav"] = "['tit']"
    for clip in sorted((labelled / "clips").iterdir()):
        if f"clips/{clip.name}" in held_out:
            continue
        target = folder / clip.name.split("_")[0] / clip.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(clip, target)
    noise = write_hiss(labelled, seconds=4, amplitude=0.01)  # quiet, for the noise overlay
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
        "background_noise_dir": str(noise),
    }
    stdout, job, _ = run_module(torch_python, "backend.scripts.training", config, labelled)
    labels = pd.read_csv(job / "validation_labels.csv")
    assert [Path(f).name for f in labels["file"]] == ["petrel_5.wav", "petrel_6.wav", "tit_2_1.wav"]
    assert labels[["petrel", "tit"]].to_numpy().tolist() == [[1, 0], [1, 0], [0, 1]]
    metrics = json.loads((job / "metrics.json").read_text())
    assert metrics["mean_average_precision"] == 1.0
    # 8 training recordings, each a positive of its class: one noisy copy each, not cached
    assert "Noise overlay: added 8 noise-overlaid copies of training positives" in stdout
    assert "Training on 16 window(s), validating on 3." in stdout
    hits, new = map(int, re.search(r"(\d+) hit\(s\), (\d+) new embedding", stdout).groups())
    assert hits + new == 11 and new >= 8  # the folder's copies are new files: new cache keys
