"""Summarise a finished job folder for the task pane: its outputs and how many files failed."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from backend.common.job_protocol import CONFIG_FILE, EXIT_FILE, LOG_FILE

FAILED_FILES = "failed_files.csv"
_BOOKKEEPING = {CONFIG_FILE, EXIT_FILE, LOG_FILE}


def summarise_job_dir(job_dir: Path) -> dict[str, Any]:
    """``{"outputs": [names], "failed_files": n}``; empty when the folder cannot be read."""
    try:
        names = sorted(
            p.name
            for p in job_dir.iterdir()
            if not p.name.startswith(".") and p.name not in _BOOKKEEPING
        )
    except OSError:
        return {}
    failed = 0
    if FAILED_FILES in names:
        try:
            with open(job_dir / FAILED_FILES, newline="", encoding="utf-8") as fh:
                failed = max(0, sum(1 for _ in csv.reader(fh)) - 1)
        except (OSError, csv.Error, UnicodeDecodeError):
            failed = 0
    return {"outputs": names, "failed_files": failed}
