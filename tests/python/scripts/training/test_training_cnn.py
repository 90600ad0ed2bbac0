"""A real CNN fine-tuning run in the torch environment (resnet18, random weights, a few steps) on
real recordings with background-noise overlay, bandpass and masking; the saved ``model.pt`` then
runs in the real inference script. Asking for ImageNet weights offline fails with a message that
says to turn "pretrained" off. The few steps only prove the pipeline: no detection quality is
claimed for this tiny run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
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

OUTPUTS = ("model.pt", "model_info.json", *REPORT_FILES)


def cnn_config(labelled: Path, **extra: object) -> dict:
    return {
        "annotation_files": binary_task_sources(labelled),
        "model_type": "cnn",
        "cnn_architecture": "resnet18",
        "clip_duration_s": 2.0,
        "bandpass_min_hz": 300,
        "bandpass_max_hz": 12000,
        "background_noise_dir": str(labelled / "noise"),
        "validation_fraction": 0.4,
        "steps": 3,
        "batch_size": 4,
        **extra,
    }


@pytest.fixture(scope="module")
def cnn_run(torch_python: Path, labelled: Path) -> tuple[str, Path, float]:
    write_hiss(labelled, seconds=5, amplitude=0.05)  # background noise: 5 s of seeded hiss
    # two loader workers: the path a machine with spare cores takes by default
    config = cnn_config(labelled, loop_dir=str(labelled / "loop"), num_workers=2)
    return run_module(torch_python, "backend.scripts.training", config, labelled)


def test_cnn_training_writes_every_output(cnn_run: tuple[str, Path, float]) -> None:
    stdout, job, _ = cnn_run
    for name in OUTPUTS:
        assert (job / name).is_file(), name
    assert read_exit_record(job)["exit_code"] == 0
    assert "Background noise: 2 clip(s) of 2 s from 1 recording(s)" in stdout
    assert "augmentation: noise overlay, time mask, frequency mask" in stdout
    assert "bandpass 300–12000 Hz" in stdout
    assert "Audio loading: 2 worker process(es)" in stdout
    assert re.search(r"Training: epoch \d/2, val AP \d\.\d\d", stdout)
    loss = pd.read_csv(job / "loss.csv")
    assert loss["step"].tolist() == [1, 2, 3]  # one row per step
    assert loss["val_loss"].notna().tolist() == [False, True, True]  # each epoch and the last
    predictions = pd.read_csv(job / "validation_predictions.csv")
    labels = pd.read_csv(job / "validation_labels.csv")
    assert list(predictions.columns) == PREDICTION_COLUMNS
    assert predictions["file"].tolist() == labels["file"].tolist()
    assert (predictions["end_time"] - predictions["start_time"]).eq(2.0).all()
    assert predictions[["petrel", "tit"]].stack().between(0, 1).all()
    metrics = json.loads((job / "metrics.json").read_text())
    assert set(metrics["classes"]) == {"petrel", "tit"}
    assert metrics["classes"]["petrel"]["n_positive"] == int(labels["petrel"].sum())
    info = json.loads((job / "model_info.json").read_text())
    assert info["classes"] == ["petrel", "tit"] and info["architecture"] == "resnet18"
    assert info["label_counts"]["tit"] == {"positive": 4, "negative": 7}
    assert "refresh" not in (job / "report.html").read_text()


def test_cnn_round_is_recorded_in_the_loop(
    cnn_run: tuple[str, Path, float], labelled: Path
) -> None:
    _, job, _ = cnn_run
    (entry,) = json.loads((labelled / "loop" / "dipper_loop.json").read_text())["rounds"]
    metrics = json.loads((job / "metrics.json").read_text())
    assert entry["round"] == 1 and entry["model_type"] == "cnn"
    assert entry["model_file"] == str(job / "model.pt") and entry["n_labels"] == 11
    assert entry["mean_average_precision"] == metrics["mean_average_precision"]


def test_the_cnn_runs_in_the_inference_script(
    cnn_run: tuple[str, Path, float], torch_python: Path, labelled: Path, demo_audio: Path
) -> None:
    _, job, _ = cnn_run
    stdout, predictions = run_inference(
        torch_python, job / "model.pt", demo_audio / PETREL, labelled
    )
    assert "Model: OpenSoundscape CNN model.pt (2 classes, 2.0 s windows)" in stdout
    starts = predictions["start_time"].to_numpy()
    assert starts[0] == 0.0 and len(starts) == 8 and (np.diff(starts) == 2.0).all()  # 14.x s
    assert predictions[["petrel", "tit"]].notna().all().all()


def test_pretrained_weights_offline_say_to_turn_pretrained_off(
    torch_python: Path, labelled: Path, tmp_path: Path
) -> None:
    offline = {
        "TORCH_HOME": str(tmp_path / "torch_home"),  # no cached weights
        "HTTPS_PROXY": "http://127.0.0.1:9",  # and no way to download them
        "https_proxy": "http://127.0.0.1:9",
    }
    stdout, job, _ = run_module(
        torch_python,
        "backend.scripts.training",
        cnn_config(labelled, cnn_pretrained=True, background_noise_dir=None),
        tmp_path,
        env=offline,
        expect_exit=1,
    )
    message = read_exit_record(job)["error"]
    assert "Could not download the pretrained ImageNet weights of resnet18" in message
    assert "turn 'pretrained' off" in message
    assert not (job / "model.pt").exists()
