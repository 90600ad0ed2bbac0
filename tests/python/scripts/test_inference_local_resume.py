"""A killed inference job with a Dipper classifier file resumes without redoing finished files
and ends with the same scores as a whole run (torch env subprocesses, real demo recordings)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest
from model_files import REPO_ROOT, make_dipper_classifier, torch_env

pytestmark = pytest.mark.torch

ONE_FILE_CHUNKS = {"DIPPER_INFERENCE_CHUNK_FILES": "1"}


def start(python: Path, config: dict, folder: Path) -> subprocess.Popen[str]:
    config_path = folder / f"cfg_{time.monotonic_ns()}.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")
    return subprocess.Popen(
        [str(python), "-m", "backend.scripts.inference", "--config", str(config_path)],
        cwd=REPO_ROOT,
        env=torch_env(ONE_FILE_CHUNKS),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> str:
    out, _ = process.communicate(timeout=600)
    assert process.returncode == 0, out[-4000:]
    return out


def test_killed_dipper_classifier_job_resumes_and_equals_a_whole_run(
    tmp_path: Path, torch_python: Path, demo_audio: Path
) -> None:
    model = make_dipper_classifier(torch_python, tmp_path / "directions.dipper.pt")
    base = {"audio_dir": str(demo_audio), "output_dir": str(tmp_path), "model_file": str(model)}
    whole = tmp_path / "whole"
    finish(start(torch_python, {**base, "job_dir": str(whole)}, tmp_path))

    job = tmp_path / "resumed"
    config = {**base, "job_dir": str(job)}
    first = start(torch_python, config, tmp_path)
    ledger = job / ".chunks" / "done_files.txt"
    deadline = time.monotonic() + 300
    while not (ledger.exists() and ledger.read_text(encoding="utf-8").strip()):
        assert first.poll() is None and time.monotonic() < deadline, "no chunk finished"
        time.sleep(0.02)
    os.kill(first.pid, signal.SIGKILL)
    first.communicate()
    done = len(ledger.read_text(encoding="utf-8").splitlines())
    assert 1 <= done < 5

    out = finish(start(torch_python, config, tmp_path))

    assert f"Resuming: {done} files already done, {5 - done} to go" in out
    assert f"Predicted {5 - done} files" in out
    resumed = pd.read_csv(job / "predictions.csv")
    reference = pd.read_csv(whole / "predictions.csv")
    assert list(reference.columns) == ["file", "start_time", "end_time", "dim0", "minus_mean"]
    assert resumed.shape == reference.shape == (10, 5)
    pd.testing.assert_frame_equal(resumed, reference, check_exact=False, atol=1e-5, rtol=1e-5)
    assert not (job / ".chunks").exists()
