"""The active-learning loop record: one JSON file per loop folder listing its training rounds.

A loop folder gathers the rounds of one project's active-learning loop (train → inference → new
annotation task → review → train again). Every training job run with ``loop_dir`` appends its
round — labels used, model file, held-out average precision per class — to
``<loop_dir>/dipper_loop.json``; the Training tab's loop view reads it to draw the learning curve.

The file is ``{"version": 1, "rounds": [round, ...]}``; a round is::

    {"round": 1, "finished_at": iso, "job_dir": abs, "model_file": abs, "model_type": "shallow",
     "classes": [str], "n_labels": int, "label_counts": {cls: {"positive": int, "negative": int}},
     "mean_average_precision": float | None, "average_precision": {cls: float | None},
     "evaluation": "split" | "evaluation set", "annotation_files": [abs], "audio_roots": [abs]}

Writes go through a temp file and ``os.replace`` under an exclusive lock on a sibling lock file, so
two jobs finishing together never lose a round and a reader never sees half a file. A file that
cannot be read is never overwritten: reading raises ``ValueError`` saying what is wrong, and
appending sets the file aside as ``dipper_loop.json.corrupt-<time>.bak`` and says so in the new
file's ``warnings``. Pure standard library: the lightweight server and the torch scripts both use
it.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from backend.common.job_protocol import write_json_atomic

LOOP_FILE = "dipper_loop.json"
LOCK_FILE = f".{LOOP_FILE}.lock"
LOOP_VERSION = 1
LOCK_TIMEOUT_S = 30.0
_LOCK_POLL_S = 0.05


def empty_loop() -> dict[str, Any]:
    """A loop with no rounds yet (what :func:`read_loop` returns when there is no file)."""
    return {"version": LOOP_VERSION, "rounds": []}


def read_loop(loop_dir: Path) -> dict[str, Any]:
    """Read the loop record of a folder.

    Parameters
    ----------
    loop_dir:
        The loop folder (absolute).

    Returns
    -------
    dict
        ``{"version": 1, "rounds": [...], ...}``; ``{"version": 1, "rounds": []}`` when the folder
        or the file does not exist yet.

    Raises
    ------
    ValueError
        The file is not JSON, not a loop record, or written by a newer Dipper; the message names
        the file and says what to do.
    """
    path = Path(loop_dir) / LOOP_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return empty_loop()
    return _json_safe(_parse(text, path))


def append_round(loop_dir: Path, record: dict[str, Any]) -> dict[str, Any]:
    """Append one training round to the loop record, atomically and under a lock.

    Sets ``record["round"]`` to the number of rounds already recorded plus one. A file that cannot
    be read is set aside as ``dipper_loop.json.corrupt-<time>.bak`` (never overwritten) and the new
    file starts with this round and a warning naming the kept copy.

    Parameters
    ----------
    loop_dir:
        The loop folder (absolute; created when missing).
    record:
        The round (see the module docstring); modified in place.

    Returns
    -------
    dict
        The record as written, with its ``round`` number (NaN and infinities as ``None``, numpy
        values as plain numbers and lists).

    Raises
    ------
    TimeoutError
        Another process held the lock for longer than ``LOCK_TIMEOUT_S``.
    """
    folder = Path(loop_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOOP_FILE
    with _locked(folder / LOCK_FILE):
        try:
            loop = read_loop(folder)
        except ValueError as exc:
            kept = _set_aside(path)
            loop = empty_loop()
            loop["warnings"] = [
                f"The previous {LOOP_FILE} could not be read ({exc}); it was kept as {kept.name} "
                "and this file starts again from the round after it."
            ]
        record["round"] = len(loop["rounds"]) + 1
        written = _json_safe(record)
        loop["rounds"].append(written)
        write_json_atomic(path, loop, allow_nan=False)
    return written


def learning_curve(loop: dict[str, Any]) -> dict[str, Any]:
    """Points of the learning curve: labels used against held-out average precision.

    Rounds without a numeric ``n_labels`` are left out; an AP that is missing or not a finite
    number (a class without validation positives) is left out of that class's series.

    Parameters
    ----------
    loop:
        A loop record from :func:`read_loop`.

    Returns
    -------
    dict
        ``{"mean": [{"round", "n_labels", "value"}], "per_class": {cls: [...]},
        "evaluation_kinds": [str], "mixed_evaluation": bool}`` (points in round order).
    """
    mean: list[dict[str, Any]] = []
    per_class: dict[str, list[dict[str, Any]]] = {}
    kinds: list[str] = []
    for entry in loop.get("rounds", []):
        if not isinstance(entry, dict):
            continue
        kind = entry.get("evaluation")
        if isinstance(kind, str) and kind not in kinds:
            kinds.append(kind)
        n_labels = _number(entry.get("n_labels"))
        if n_labels is None:
            continue
        point = {"round": entry.get("round"), "n_labels": n_labels}
        value = _number(entry.get("mean_average_precision"))
        if value is not None:
            mean.append({**point, "value": value})
        ap = entry.get("average_precision")
        for name, raw in ap.items() if isinstance(ap, dict) else []:
            value = _number(raw)
            if value is not None:
                per_class.setdefault(str(name), []).append({**point, "value": value})
    return {
        "mean": mean,
        "per_class": per_class,
        "evaluation_kinds": kinds,
        "mixed_evaluation": len(kinds) > 1,
    }


def _json_safe(value: Any) -> Any:
    """``value`` with NaN and infinities replaced by ``None`` (strict JSON, as browsers parse it;
    an AP is NaN when the held-out data has no positive of a class) and numpy values made plain."""
    if not isinstance(value, str | bytes | bool | int | float) and callable(
        getattr(value, "tolist", None)
    ):
        value = value.tolist()  # a numpy scalar or array
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(item) for item in value]
    return value


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _parse(text: str, path: Path) -> dict[str, Any]:
    fix = f"Fix the file, or move it away to start a new loop record in {path.parent}."
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"The loop record {path} is not valid JSON (line {exc.lineno}: {exc.msg}). {fix}"
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("rounds"), list):
        raise ValueError(f"The loop record {path} has no list of rounds. {fix}")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError(f"The loop record {path} has no version number. {fix}")
    if version > LOOP_VERSION:
        raise ValueError(
            f"The loop record {path} was written by a newer Dipper (format version {version}, "
            f"this one reads up to {LOOP_VERSION}). Update Dipper to read it."
        )
    bad = [i + 1 for i, entry in enumerate(data["rounds"]) if not isinstance(entry, dict)]
    if bad:
        raise ValueError(f"The loop record {path} has rounds that are not objects ({bad}). {fix}")
    return data


def _set_aside(path: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.corrupt-{stamp}.bak")
    n = 1
    while kept.exists():
        n += 1
        kept = path.with_name(f"{path.name}.corrupt-{stamp}-{n}.bak")
    os.replace(path, kept)
    return kept


@contextlib.contextmanager
def _locked(lock_path: Path, timeout_s: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold an exclusive OS lock on ``lock_path`` (released by the OS if the process dies, so a
    crashed job never leaves a stale lock)."""
    with open(lock_path, "a+b") as fh:
        deadline = time.monotonic() + timeout_s
        while not _try_lock(fh):
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"Another process has held {lock_path} for over {timeout_s:.0f} s; "
                    "try again when it has finished."
                )
            time.sleep(_LOCK_POLL_S)
        try:
            yield
        finally:
            _unlock(fh)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fh: IO[bytes]) -> bool:
        fh.seek(0)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fh: IO[bytes]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fh: IO[bytes]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fh: IO[bytes]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
