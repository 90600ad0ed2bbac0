"""Labelled real recordings for training tests, cut from the demo recordings.

The 14 s storm-petrel recording becomes seven 2 s "recordings" and the great-tit songs four (the
5 s song is cut in two), so validation can hold out whole recordings of both species. Two binary
annotation CSVs (as Review writes them, relative clip paths) label them: ``petrel.csv`` (petrel
clips yes, tit clips no) and ``tit.csv`` (the reverse), plus an uncertain and an unlabelled row
that training must ignore. :func:`run_module` runs a job module on a config in the torch
environment, :func:`run_inference` the inference script on a trained model.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import numpy as np
import pandas as pd
import soundfile
from model_files import REPO_ROOT, torch_env

PETREL = "storm_petrel/XC46092.wav"
TITS = (
    "great_tit/2021-B32-0415_05-11.wav",
    "great_tit/2021-B32-0415_05-15.wav",
    "great_tit/2021-SW83-0418_04-79.wav",
)

REPORT_FILES = (
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
"""What every training job writes next to its model file."""
PREDICTION_COLUMNS = ["file", "start_time", "end_time", "petrel", "tit"]
"""The columns of validation and inference predictions of a model of both species."""


def cut_recordings(demo_audio: Path, folder: Path) -> dict[str, list[str]]:
    """Write the clips under ``folder/clips``; returns ``{"petrel": [rel], "tit": [rel]}``."""
    clips = folder / "clips"
    clips.mkdir(parents=True, exist_ok=True)
    out: dict[str, list[str]] = {"petrel": [], "tit": []}
    audio, sr = soundfile.read(demo_audio / PETREL)
    for k in range(7):
        name = f"clips/petrel_{k}.wav"
        soundfile.write(folder / name, audio[int(2 * k * sr) : int(2 * (k + 1) * sr)], sr)
        out["petrel"].append(name)
    for i, rel in enumerate(TITS):
        audio, sr = soundfile.read(demo_audio / rel)
        pieces = (
            [audio] if len(audio) < 4 * sr else [audio[: len(audio) // 2], audio[len(audio) // 2 :]]
        )
        for j, piece in enumerate(pieces):
            name = f"clips/tit_{i}_{j}.wav"
            soundfile.write(folder / name, piece, sr)
            out["tit"].append(name)
    return out


def write_binary_tasks(folder: Path, clips: dict[str, list[str]]) -> dict[str, Path]:
    """``petrel.csv`` and ``tit.csv`` binary annotation tasks next to ``clips/``."""
    paths = {}
    for name, other in (("petrel", "tit"), ("tit", "petrel")):
        rows = [(c, 0.0, 2.0, "yes") for c in clips[name]]
        rows += [(c, 0.0, 2.0, "no") for c in clips[other]]
        rows += [(clips[name][0], 0.5, 1.5, "uncertain"), (clips[other][0], 0.5, 1.5, "")]
        table = pd.DataFrame(rows, columns=["file", "start_time", "end_time", "annotation"])
        table["comments"] = ""
        paths[name] = folder / f"{name}.csv"
        table.to_csv(paths[name], index=False)
    return paths


def binary_task_sources(folder: Path) -> list[dict[str, str]]:
    """The ``annotation_files`` of a training config for the two tasks of
    :func:`write_binary_tasks`."""
    return [
        {"path": str(folder / "petrel.csv"), "class_name": "petrel"},
        {"path": str(folder / "tit.csv"), "class_name": "tit"},
    ]


def write_hiss(folder: Path, seconds: int, amplitude: float) -> Path:
    """Seeded white noise (22.05 kHz) as ``folder/noise/hiss.wav``; returns the noise folder."""
    noise = folder / "noise"
    noise.mkdir(exist_ok=True)
    hiss = amplitude * np.random.default_rng(0).standard_normal(seconds * 22050)
    soundfile.write(noise / "hiss.wav", hiss, 22050)
    return noise


def run_module(
    python: Path,
    module: str,
    config: dict,
    folder: Path,
    env: dict[str, str] | None = None,
    expect_exit: int = 0,
) -> tuple[str, Path, float]:
    """Run ``module`` on ``config`` (a new job folder under ``folder/jobs``) in the torch
    environment (``env`` added); it must exit with ``expect_exit``. Returns stdout, the job
    folder and the run time in seconds."""
    jobs = folder / "jobs"
    before = set(jobs.iterdir()) if jobs.exists() else set()
    config_path = folder / f"{module.rsplit('.', 1)[-1]}_{len(before)}.json"
    config_path.write_text(json.dumps({"output_dir": str(jobs), **config}), encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [str(python), "-m", module, "--config", str(config_path)],
        cwd=REPO_ROOT,
        env=torch_env(env),
        capture_output=True,
        text=True,
        timeout=600,
    )
    elapsed = time.monotonic() - started
    assert done.returncode == expect_exit, done.stdout[-3000:] + done.stderr[-3000:]
    (job,) = set(jobs.iterdir()) - before
    return done.stdout, job, elapsed


def run_inference(
    python: Path, model_file: Path, audio_file: Path, folder: Path
) -> tuple[str, pd.DataFrame]:
    """Run the inference script with ``model_file`` on ``audio_file`` (a job under
    ``folder/inference``); returns its stdout and its predictions, which must hold a score
    column per species."""
    (folder / "inference").mkdir(exist_ok=True)
    config = {"audio_files": [str(audio_file)], "model_file": str(model_file)}
    stdout, job, _ = run_module(python, "backend.scripts.inference", config, folder / "inference")
    predictions = pd.read_csv(job / "predictions.csv")
    assert list(predictions.columns) == PREDICTION_COLUMNS
    return stdout, predictions
