"""Load an annotation task CSV for the Review tab, and save labels back without losing anything.

Load: every row keeps its position in the file (``index``); relative ``file`` paths are joined to
the root audio folder (or, when none is set, to the CSV's own folder). A score threshold hides rows
from review but never removes them from the file.

Save: the source file is read again in full, only the ``annotation`` and ``comments`` cells of the
given rows change, and the result is written atomically. If the target changed on disk since the
caller loaded it (its ``mtime_ns`` differs), the save is refused with ``FileChanged`` unless the
caller asks to overwrite.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend.common.annotation_values import is_valid_annotation
from backend.lightweight_server.errors import FileChanged, InvalidAnnotationFile, InvalidRequest
from backend.lightweight_server.services.annotation_csv import (
    CsvTable,
    read_csv_table,
    write_csv_atomic,
)
from backend.lightweight_server.services.annotation_summary import summarise_rows
from backend.lightweight_server.services.path_guard import PathGuard

REQUIRED_COLUMNS = ("file", "start_time")
_save_lock = threading.Lock()


@dataclass(frozen=True)
class RowEdit:
    """New ``annotation`` and ``comments`` cells for the row at ``index`` (0 = first data row)."""

    index: int
    annotation: str
    comments: str


def read_annotation_table(path: Path) -> CsvTable:
    """Read an annotation CSV and check it has the columns review needs."""
    table = read_csv_table(path)
    missing = [name for name in REQUIRED_COLUMNS if name not in table.columns]
    if missing:
        found = ", ".join(table.columns[:12]) or "none"
        raise InvalidAnnotationFile(
            f"'{path.name}' has no {' or '.join(repr(m) for m in missing)} column (columns found: "
            f"{found}). An annotation file needs a 'file' column with the audio path of each clip "
            "and a 'start_time' column in seconds; create one with the Extraction tab.",
            {"missing_columns": missing, "columns": table.columns},
        )
    return table


def load_annotations(
    guard: PathGuard,
    raw_path: str,
    audio_root: str | None = None,
    score_threshold: float | None = None,
    score_column: str | None = None,
    group_column: str | None = None,
) -> dict[str, Any]:
    """Read an annotation task for review (the ``/api/annotations/load`` response body).

    Parameters
    ----------
    guard
        Keeps the CSV (and the audio root) inside the allowed folders.
    raw_path
        Absolute path of the CSV.
    audio_root
        Folder that relative ``file`` paths start from; ``None`` → the CSV's folder.
    score_threshold
        Rows whose score is below it (or missing) are left out of ``rows`` (still saved).
    score_column
        Which score column the threshold applies to; default: the row's highest score.
    group_column
        Column naming each clip's group; default ``group`` when the file has one.
    """
    path = guard.check(raw_path, "annotation file")
    root = guard.check(audio_root, "root audio folder") if audio_root else path.parent
    table = read_annotation_table(path)
    if group_column is None and "group" in table.columns:
        group_column = "group"
    if group_column is not None and group_column not in table.columns:
        raise InvalidRequest(
            f"The group column '{group_column}' is not in '{path.name}'. Choose one of: "
            f"{', '.join(table.columns)}.",
            {"fields": ["group_column"]},
        )
    table.ensure_column("annotation")
    table.ensure_column("comments")
    summary = summarise_rows(table, root, score_threshold, score_column, group_column)
    return {"path": str(path), "mtime_ns": str(table.mtime_ns), **summary}


def _check_edits(table: CsvTable, edits: list[RowEdit]) -> None:
    for edit in edits:
        if not 0 <= edit.index < len(table.rows):
            raise InvalidRequest(
                f"Row {edit.index} does not exist: the file has {len(table.rows)} rows. Reload "
                "the annotation file.",
                {"fields": ["rows"]},
            )
        if not is_valid_annotation(edit.annotation):
            raise InvalidRequest(
                f"Row {edit.index}: '{edit.annotation}' is not a label. Use yes, no, uncertain, "
                "a list of classes like ['a', 'b'], [] or an empty value.",
                {"fields": ["rows"]},
            )


def save_annotations(
    guard: PathGuard,
    raw_path: str,
    raw_source_path: str,
    edits: list[RowEdit],
    expected_mtime_ns: str | None,
    overwrite: bool = False,
) -> dict[str, Any]:
    """Write the source CSV with new labels to ``raw_path``, atomically.

    Returns
    -------
    dict
        ``{"path", "mtime_ns", "saved_rows"}``; ``mtime_ns`` (a string) is what the next save of the
        same file should pass as ``expected_mtime_ns``.

    Raises
    ------
    FileChanged
        ``raw_path`` exists and its ``mtime_ns`` is not ``expected_mtime_ns`` (or that is ``None``)
        and ``overwrite`` is false.
    """
    path = guard.check(raw_path, "save location")
    source = guard.check(raw_source_path, "annotation file")
    if path.is_dir():
        raise InvalidRequest(f"'{path}' is a folder: type a file name such as labels.csv.")
    if not path.parent.is_dir():
        raise InvalidRequest(f"The folder '{path.parent}' does not exist. Choose another one.")
    with _save_lock:
        table = read_annotation_table(source)
        annotation_at = table.ensure_column("annotation")
        comments_at = table.ensure_column("comments")
        _check_edits(table, edits)
        if path.exists() and not overwrite:
            current = path.stat().st_mtime_ns
            if expected_mtime_ns is None:
                raise FileChanged(
                    f"'{path.name}' already exists: save as another file, or confirm that it "
                    "may be overwritten.",
                    {"path": str(path), "mtime_ns": str(current)},
                )
            if str(expected_mtime_ns) != str(current):
                raise FileChanged(
                    f"'{path.name}' changed on disk since it was loaded: reload it or save as "
                    "another file.",
                    {"path": str(path), "mtime_ns": str(current)},
                )
        width = len(table.columns)
        for edit in edits:
            row = table.rows[edit.index]
            if len(row) < width:
                row.extend([""] * (width - len(row)))
            row[annotation_at] = edit.annotation
            row[comments_at] = edit.comments
        mtime_ns = write_csv_atomic(path, table)
    return {"path": str(path), "mtime_ns": str(mtime_ns), "saved_rows": len(edits)}
