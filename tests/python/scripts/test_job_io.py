"""The script harness, through real subprocesses of a fake job (no torch)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backend.common.job_protocol import (
    EXIT_FILE,
    PROGRESS_PREFIX,
    Reporter,
    parse_progress_line,
    read_exit_record,
)

REPO_ROOT = Path(__file__).resolve().parents[3]
FAKE_JOB = Path(__file__).with_name("fake_job.py")


def start_fake(config: dict, tmp_path: Path) -> subprocess.Popen[str]:
    config_path = tmp_path / "cfg.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(FAKE_JOB), "--config", str(config_path)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_fake(config: dict, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    process = start_fake(config, tmp_path)
    stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def test_bad_config_exits_2_naming_the_field_and_writes_exit_record(tmp_path: Path) -> None:
    job_dir = tmp_path / "job"
    result = run_fake({"output_dir": str(tmp_path), "steps": 0, "job_dir": str(job_dir)}, tmp_path)

    assert result.returncode == 2
    assert "steps" in result.stderr
    assert "greater than or equal to 1" in result.stderr
    record = read_exit_record(job_dir)
    assert record is not None
    assert record["exit_code"] == 2
    assert record["status"] == "failed"
    assert "steps" in record["error"]
    assert not (job_dir / "output.txt").exists()


def test_unknown_field_and_missing_field_are_named(tmp_path: Path) -> None:
    result = run_fake({"outptu_dir": str(tmp_path)}, tmp_path)

    assert result.returncode == 2
    assert "field 'outptu_dir'" in result.stderr
    assert "field 'output_dir'" in result.stderr
    assert list(tmp_path.iterdir()) == [tmp_path / "cfg.json"]  # no job folder for a bad config


def test_invalid_json_exits_2(tmp_path: Path) -> None:
    config_path = tmp_path / "cfg.json"
    config_path.write_text("{not json", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(FAKE_JOB), "--config", str(config_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "is not valid JSON" in result.stderr


def test_success_headless_creates_job_folder_with_config_log_and_exit_record(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    result = run_fake({"output_dir": str(out), "steps": 4}, tmp_path)

    assert result.returncode == 0, result.stderr
    (job_dir,) = list(out.iterdir())
    assert re.fullmatch(r"fake_\d{8}-\d{6}_[0-9a-f]{6}", job_dir.name)
    config = json.loads((job_dir / "config.json").read_text(encoding="utf-8"))
    assert config == {
        "kind": "fake",
        "output_dir": str(out),
        "steps": 4,
        "step_s": 0.0,
        "fail": False,
        "wait_for_signal": False,
        "job_dir": str(job_dir),
    }
    assert (job_dir / "output.txt").read_text(encoding="utf-8") == "done"
    record = read_exit_record(job_dir)
    assert record is not None
    assert (record["exit_code"], record["status"], record["error"]) == (0, "completed", None)
    log = (job_dir / "log.txt").read_text(encoding="utf-8")
    assert "fake job started" in log
    assert log.count(PROGRESS_PREFIX) == result.stdout.count(PROGRESS_PREFIX)


def test_progress_lines_parse_and_end_at_one(tmp_path: Path) -> None:
    result = run_fake({"output_dir": str(tmp_path / "out"), "steps": 3, "step_s": 0.3}, tmp_path)

    assert result.returncode == 0, result.stderr
    parsed = [
        parse_progress_line(line)
        for line in result.stdout.splitlines()
        if line.startswith(PROGRESS_PREFIX)
    ]
    assert parsed == [(1 / 3, "step 1/3"), (2 / 3, "step 2/3"), (1.0, "step 3/3")]
    assert "[100.0%] step 3/3" in result.stdout  # the human line


def test_failure_writes_exit_record_with_message_and_traceback(tmp_path: Path) -> None:
    job_dir = tmp_path / "job"
    result = run_fake(
        {"output_dir": str(tmp_path), "fail": True, "job_dir": str(job_dir)}, tmp_path
    )

    assert result.returncode == 1
    assert "Traceback" in result.stderr
    assert "RuntimeError: the fake job was told to fail" in result.stderr
    record = read_exit_record(job_dir)
    assert record is not None
    assert (record["exit_code"], record["status"]) == (1, "failed")
    assert record["error"] == "the fake job was told to fail"
    # the runner owns log.txt when it gives the job folder; the harness does not write one
    assert not (job_dir / "log.txt").exists()
    assert (job_dir / "config.json").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM cannot be caught on Windows")
def test_sigterm_writes_canceled_exit_record(tmp_path: Path) -> None:
    job_dir = tmp_path / "job"
    config = {"output_dir": str(tmp_path), "wait_for_signal": True, "job_dir": str(job_dir)}
    process = start_fake(config, tmp_path)
    assert process.stdout is not None
    deadline = time.monotonic() + 30
    while "fake job started" not in process.stdout.readline():
        assert time.monotonic() < deadline, "the fake job never started"
    os.kill(process.pid, signal.SIGTERM)
    process.communicate(timeout=30)

    assert process.returncode == 143
    record = read_exit_record(job_dir)
    assert record is not None
    assert (record["exit_code"], record["error"]) == (143, "canceled")
    assert (job_dir / EXIT_FILE).exists()


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_reporter_throttles_but_always_prints_the_final_update() -> None:
    lines: list[str] = []
    clock = FakeClock()
    reporter = Reporter(emit=lines.append, clock=clock)
    for i in range(1, 101):  # 100 updates within 0.1 s
        clock.now += 0.001
        reporter.progress(i / 100, f"{i}/100")
    machine = [parse_progress_line(line) for line in lines if line.startswith(PROGRESS_PREFIX)]
    assert machine == [(0.01, "1/100"), (1.0, "100/100")]

    clock.now += 1.0
    reporter.progress(0.5, "later")  # due again after the interval
    clock.now += 0.01
    reporter.progress(0.6, "held back")
    reporter.flush()
    machine = [parse_progress_line(line) for line in lines if line.startswith(PROGRESS_PREFIX)]
    assert machine[-2:] == [(0.5, "later"), (0.6, "held back")]


def test_reporter_without_machine_lines_prints_only_human_lines() -> None:
    lines: list[str] = []
    Reporter(emit=lines.append, machine_lines=False).progress(0.25, "Downloading torch")
    assert lines == ["[ 25.0%] Downloading torch"]
