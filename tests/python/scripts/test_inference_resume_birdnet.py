"""Real BirdNET runs (torch env subprocess): kill + resume, sparse split outputs, offline models."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from backend.common.job_protocol import read_exit_record

pytestmark = pytest.mark.torch

REPO_ROOT = Path(__file__).resolve().parents[3]


def start(torch_python: Path, config: dict, tmp: Path, **env: str) -> subprocess.Popen[str]:
    """Start the inference script on ``config`` (output on a pipe)."""
    config_path = tmp / f"cfg_{time.monotonic_ns()}.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")
    return subprocess.Popen(
        [str(torch_python), "-m", "backend.scripts.inference", "--config", str(config_path)],
        cwd=REPO_ROOT,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONUNBUFFERED="1", **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> str:
    out, _ = process.communicate(timeout=600)
    assert process.returncode == 0, out[-4000:]
    return out


def test_killed_job_resumes_without_redoing_files_and_equals_a_whole_run(
    tmp_path: Path, torch_python: Path, demo_audio: Path
) -> None:
    base = {"audio_dir": str(demo_audio), "output_dir": str(tmp_path)}
    one_file_chunks = {"DIPPER_INFERENCE_CHUNK_FILES": "1"}
    whole = tmp_path / "whole"
    finish(start(torch_python, {**base, "job_dir": str(whole)}, tmp_path, **one_file_chunks))

    job = tmp_path / "resumed"
    config = {**base, "job_dir": str(job)}
    first = start(torch_python, config, tmp_path, **one_file_chunks)
    ledger = job / ".chunks" / "done_files.txt"
    deadline = time.monotonic() + 300
    while not (ledger.exists() and ledger.read_text(encoding="utf-8").strip()):
        assert first.poll() is None and time.monotonic() < deadline, "no chunk finished"
        time.sleep(0.02)
    os.kill(first.pid, signal.SIGKILL)
    first.communicate()
    done_before = ledger.read_text(encoding="utf-8").splitlines()
    assert 1 <= len(done_before) < 5
    assert not (job / "predictions.csv").exists()
    chunk_times = {p.name: p.stat().st_mtime_ns for p in (job / ".chunks").glob("*.pkl")}

    out = finish(start(torch_python, config, tmp_path, **one_file_chunks))

    done = len(done_before)
    assert f"Resuming: {done} files already done, {5 - done} to go" in out
    assert f"Predicted {5 - done} files" in out
    resumed = pd.read_csv(job / "predictions.csv")
    reference = pd.read_csv(whole / "predictions.csv")
    assert resumed.shape == reference.shape == (10, 3 + 6522)
    pd.testing.assert_frame_equal(resumed, reference, check_exact=False, atol=1e-5, rtol=1e-5)
    assert not (job / ".chunks").exists()
    assert len(chunk_times) == done  # chunks of the killed run were kept, not recomputed
    print(f"killed after {done} of 5 files; resumed and merged")


def test_sparse_split_outputs_with_a_subset_find_the_right_species(
    tmp_path: Path, torch_python: Path, demo_audio: Path
) -> None:
    job = tmp_path / "job"
    config = {
        "audio_dir": str(demo_audio),
        "output_dir": str(tmp_path),
        "job_dir": str(job),
        "sparse_save_threshold": -3.0,
        "split_by_subfolder": True,
        "batch_size": 8,
        "overlap_fraction": 0.5,
        "subset_classes": [
            "Parus major_Great Tit",
            "Hydrobates pelagicus_European Storm-Petrel",
            "Turdus merula_Eurasian Blackbird",
        ],
    }

    out = finish(start(torch_python, config, tmp_path))

    assert sorted(p.name for p in job.iterdir()) == [
        "config.json",
        "exit.json",
        "sparse_predictions__audiomoth.pkl",
        "sparse_predictions__great_tit.pkl",
        "sparse_predictions__storm_petrel.pkl",
    ]
    petrel = pd.read_pickle(job / "sparse_predictions__storm_petrel.pkl")
    assert list(petrel.index.names) == ["file", "start_time", "end_time"]
    assert list(petrel.columns) == [
        "Hydrobates pelagicus_European Storm-Petrel",
        "Parus major_Great Tit",
        "Turdus merula_Eurasian Blackbird",
    ]
    assert all(isinstance(dtype, pd.SparseDtype) for dtype in petrel.dtypes)
    dense = petrel.sparse.to_dense()
    # 14 s with 3 s windows at 50 % overlap: a window starts every 1.5 s
    starts = dense.index.get_level_values("start_time").tolist()
    assert starts[:3] == [0.0, 1.5, 3.0]
    assert np.nanmin(dense.to_numpy()) >= -3.0
    assert dense.max().idxmax() == "Hydrobates pelagicus_European Storm-Petrel"
    tits = pd.read_pickle(job / "sparse_predictions__great_tit.pkl").sparse.to_dense()
    assert tits.max().idxmax() == "Parus major_Great Tit"
    assert tits.isna().to_numpy().any()  # blackbird logits are far below -3
    assert "Subset: keeping 3 of 6522 classes" in out


def test_unknown_subset_class_fails_at_once_with_close_matches(
    tmp_path: Path, torch_python: Path, demo_audio: Path
) -> None:
    job = tmp_path / "job"
    config = {
        "audio_dir": str(demo_audio),
        "output_dir": str(tmp_path),
        "job_dir": str(job),
        "subset_classes": ["Parus major_Great tit"],
    }

    process = start(torch_python, config, tmp_path)
    process.communicate(timeout=300)

    record = read_exit_record(job)
    assert record is not None and record["exit_code"] == 1
    assert record["error"] == (
        "1 subset class(es) are not classes of this model: 'Parus major_Great tit' "
        "(did you mean Parus major_Great Tit"
        + record["error"].split("did you mean Parus major_Great Tit", 1)[1]
    )
    assert record["error"].endswith("?).")


def test_a_model_that_needs_a_download_fails_fast_when_offline(
    tmp_path: Path, torch_python: Path, demo_audio: Path
) -> None:
    results = {}
    for model in ("Perch2LiteRT", "NoSuchModel"):
        job = tmp_path / model
        config = {
            "model": model,
            "audio_dir": str(demo_audio),
            "output_dir": str(tmp_path),
            "job_dir": str(job),
        }
        started = time.monotonic()
        process = start(torch_python, config, tmp_path, HF_HUB_OFFLINE="1")
        process.communicate(timeout=120)
        record = read_exit_record(job)
        assert record is not None
        results[model] = (record["exit_code"], record["error"], time.monotonic() - started)

    code, error, seconds = results["Perch2LiteRT"]
    assert code == 1
    assert error.startswith(
        "Perch2LiteRT needs to download its weights, and this computer is offline."
    )
    assert "Traceback" not in error
    assert seconds < 30
    code, error, _ = results["NoSuchModel"]
    assert code == 1
    assert error.startswith("Unknown model 'NoSuchModel'. Known models: BirdNET, ")
    assert "Perch2" in error and "HawkEars" in error
