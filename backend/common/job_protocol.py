"""The job-folder protocol between the task runner and the scripts (see ARCHITECTURE.md).

Kept in ``backend.common`` so both sides read and write exactly the same names and line formats.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

CONFIG_FILE = "config.json"
LOG_FILE = "log.txt"
EXIT_FILE = "exit.json"
PROGRESS_PREFIX = "DIPPER_PROGRESS "
_TQDM_PERCENT = re.compile(r"(\d{1,3})%\|")


def utc_now_iso() -> str:
    """Current UTC time as an ISO-8601 string with a ``Z``-free ``+00:00`` offset."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON to ``path`` through a temp file in the same folder and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def format_progress_line(fraction: float, message: str) -> str:
    """One structured progress line, as printed by scripts."""
    payload = {"fraction": max(0.0, min(1.0, float(fraction))), "message": message}
    return PROGRESS_PREFIX + json.dumps(payload)


def parse_progress_line(line: str) -> tuple[float | None, str] | None:
    """Parse a structured progress line or a tqdm-style bar; ``None`` when it is neither."""
    line = line.strip()
    if line.startswith(PROGRESS_PREFIX):
        try:
            payload = json.loads(line[len(PROGRESS_PREFIX) :])
            fraction = payload.get("fraction")
            return (None if fraction is None else float(fraction), str(payload.get("message", "")))
        except (ValueError, TypeError, AttributeError):
            return None
    matches = _TQDM_PERCENT.findall(line)
    if matches:
        return (min(100, int(matches[-1])) / 100.0, "")
    return None


def read_exit_record(job_dir: Path) -> dict[str, Any] | None:
    """The script's exit record, or ``None`` when absent or unreadable."""
    try:
        data = json.loads((job_dir / EXIT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_exit_record(job_dir: Path, exit_code: int, error: str | None = None) -> None:
    """Write the exit record atomically."""
    write_json_atomic(
        job_dir / EXIT_FILE,
        {
            "exit_code": int(exit_code),
            "status": "completed" if exit_code == 0 else "failed",
            "error": error,
            "ended_at": utc_now_iso(),
        },
    )
