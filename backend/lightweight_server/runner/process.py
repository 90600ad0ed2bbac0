"""Start job subprocesses detached from the server, find them again, and stop whole process trees.

A job runs in its own session / process group so that the server dying (even by SIGKILL) does not
take the job with it; the PID plus the process create time identify it after a restart.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psutil


def spawn_detached(
    command: list[str], cwd: Path, log_path: Path, env: dict[str, str]
) -> tuple[subprocess.Popen[bytes], float]:
    """Start ``command`` with stdout and stderr appended to ``log_path``.

    Returns the ``Popen`` handle and the process create time (for PID-reuse checks).
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    kwargs: dict = {}
    if sys.platform == "win32":
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
    else:
        kwargs["start_new_session"] = True
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            command,
            cwd=str(cwd),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            **kwargs,
        )
    try:
        created = psutil.Process(proc.pid).create_time()
    except psutil.Error:
        created = 0.0
    return proc, created


def is_same_process_alive(pid: int | None, create_time: float | None) -> bool:
    """True when ``pid`` is running, is not a zombie, and was created at ``create_time``."""
    if not pid:
        return False
    try:
        proc = psutil.Process(pid)
        if create_time and abs(proc.create_time() - create_time) > 1.0:
            return False
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def kill_tree(pid: int, create_time: float | None, grace_s: float) -> None:
    """Terminate ``pid`` and all its descendants; kill whatever is left after ``grace_s``."""
    if not is_same_process_alive(pid, create_time):
        return
    try:
        parent = psutil.Process(pid)
        procs = [*parent.children(recursive=True), parent]
    except psutil.Error:
        return
    for proc in procs:
        try:
            proc.terminate()
        except psutil.Error:
            pass
    _gone, alive = psutil.wait_procs(procs, timeout=grace_s)
    for proc in alive:
        try:
            proc.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(alive, timeout=2)


def job_environment(code_root: Path) -> dict[str, str]:
    """Environment for job subprocesses: unbuffered output, the code root importable."""
    env = dict(os.environ)
    env["PYTHONUNBUFFERED"] = "1"
    env["HF_HUB_OFFLINE"] = env.get("HF_HUB_OFFLINE", "1")
    existing = env.get("PYTHONPATH")
    env["PYTHONPATH"] = str(code_root) + (os.pathsep + existing if existing else "")
    return env
