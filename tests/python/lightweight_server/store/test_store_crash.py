"""A writer killed at any moment must leave a ``tasks.json`` that loads cleanly.

Each test starts a real Python process that hammers a JsonTaskStore and kills it (SIGKILL on
POSIX) after a different delay. The process prints the number of each write after it returns, so
the file must hold exactly that write or the one after it (killed after ``os.replace`` but
before the print): never a torn file, never a lost acknowledged write.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backend.lightweight_server.store import JsonTaskStore

REPO_ROOT = Path(__file__).resolve().parents[4]
DELAYS_S = [0.0, 0.02, 0.07, 0.15, 0.3]

WRITER_PREAMBLE = """
import sys
from pathlib import Path
from backend.lightweight_server.store import JsonTaskStore, Task
store = JsonTaskStore(Path(sys.argv[1]))
"""

UPDATE_WRITER = (
    WRITER_PREAMBLE
    + """
task = store.add(Task(kind="crash", name="updates", config={"n": 0}))
print("ready", flush=True)
for n in range(1, 100_000):
    store.update(task.id, config={"n": n, "pad": "x" * 2000}, progress={"message": str(n)})
    print(n, flush=True)
"""
)

ADD_WRITER = (
    WRITER_PREAMBLE
    + """
print("ready", flush=True)
for n in range(1, 100_000):
    store.add(Task(kind="crash", name=f"t{n}", config={"pad": "x" * 200}))
    print(n, flush=True)
"""
)


def run_and_kill(code: str, path: Path, delay_s: float) -> int:
    """Run ``code`` on ``path``, kill it ``delay_s`` after it is ready; the last acked write."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
        env=env,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first == "ready\n", proc.stderr.read() if proc.stderr else first
        time.sleep(delay_s + random.uniform(0.0, 0.01))  # land at a different point each run
        proc.kill()
        proc.wait(timeout=30)
        # Read through the same buffered streams as readline() above, so no line is skipped.
        out = proc.stdout.read()
        err = proc.stderr.read() if proc.stderr else ""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode != 0, f"the writer finished before it was killed: {err}"
    acked = [int(line) for line in out.splitlines() if line.strip().isdigit()]
    assert acked == list(range(1, len(acked) + 1))
    return len(acked)


@pytest.mark.parametrize("delay_s", DELAYS_S)
def test_killed_updater_leaves_a_consistent_file(tmp_path: Path, delay_s: float) -> None:
    path = tmp_path / "tasks.json"
    last_acked = run_and_kill(UPDATE_WRITER, path, delay_s)

    store = JsonTaskStore(path)
    assert store.warnings == []
    [task] = store.list()
    n = task.config["n"]
    assert n in (last_acked, last_acked + 1)
    assert task.progress.message == ("" if n == 0 else str(n))  # both fields from one write


@pytest.mark.parametrize("delay_s", DELAYS_S)
def test_killed_adder_leaves_a_prefix_of_its_adds(tmp_path: Path, delay_s: float) -> None:
    path = tmp_path / "tasks.json"
    last_acked = run_and_kill(ADD_WRITER, path, delay_s)

    store = JsonTaskStore(path)
    assert store.warnings == []
    names = {t.name for t in store.list()}
    assert len(names) in (last_acked, last_acked + 1)
    assert names == {f"t{n}" for n in range(1, len(names) + 1)}
