"""SIGKILL a real process while it saves an annotation CSV in a loop: the file is never corrupt.

Each round starts the saver (``annotation_saver.py``, which calls the real ``save_annotations``),
kills it with SIGKILL after a random delay, and checks that the CSV parses and holds exactly the old
or the new content. Leftover temp files prove that some kills landed in the middle of a write.
"""

from __future__ import annotations

import csv
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SAVER = Path(__file__).with_name("annotation_saver.py")
ROWS = 4000
ROUNDS = 30

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def _write_task(path: Path) -> list[list[str]]:
    rows = [
        [
            f"site_{i % 7}/rec_{i:05d}.wav",
            f"{i * 3}.0",
            f"{i * 3 + 3}.0",
            "yes",
            f"0.{i:04d}",
            "round 1",
        ]
        for i in range(ROWS)
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "start_time", "end_time", "annotation", "score", "comments"])
        writer.writerows(rows)
    return rows


def _check_intact(path: Path, original: list[list[str]]) -> str:
    with path.open(newline="", encoding="utf-8") as handle:
        records = list(csv.reader(handle))
    assert records[0] == ["file", "start_time", "end_time", "annotation", "score", "comments"]
    body = records[1:]
    assert len(body) == ROWS, f"{len(body)} rows after a kill"
    labels = {(row[3], row[5]) for row in body}
    assert labels in ({("yes", "round 1")}, {("no", "round 0")}), f"mixed content: {labels}"
    for row, old in zip(body, original, strict=True):
        assert row[:3] + row[4:5] == old[:3] + old[4:5]
    return body[0][3]


def test_sigkill_during_saves_never_corrupts_the_csv(tmp_path: Path) -> None:
    path = tmp_path / "task.csv"
    original = _write_task(path)
    rng = random.Random(5)
    seen_labels = set()
    killed_mid_write = 0
    for _ in range(ROUNDS):
        process = subprocess.Popen(
            [sys.executable, str(SAVER), str(path)], stdout=subprocess.PIPE, text=True
        )
        try:
            assert process.stdout is not None and process.stdout.readline().strip() == "ready"
            process.stdout.close()
            time.sleep(rng.uniform(0.0, 0.08))
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
        assert process.returncode == -signal.SIGKILL
        seen_labels.add(_check_intact(path, original))
        leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        killed_mid_write += bool(leftovers)
        for leftover in leftovers:
            leftover.unlink()
    assert seen_labels == {"yes", "no"}  # both contents were observed after kills
    print(f"{killed_mid_write}/{ROUNDS} kills landed during a write")
    assert killed_mid_write >= 3, "no kill landed during a write: the test proved nothing"
