"""The Extraction form's metadata preview and a finished extraction task's summary.

- :func:`describe_metadata`: the columns of a folder-metadata CSV and how many distinct values
  each has (the form offers them as strata);
- :func:`extraction_summary`: the summary rows, outputs and Review root a finished extraction
  task left in its job folder (``summary.csv``, ``outputs.json``, written by the script).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from backend.lightweight_server.errors import InvalidRequest, InvalidTaskState, PathNotFound
from backend.lightweight_server.services.path_guard import PathGuard
from backend.lightweight_server.store import TaskStore

SUMMARY_COPY = "summary.csv"
OUTPUTS_MANIFEST = "outputs.json"
SUMMARY_INT_COLUMNS = ("available", "requested", "selected")


def describe_metadata(guard: PathGuard, csv_path: str) -> dict[str, Any]:
    """``{"columns": [{"name", "unique_values"}], "rows", "problems": [{"path", "message"}]}``.

    Raises ``InvalidRequest`` when the file is not a CSV or has no ``folder`` column.
    """
    import pandas as pd

    path = guard.check(csv_path, "metadata CSV")
    if not path.is_file():
        raise PathNotFound(f"The metadata CSV '{path}' does not exist.")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InvalidRequest(f"'{path.name}' could not be read as a CSV file: {exc}") from exc
    if "folder" not in table.columns:
        raise InvalidRequest(
            f"'{path.name}' has no 'folder' column (it has {', '.join(map(str, table.columns))}). "
            "Add a 'folder' column naming each subfolder (its path relative to the audio folder, "
            "or its name).",
            {"columns": [str(c) for c in table.columns]},
        )
    problems = []
    duplicated = table["folder"][table["folder"].duplicated()].unique().tolist()
    if duplicated:
        problems.append(
            {
                "path": str(path),
                "message": f"{len(duplicated)} folder(s) appear more than once (e.g. "
                f"'{duplicated[0]}'): only the first row of each is used.",
            }
        )
    if (table["folder"].str.strip() == "").any():
        problems.append({"path": str(path), "message": "Some rows have an empty 'folder'."})
    columns = [
        {"name": str(c), "unique_values": int(table[c].nunique())}
        for c in table.columns
        if c != "folder"
    ]
    return {"columns": columns, "rows": len(table), "problems": problems}


def extraction_summary(store: TaskStore, task_id: str) -> dict[str, Any]:
    """``{"rows": [summary rows], "outputs": [paths], "review_audio_root": str | None}``.

    Raises ``TaskNotFound`` for an unknown task, ``InvalidRequest`` for another kind of task and
    ``InvalidTaskState`` while the task has not written its summary.
    """
    import pandas as pd

    task = store.get(task_id)
    if task.kind != "extraction":
        raise InvalidRequest(f"'{task.name}' is a {task.kind} task, not an extraction.")
    job_dir = Path(task.job_dir) if task.job_dir else None
    if job_dir is None or not (job_dir / SUMMARY_COPY).is_file():
        raise InvalidTaskState(
            f"'{task.name}' has no summary yet (it is {task.status}); it is written when the "
            "task completes."
        )
    table = pd.read_csv(job_dir / SUMMARY_COPY, keep_default_na=False, dtype=str)
    rows = []
    for record in table.to_dict(orient="records"):
        for column in SUMMARY_INT_COLUMNS:
            if column in record:
                record[column] = int(record[column]) if record[column] else 0
        rows.append(record)
    manifest: dict[str, Any] = {}
    try:
        manifest = json.loads((job_dir / OUTPUTS_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    return {
        "rows": rows,
        "outputs": [str(p) for p in manifest.get("outputs", [])],
        "review_audio_root": manifest.get("review_audio_root"),
    }
