"""What a training task shows in the task pane: its live report and, once finished, its summary.

The training job rewrites ``report.html`` in its job folder (atomically, reloading itself every
3 s while it runs) and leaves ``metrics.json`` and the model file when it completes. These
functions find them for a task; they never import the training code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from backend.lightweight_server.errors import InvalidRequest, InvalidTaskState, PathNotFound
from backend.lightweight_server.store import TaskStore
from backend.lightweight_server.store.models import Task

REPORT_FILE = "report.html"
METRICS_FILE = "metrics.json"
MODEL_FILES = ("model.dipper.pt", "model.pt")
_WINDOWS_LINE = re.compile(r"Training on (\d+) window\(s\), validating on (\d+)")


def _training_task(store: TaskStore, task_id: str) -> Task:
    task = store.get(task_id)
    if task.kind != "training":
        raise InvalidRequest(
            f"'{task.name}' is a {task.kind.replace('_', ' ')} task; only training tasks have a "
            "report."
        )
    return task


def report_path(store: TaskStore, task_id: str) -> Path:
    """The task's ``report.html``.

    Raises
    ------
    TaskNotFound
        No such task.
    InvalidRequest
        The task is not a training task.
    PathNotFound
        The job has not written its report yet (or its folder is gone); the message says why.
    """
    task = _training_task(store, task_id)
    if not task.job_dir:
        raise PathNotFound(
            f"'{task.name}' has no report yet: it is {task.status}, and the report appears in "
            "its job folder once training starts. Start the task, then open the report again."
        )
    path = Path(task.job_dir) / REPORT_FILE
    if not path.is_file():
        when = (
            "it is written a few seconds after training starts; try again in a moment"
            if task.status in ("queued", "running")
            else f"the task {task.status} before writing it; see its log"
        )
        raise PathNotFound(f"There is no report at {path} yet: {when}.", {"path": str(path)})
    return path


def training_summary(store: TaskStore, task_id: str) -> dict[str, Any]:
    """Mean AP, per-class validation metrics, window counts and the model file of a finished task.

    ``{"mean_average_precision": float | None, "classes": {name: {"average_precision",
    "roc_auc", "n_positive", "n_negative"}}, "n_train_windows": int | None,
    "n_validation_windows": int | None, "model_file": str | None, "report_file": str | None}``.
    Raises ``InvalidTaskState`` while the job has not written ``metrics.json``.
    """
    task = _training_task(store, task_id)
    job = Path(task.job_dir) if task.job_dir else None
    try:
        metrics = json.loads((job / METRICS_FILE).read_text(encoding="utf-8")) if job else None
    except (OSError, ValueError):
        metrics = None
    if job is None or not isinstance(metrics, dict):
        raise InvalidTaskState(
            f"'{task.name}' has no metrics yet (it is {task.status}); they are written when "
            "training completes."
        )
    classes = {
        str(name): {
            key: values.get(key)
            for key in ("average_precision", "roc_auc", "n_positive", "n_negative")
        }
        for name, values in (metrics.get("classes") or {}).items()
        if isinstance(values, dict)
    }
    train, validation = _window_counts(metrics, job)
    model = next((job / name for name in MODEL_FILES if (job / name).is_file()), None)
    report = job / REPORT_FILE
    return {
        "mean_average_precision": metrics.get("mean_average_precision"),
        "classes": classes,
        "n_train_windows": train,
        "n_validation_windows": validation,
        "model_file": str(model) if model else None,
        "report_file": str(report) if report.is_file() else None,
    }


def _window_counts(metrics: dict[str, Any], job: Path) -> tuple[int | None, int | None]:
    """Training and validation windows: from ``metrics.json`` when it has them, else the log."""
    train, validation = metrics.get("n_train_windows"), metrics.get("n_validation_windows")
    if isinstance(train, int) and isinstance(validation, int):
        return train, validation
    try:
        text = (job / "log.txt").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None, None
    found = _WINDOWS_LINE.findall(text)
    return (int(found[-1][0]), int(found[-1][1])) if found else (None, None)
