"""Scan a folder of inference outputs for the Extraction form: files, rows, classes, timestamps.

Dense CSVs are never parsed as tables: the header line gives the classes, and one vectorised pass
over the raw bytes counts rows and collects the distinct ``file`` values
(:mod:`~backend.lightweight_server.services.csv_first_column`). Sparse pickles must be unpickled
to see their index. Blocking: call in a worker thread.
"""

from __future__ import annotations

import csv
import io
import pickle
from pathlib import Path
from typing import Any

from backend.common.extraction_config import (
    INDEX_COLUMNS,
    find_prediction_files,
    predictions_subfolder,
)
from backend.common.recorder_timestamps import parse_many
from backend.lightweight_server.errors import InvalidRequest, PathNotFound
from backend.lightweight_server.services.csv_first_column import scan_first_column
from backend.lightweight_server.services.path_guard import PathGuard

MAX_UNPARSED_SHOWN = 20


def scan_dense(path: Path) -> tuple[list[str], int, list[str]]:
    """``(columns, row count, distinct files)`` of a dense CSV, reading it as raw lines."""
    files: dict[str, None] = {}
    rows = 0
    with open(path, "rb") as fh:
        header_line = fh.readline()
        if not header_line.strip():
            raise ValueError("it is empty")
        columns = next(csv.reader(io.StringIO(header_line.decode("utf-8-sig", "replace"))))
        if "file" in columns and columns.index("file") > 0:  # unusual order: parse every line
            text = io.TextIOWrapper(fh, encoding="utf-8", errors="replace", newline="")
            position = columns.index("file")
            for record in csv.reader(text):
                if len(record) > position:
                    rows += 1
                    files[record[position]] = None
            return columns, rows, list(files)
        rows, first_values = scan_first_column(fh)
    return columns, rows, first_values if "file" in columns else []


def scan_sparse(path: Path) -> tuple[list[str], int, list[str]]:
    """``(columns, rows, distinct files)`` of a sparse pickle (index levels count as columns)."""
    import pandas as pd

    try:
        frame = pd.read_pickle(path)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError) as exc:
        raise ValueError(f"it could not be read as a pandas pickle ({exc})") from exc
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"it holds a {type(frame).__name__}, not a table")
    names = [str(n) for n in frame.index.names if n is not None]
    columns = names + [str(c) for c in frame.columns]
    if "file" in names:
        files = frame.index.get_level_values("file").unique()
    elif "file" in frame.columns:
        files = frame["file"].unique()
    else:
        files = []
    return columns, len(frame), [str(f) for f in files]


def scan_predictions(guard: PathGuard, predictions_dir: str) -> dict[str, Any]:
    """Summarise the prediction files under ``predictions_dir`` (see the API table).

    ``classes`` are the score columns every file has, in the first file's order; a file lacking
    some of them, or one that is not a predictions table, is listed in ``problems``.
    """
    folder = guard.check(predictions_dir, "predictions folder")
    if not folder.is_dir():
        raise PathNotFound(f"The predictions folder '{folder}' does not exist.")
    found = find_prediction_files(folder)
    problems: list[dict[str, str]] = []
    if not found:
        raise InvalidRequest(
            f"No predictions*.csv or sparse_predictions*.pkl under '{folder}'. Choose the job "
            "folder of a finished inference task."
        )
    entries, all_files, class_sets = [], [], []
    first_classes: list[str] | None = None
    for path, kind in found:
        try:
            columns, rows, files = scan_sparse(path) if kind == "sparse" else scan_dense(path)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            problems.append({"path": str(path), "message": f"{path.name}: {exc}"})
            continue
        missing = [c for c in INDEX_COLUMNS if c not in columns]
        if missing:
            problems.append(
                {
                    "path": str(path),
                    "message": f"{path.name} is not a predictions file: no "
                    f"{', '.join(missing)} column.",
                }
            )
            continue
        classes = [c for c in columns if c not in INDEX_COLUMNS]
        if first_classes is None:
            first_classes = classes
        class_sets.append((path, set(classes)))
        all_files.extend(files)
        entries.append(
            {
                "path": str(path),
                "relative_path": path.relative_to(folder).as_posix(),
                "format": kind,
                "rows": rows,
                "subfolder": predictions_subfolder(path, folder),
            }
        )
    common = set.intersection(*(s for _, s in class_sets)) if class_sets else set()
    for path, file_classes in class_sets:
        extra = file_classes - common
        if extra:
            problems.append(
                {
                    "path": str(path),
                    "message": f"{path.name} has {len(extra)} class column(s) the other files "
                    f"lack (e.g. {sorted(extra)[0]}); only classes common to all files are "
                    "offered.",
                }
            )
    parsed, unparsed = parse_many(all_files)
    days = sorted(stamp.date() for stamp in parsed.values())
    return {
        "predictions_dir": str(folder),
        "files": entries,
        "rows": sum(e["rows"] for e in entries),
        "classes": [c for c in (first_classes or []) if c in common],
        "problems": problems,
        "timestamps": {
            "parsed_files": len(parsed),
            "unparsed_files": unparsed[:MAX_UNPARSED_SHOWN],
            "unparsed_count": len(unparsed),
            "first_date": days[0].isoformat() if days else None,
            "last_date": days[-1].isoformat() if days else None,
        },
    }
