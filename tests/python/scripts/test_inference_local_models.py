"""Inference with local model files, run as the app runs it (torch env subprocess, real demo
recordings): an OpenSoundscape model saved with ``.save()`` and a Dipper shallow classifier on
BirdNET embeddings; unknown or corrupt files fail within seconds with a plain message."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import soundfile
from model_files import (
    REPO_ROOT,
    birdnet_reference_embeddings,
    make_dipper_classifier,
    make_oss_model,
    torch_env,
)

from backend.common.job_protocol import read_exit_record

pytestmark = pytest.mark.torch

RECORDINGS = ("great_tit/2021-SW83-0418_04-79.wav", "storm_petrel/XC46092.wav")


@pytest.fixture(scope="module")
def audio_dir(demo_audio: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two real recordings in two subfolders plus a corrupt file."""
    folder = tmp_path_factory.mktemp("local_audio")
    for rel in RECORDINGS:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(demo_audio / rel, folder / rel)
    (folder / "broken").mkdir()
    (folder / "broken" / "not_audio.wav").write_bytes(os.urandom(4096))
    return folder


def run_inference(
    python: Path, folder: Path, **fields: object
) -> tuple[subprocess.CompletedProcess[str], Path, float]:
    """Run the inference script on ``fields``; returns (process, job folder, wall time s)."""
    config = {"output_dir": str(folder / "jobs"), **fields}
    config_path = folder / "cfg.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run(
        [str(python), "-m", "backend.scripts.inference", "--config", str(config_path)],
        cwd=REPO_ROOT,
        env=torch_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    (job_dir,) = list((folder / "jobs").iterdir())
    return result, job_dir, time.monotonic() - started


@pytest.fixture(scope="module")
def oss_job(torch_python: Path, audio_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("oss_job")
    model = make_oss_model(torch_python, folder / "frog.model")
    result, job_dir, _ = run_inference(
        torch_python, folder, audio_dir=str(audio_dir), model_file=str(model)
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return job_dir


def test_opensoundscape_model_file_gives_its_own_class_columns_and_windows(
    oss_job: Path, audio_dir: Path
) -> None:
    predictions = pd.read_csv(oss_job / "predictions.csv")

    assert list(predictions.columns) == ["file", "start_time", "end_time", "song", "noise"]
    petrel = predictions[predictions["file"] == str(audio_dir / RECORDINGS[1])]
    # ~14 s of audio in the model's own 2 s windows (the last one runs past the end)
    duration_s = soundfile.info(str(audio_dir / RECORDINGS[1])).duration
    assert 14.0 <= duration_s < 14.1
    assert petrel["start_time"].tolist() == np.arange(0, duration_s, 2.0).tolist()
    assert (petrel["end_time"] - petrel["start_time"]).eq(2.0).all()
    assert set(predictions["file"]) == {str(audio_dir / r) for r in RECORDINGS}
    assert predictions[["song", "noise"]].notna().all().all()


def test_opensoundscape_job_lists_the_unreadable_file_and_names_the_model(
    oss_job: Path, audio_dir: Path
) -> None:
    failed = pd.read_csv(oss_job / "failed_files.csv")
    log = (
        (oss_job / "log.txt").read_text(encoding="utf-8") if (oss_job / "log.txt").exists() else ""
    )

    assert failed["file"].tolist() == [str(audio_dir / "broken" / "not_audio.wav")]
    assert read_exit_record(oss_job)["status"] == "completed"
    assert log == "" or "frog.model" in log


@pytest.fixture(scope="module")
def dipper_job(torch_python: Path, audio_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("dipper_job")
    model = make_dipper_classifier(torch_python, folder / "directions.dipper.pt")
    result, job_dir, _ = run_inference(
        torch_python,
        folder,
        audio_dir=str(audio_dir),
        model_file=str(model),
        split_by_subfolder=True,
        sparse_save_threshold=-1000.0,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return job_dir, result.stdout + result.stderr


def test_dipper_classifier_scores_are_its_head_on_birdnet_embeddings(
    dipper_job: tuple[Path, str], audio_dir: Path, torch_python: Path
) -> None:
    job_dir, _ = dipper_job
    outputs = sorted(p.name for p in job_dir.glob("*.pkl"))
    # one output per subfolder, named by its path (the folder of only a broken file has none)
    assert outputs == [
        "sparse_predictions__great_tit.pkl",
        "sparse_predictions__storm_petrel.pkl",
    ]
    frames = [pd.read_pickle(job_dir / rel) for rel in outputs]
    scores = pd.concat(frames).sparse.to_dense().astype(float)
    assert list(scores.columns) == ["dim0", "minus_mean"]
    assert list(scores.index.names) == ["file", "start_time", "end_time"]

    reference = birdnet_reference_embeddings(torch_python, [audio_dir / r for r in RECORDINGS])
    values = np.asarray(reference["values"])
    index = pd.MultiIndex.from_tuples([tuple(k) for k in reference["index"]])
    expected = pd.DataFrame(
        {"dim0": values[:, 0], "minus_mean": 1.0 - values.mean(axis=1)}, index=index
    )
    got = scores.loc[expected.index]
    assert len(got) == len(expected) == 2 + 5  # 5.04 s → 2 windows, 14 s → 5 windows of 3 s
    np.testing.assert_allclose(got["dim0"], expected["dim0"], atol=1e-4)
    np.testing.assert_allclose(got["minus_mean"], expected["minus_mean"], atol=1e-4)
    assert got["dim0"].std() > 0  # the embeddings differ between windows


def test_dipper_classifier_job_lists_the_unreadable_file(dipper_job: tuple[Path, str]) -> None:
    job_dir, output = dipper_job
    failed = pd.read_csv(job_dir / "failed_files.csv")

    assert [Path(f).name for f in failed["file"]] == ["not_audio.wav"]
    assert "Dipper logistic classifier directions.dipper.pt (2 classes) on BirdNET" in output


@pytest.mark.parametrize(
    ("content", "expected", "max_s"),
    [
        # rejected before torch is imported
        (b"just some text, not a model\n", "(it is not a PyTorch file)", 15),
        (None, "does not exist", 15),
        (b"", "is empty", 15),
        # a damaged zip: torch and opensoundscape both try it (the 2 shared cores make this slow)
        (b"PK\x03\x04" + bytes(range(256)) * 8, "is not a model file Dipper can open", 60),
    ],
)
def test_a_file_that_is_not_a_model_fails_in_seconds_with_a_plain_message(
    torch_python: Path,
    audio_dir: Path,
    tmp_path: Path,
    content: bytes | None,
    expected: str,
    max_s: float,
) -> None:
    model = tmp_path / "notes.model"
    if content is not None:
        model.write_bytes(content)

    result, job_dir, wall_s = run_inference(
        torch_python, tmp_path, audio_files=[str(audio_dir / RECORDINGS[0])], model_file=str(model)
    )

    record = read_exit_record(job_dir)
    assert result.returncode == 1
    assert record["status"] == "failed" and expected in record["error"]
    assert not list(job_dir.glob("*.csv"))
    assert "Choose a file saved by OpenSoundscape" in record["error"] or content is None
    assert wall_s < max_s
