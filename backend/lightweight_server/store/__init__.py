"""The per-user task store: a versioned JSON file and its in-memory twin, behind one interface."""

from __future__ import annotations

from pathlib import Path

from .base import TaskStore, task_not_found
from .json_store import JsonTaskStore
from .memory_store import InMemoryTaskStore
from .migrations import CURRENT_VERSION, MIGRATIONS, FutureVersion, UnreadableVersion, migrate
from .models import ACTIVE_STATUSES, FINAL_STATUSES, Progress, Settings, Task, TaskStatus

TASKS_FILE = "tasks.json"


def open_task_store(data_dir: Path) -> JsonTaskStore:
    """Open the task store of a per-user data folder.

    Parameters
    ----------
    data_dir
        The Dipper data folder (see ``backend.common.paths.data_dir``); created on first write.

    Returns
    -------
    JsonTaskStore
        The store backed by ``data_dir / "tasks.json"``; check its ``warnings``.
    """
    return JsonTaskStore(Path(data_dir) / TASKS_FILE)


__all__ = [
    "ACTIVE_STATUSES",
    "CURRENT_VERSION",
    "FINAL_STATUSES",
    "MIGRATIONS",
    "TASKS_FILE",
    "FutureVersion",
    "InMemoryTaskStore",
    "JsonTaskStore",
    "Progress",
    "Settings",
    "Task",
    "TaskStatus",
    "TaskStore",
    "UnreadableVersion",
    "migrate",
    "open_task_store",
    "task_not_found",
]
