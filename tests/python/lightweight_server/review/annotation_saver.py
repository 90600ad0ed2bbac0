"""Helper process for the crash-safety test: saves an annotation CSV over itself in a tight loop.

Usage: ``python annotation_saver.py CSV_PATH``. Alternates every row's label between ``no`` and
``yes`` through the real ``save_annotations``; prints ``ready`` after the first save, then runs
until it is killed.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(REPO_ROOT))

from backend.lightweight_server.services.annotation_files import (  # noqa: E402
    RowEdit,
    read_annotation_table,
    save_annotations,
)
from backend.lightweight_server.services.path_guard import PathGuard  # noqa: E402


def main() -> None:
    path = Path(sys.argv[1])
    guard = PathGuard([path.parent])
    count = len(read_annotation_table(path).rows)
    iteration = 0
    while True:
        label = ("no", "yes")[iteration % 2]
        edits = [RowEdit(i, label, f"round {iteration % 2}") for i in range(count)]
        save_annotations(guard, str(path), str(path), edits, None, overwrite=True)
        if iteration == 0:
            print("ready", flush=True)
        iteration += 1


if __name__ == "__main__":
    main()
