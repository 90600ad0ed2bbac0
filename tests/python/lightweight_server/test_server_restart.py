"""SIGKILL the real server while a real BirdNET task runs; the restarted server re-attaches it.

The task must be shown running after the restart, then completed, and must have run exactly once.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
TOKEN = "restart-test-token"


def start_server(home: Path, port: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "backend.cli",
            "serve",
            "--port",
            str(port),
            "--token",
            TOKEN,
            "--no-browser",
            "--root",
            str(home),
        ],
        cwd=REPO_ROOT,
        env={**os.environ, "DIPPER_HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if "Dipper is running at" in line:
            return proc
    raise AssertionError(f"server did not start (exit {proc.wait()})")


def api(port: int, method: str, path: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as resp:
        return json.loads(resp.read())


def wait_task(port: int, task_id: str, predicate, timeout_s: float) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        task = api(port, "GET", f"/api/tasks/{task_id}")
        if predicate(task):
            return task
        time.sleep(0.2)
    raise AssertionError(f"task did not reach the state in time: {task}")


@pytest.mark.torch
def test_sigkilled_server_reattaches_running_task(
    tmp_path: Path, torch_python: Path, demo_audio: Path
) -> None:
    from backend.cli.serve import free_port

    home = tmp_path / "home"
    audio = home / "audio"
    shutil.copytree(demo_audio, audio)
    port = free_port("127.0.0.1")
    server = start_server(home, port)
    try:
        config = {"audio_dir": str(audio), "output_dir": str(home / "jobs")}
        task = api(
            port, "POST", "/api/tasks", {"kind": "inference", "config": config, "start": True}
        )
        running = wait_task(port, task["id"], lambda t: t["status"] == "running", 30)
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait()
    job_pid = running["pid"]
    os.kill(job_pid, 0)  # the job survived the server's death

    server = start_server(home, port)
    try:
        again = api(port, "GET", f"/api/tasks/{task['id']}")
        assert again["status"] == "running" and again["pid"] == job_pid
        done = wait_task(port, task["id"], lambda t: t["status"] != "running", 300)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    assert done["status"] == "completed", done
    assert done["progress"]["fraction"] == 1.0
    log = Path(done["job_dir"], "log.txt").read_text()
    assert log.count("Model loaded in") == 1, "the job must have run exactly once"
    assert Path(done["job_dir"], "predictions.csv").is_file()
