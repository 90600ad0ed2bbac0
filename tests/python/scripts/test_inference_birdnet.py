"""Real BirdNET inference on real recordings, run as the app runs it (torch env subprocess)."""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest
import soundfile

from backend.common.demo import prepare_demo
from backend.common.job_protocol import PROGRESS_PREFIX, parse_progress_line, read_exit_record

pytestmark = pytest.mark.torch

REPO_ROOT = Path(__file__).resolve().parents[3]
BIRDNET_CLASSES = 6522


@pytest.fixture(scope="module")
def birdnet_job(
    tmp_path_factory: pytest.TempPathFactory, torch_python: Path
) -> tuple[Path, Path, subprocess.CompletedProcess[str], float]:
    """Run inference once on the demo recordings plus one corrupt file.

    Returns (audio_dir, job_dir, completed process, wall time in s).
    """
    base = tmp_path_factory.mktemp("birdnet")
    demo = prepare_demo(base / "data", report=lambda m: None)
    assert demo.audio_dir is not None, demo.message
    audio_dir = base / "audio"
    shutil.copytree(demo.audio_dir, audio_dir)
    (audio_dir / "corrupt").mkdir()
    (audio_dir / "corrupt" / "not_audio.wav").write_bytes(os.urandom(4096))
    soundfile.write(str(audio_dir / "corrupt" / "empty.wav"), [], 48000)
    (audio_dir / "notes.txt").write_text("not a recording", encoding="utf-8")
    config = {"audio_dir": str(audio_dir), "output_dir": str(base / "jobs")}
    config_path = base / "cfg.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONUNBUFFERED="1")
    started = time.monotonic()
    result = subprocess.run(
        [str(torch_python), "-m", "backend.scripts.inference", "--config", str(config_path)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    wall_s = time.monotonic() - started
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (job_dir,) = list((base / "jobs").iterdir())
    return audio_dir, job_dir, result, wall_s


def readable_files(audio_dir: Path) -> dict[str, float]:
    """Absolute path → duration (s) of the demo recordings."""
    return {
        str(p): soundfile.info(str(p)).duration
        for p in audio_dir.rglob("*")
        if p.suffix.lower() == ".wav" and p.parent.name != "corrupt"
    }


def test_predictions_have_one_row_per_3s_window_and_one_column_per_class(
    birdnet_job: tuple[Path, Path, subprocess.CompletedProcess[str], float],
) -> None:
    audio_dir, job_dir, _, _ = birdnet_job
    predictions = pd.read_csv(job_dir / "predictions.csv")

    assert list(predictions.columns[:3]) == ["file", "start_time", "end_time"]
    assert len(predictions.columns) == 3 + BIRDNET_CLASSES
    assert "Parus major_Great Tit" in predictions.columns
    durations = readable_files(audio_dir)
    assert len(durations) == 5
    rows = predictions.groupby("file").size().to_dict()
    assert rows == {f: math.ceil(d / 3.0) for f, d in durations.items()}
    assert all(Path(f).is_absolute() for f in predictions["file"])
    first = predictions[predictions["file"].str.endswith("XC46092.wav")]
    assert first["start_time"].tolist() == [0.0, 3.0, 6.0, 9.0, 12.0]
    assert first["end_time"].tolist() == [3.0, 6.0, 9.0, 12.0, 15.0]
    assert predictions.iloc[:, 3:].notna().all().all()


def test_birdnet_finds_the_storm_petrel_and_the_great_tit(
    birdnet_job: tuple[Path, Path, subprocess.CompletedProcess[str], float],
) -> None:
    _, job_dir, _, _ = birdnet_job
    predictions = pd.read_csv(job_dir / "predictions.csv")
    best_per_file = predictions.drop(columns=["start_time", "end_time"]).groupby("file").max()

    def top_class(name: str) -> str:
        (row,) = [f for f in best_per_file.index if f.endswith(name)]
        return str(best_per_file.loc[row].idxmax())

    assert top_class("XC46092.wav") == "Hydrobates pelagicus_European Storm-Petrel"
    assert top_class("2021-B32-0415_05-11.wav") == "Parus major_Great Tit"
    # logits by default: a confident detection is well above 0, not squashed into 0..1
    assert best_per_file.max().max() > 1.0


def test_corrupt_and_empty_files_are_listed_and_the_job_still_completes(
    birdnet_job: tuple[Path, Path, subprocess.CompletedProcess[str], float],
) -> None:
    audio_dir, job_dir, result, _ = birdnet_job
    with open(job_dir / "failed_files.csv", newline="", encoding="utf-8") as fh:
        failed = list(csv.DictReader(fh))

    assert {row["file"]: row["reason"] for row in failed} == {
        str(audio_dir / "corrupt" / "empty.wav"): "the recording is empty (no audio samples)",
        str(audio_dir / "corrupt" / "not_audio.wav"): failed[1]["reason"],
    }
    assert failed[1]["reason"].startswith("not a readable audio file")
    record = read_exit_record(job_dir)
    assert record is not None
    assert (record["exit_code"], record["status"]) == (0, "completed")
    predictions = pd.read_csv(job_dir / "predictions.csv", usecols=["file"])
    assert not predictions["file"].str.contains("corrupt").any()
    assert not predictions["file"].str.endswith(".txt").any()
    assert not (job_dir / "predictions.csv.partial").exists()


def test_job_folder_progress_and_log(
    birdnet_job: tuple[Path, Path, subprocess.CompletedProcess[str], float],
) -> None:
    audio_dir, job_dir, result, wall_s = birdnet_job
    config = json.loads((job_dir / "config.json").read_text(encoding="utf-8"))
    assert config["job_dir"] == str(job_dir)
    assert config["activation"] == "logits"
    progress = [
        parse_progress_line(line)
        for line in result.stdout.splitlines()
        if line.startswith(PROGRESS_PREFIX)
    ]
    assert progress[-1] == (1.0, "Inference: 7/7 files, 0.01 h audio")
    log = (job_dir / "log.txt").read_text(encoding="utf-8")
    assert "Model: BirdNET" in log
    assert "Audio: 7 files" in log
    assert "Predicted 5 files" in log
    print(f"BirdNET job on {len(readable_files(audio_dir))} demo files: {wall_s:.1f} s wall")
