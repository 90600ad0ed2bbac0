"""Turn an annotation CSV table into the rows the Review tab shows (scores, audio paths, groups).

Score columns are the numeric columns other than the ones with a known meaning (``file``,
``start_time``, ``end_time``, ``annotation``, ``comments`` and the group column). The review mode is
guessed from the labels already present (a ``[...]`` list means multiclass) or, for an unlabelled
task, from the number of score columns (several → multiclass: one column per class).
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

from backend.common.annotation_values import parse_multiclass
from backend.common.review_groups import group_statuses
from backend.lightweight_server.errors import InvalidAnnotationFile, InvalidRequest
from backend.lightweight_server.services.annotation_csv import CsvTable

KNOWN_COLUMNS = {"file", "start_time", "end_time", "annotation", "comments"}


def finite_or_none(text: str) -> float | None:
    """A numeric cell as a finite float, or ``None`` for empty/NaN/non-numeric cells."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _numeric_column(cells: list[str]) -> list[float | None] | None:
    """The cells as numbers (empty/NaN → ``None``), or ``None`` when one is not a number."""
    values: list[float | None] = []
    append = values.append
    filled = False
    for cell in cells:
        try:
            value = float(cell)
        except ValueError:
            if cell.strip() == "":
                append(None)
                continue
            return None
        if math.isfinite(value):
            filled = True
            append(value)
        else:
            append(None)
    return values if filled else None


def score_values(
    columns: list[str], rows: list[list[str]], group_column: str | None
) -> dict[str, list[float | None]]:
    """Score column → its values, for the columns whose non-empty cells are all numbers.

    ``rows`` must already be padded to the header's width.
    """
    found = {}
    for index, name in enumerate(columns):
        if name in KNOWN_COLUMNS or name == group_column:
            continue
        values = _numeric_column([row[index] for row in rows])
        if values is not None:
            found[name] = values
    return found


def guess_mode(annotations: list[str], scores: list[str]) -> tuple[str, list[str]]:
    """``(mode, classes)``: multiclass when labels are lists, or no labels and several scores."""
    classes = list(scores)
    lists = 0
    for cell in annotations:
        if cell.strip().startswith("["):
            lists += 1
            try:
                for name in parse_multiclass(cell) or []:
                    if name not in classes:
                        classes.append(name)
            except ValueError:
                continue
    if lists or (not any(a.strip() for a in annotations) and len(scores) > 1):
        return "multiclass", classes
    return "binary", []


def _audio_paths(cells: list[str], root: str) -> tuple[list[str], list[bool]]:
    """Absolute audio path of each ``file`` cell (relative ones joined to ``root``), and whether
    each exists (checked once per distinct path)."""
    paths = [os.path.normpath(os.path.join(root, os.path.expanduser(c.strip()))) for c in cells]
    exists = {path: os.path.isfile(path) for path in set(paths)}
    return paths, [exists[path] for path in paths]


def _kept_rows(
    scores: dict[str, list[float | None]],
    count: int,
    score_threshold: float | None,
    score_column: str | None,
) -> list[int]:
    """Positions of the rows whose score (the chosen column, else the highest) is ≥ threshold."""
    if score_threshold is None:
        return list(range(count))
    columns = [scores[score_column]] if score_column else list(scores.values())
    kept = []
    for index in range(count):
        present = [v for column in columns if (v := column[index]) is not None]
        if present and max(present) >= score_threshold:
            kept.append(index)
    return kept


def check_score_options(
    scores: list[str], score_threshold: float | None, score_column: str | None
) -> None:
    """Refuse a score column the file lacks, or a threshold for a file without scores."""
    if score_column is not None and score_column not in scores:
        raise InvalidRequest(
            f"'{score_column}' is not a score column of this file. Score columns: "
            f"{', '.join(scores) or 'none'}.",
            {"fields": ["score_column"]},
        )
    if score_threshold is not None and not scores:
        raise InvalidRequest(
            "This file has no score columns, so a score threshold cannot be applied: clear it.",
            {"fields": ["score_threshold"]},
        )


def summarise_rows(
    table: CsvTable,
    root: Path,
    score_threshold: float | None,
    score_column: str | None,
    group_column: str | None,
) -> dict[str, Any]:
    """Everything of the load response except ``path`` and ``mtime_ns`` (see the API docs)."""
    width = len(table.columns)
    padded = [row + [""] * (width - len(row)) if len(row) < width else row for row in table.rows]
    columns = {name: [row[i] for row in padded] for i, name in enumerate(table.columns)}
    scores = score_values(table.columns, padded, group_column)
    check_score_options(list(scores), score_threshold, score_column)
    kept = _kept_rows(scores, len(padded), score_threshold, score_column)
    files = columns["file"]
    audio_paths, audio_exists = _audio_paths([files[i] for i in kept], str(root))
    starts, ends = columns["start_time"], columns.get("end_time")
    annotations, comments = columns["annotation"], columns["comments"]
    groups = columns[group_column] if group_column else None
    rows: list[dict[str, Any]] = []
    for position, index in enumerate(kept):
        start_s = finite_or_none(starts[index])
        if start_s is None:
            raise InvalidAnnotationFile(
                f"Row {index + 2} of the file has start_time '{starts[index]}', which is not a "
                "number of seconds. Fix that cell and load the file again.",
                {"row": index},
            )
        rows.append(
            {
                "index": index,
                "file": files[index],
                "start_time": start_s,
                "end_time": finite_or_none(ends[index]) if ends is not None else None,
                "annotation": annotations[index],
                "comments": comments[index],
                "scores": {name: values[index] for name, values in scores.items()},
                "group": groups[index] if groups is not None else None,
                "audio_path": audio_paths[position],
                "audio_exists": audio_exists[position],
            }
        )
    mode, classes = guess_mode(annotations, list(scores))
    statuses = None
    if groups is not None:
        statuses = group_statuses(((r["group"], r["annotation"]) for r in rows), set(groups))
    return {
        "columns": table.columns,
        "score_columns": list(scores),
        "group_column": group_column,
        "mode_guess": mode,
        "classes_guess": classes,
        "total_rows": len(table.rows),
        "dropped_below_threshold": len(table.rows) - len(kept),
        "rows": rows,
        "group_statuses": statuses,
    }
