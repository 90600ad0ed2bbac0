"""The ``dipper`` command line as a user runs it: real subprocesses of the installed entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from backend.lightweight_server.store import Task, open_task_store

DIPPER = Path(sys.executable).parent / "dipper"


def dipper(*args: str, env: dict[str, str] | None = None, timeout: float = 600):
    return subprocess.run(
        [str(DIPPER), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


def test_tasks_lists_the_store(isolated_home: Path) -> None:
    store = open_task_store(isolated_home)
    store.add(Task(kind="inference", name="Night recordings", status="completed"))
    store.add(Task(kind="inference", name="Dawn chorus", status="queued"))
    result = dipper("tasks")
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0].split() == ["ID", "STATUS", "PROGRESS", "KIND", "NAME"]
    assert "queued" in lines[1] and lines[1].endswith("Dawn chorus")
    assert "completed" in lines[2] and lines[2].endswith("Night recordings")


def test_tasks_on_an_empty_store() -> None:
    result = dipper("tasks")
    assert result.returncode == 0 and result.stdout.strip() == "No tasks yet."


def test_run_with_missing_config_file_explains(tmp_path: Path) -> None:
    result = dipper("run", "inference", "--config", str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert "No config file" in result.stderr


def test_run_without_torch_environment_says_how_to_install(tmp_path: Path) -> None:
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"audio_dir": str(tmp_path), "output_dir": str(tmp_path)}))
    no_envs = {"DIPPER_ENVS_DIR": str(tmp_path / "envs"), "DIPPER_TORCH_PYTHON": ""}
    result = dipper("run", "inference", "--config", str(cfg), env=no_envs)
    assert result.returncode == 3
    assert "dipper env install" in result.stderr
    wrong = {"DIPPER_TORCH_PYTHON": "/nonexistent/py"}
    result = dipper("run", "inference", "--config", str(cfg), env=wrong)
    assert result.returncode == 3
    assert "DIPPER_TORCH_PYTHON points to /nonexistent/py" in result.stderr


@pytest.mark.torch
def test_headless_run_writes_the_same_outputs(
    tmp_path: Path, torch_python: Path, demo_audio: Path
) -> None:
    cfg = tmp_path / "cfg.json"
    out = tmp_path / "jobs"
    cfg.write_text(json.dumps({"audio_dir": str(demo_audio), "output_dir": str(out)}))
    result = dipper("run", "inference", "--config", str(cfg))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "DIPPER_PROGRESS" in result.stdout
    (job_dir,) = list(out.iterdir())
    assert {"config.json", "log.txt", "exit.json", "predictions.csv"} <= {
        p.name for p in job_dir.iterdir()
    }
    predictions = pd.read_csv(job_dir / "predictions.csv")
    assert list(predictions.columns[:3]) == ["file", "start_time", "end_time"]
    top = predictions.set_index("file").iloc[:, 2:].groupby(level=0).max().idxmax(axis=1)
    petrel = next(f for f in top.index if f.endswith("XC46092.wav"))
    assert top[petrel] == "Hydrobates pelagicus_European Storm-Petrel"
