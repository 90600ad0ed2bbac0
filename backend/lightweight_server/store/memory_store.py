"""The in-memory task store: the twin of the JSON store, for tests and throw-away servers.

It also holds the logic both stores share; :class:`JsonTaskStore` only adds loading and a
:meth:`InMemoryTaskStore._commit` that writes the file before a change takes effect.
"""

from __future__ import annotations

import builtins
import threading
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from .base import TaskStore, task_not_found
from .models import Settings, Task


def _created_sort_key(task: Task) -> datetime:
    """``created_at`` as an aware datetime; unreadable times sort as the oldest."""
    try:
        when = datetime.fromisoformat(task.created_at.replace("Z", "+00:00"))
    except ValueError:
        return datetime.min.replace(tzinfo=timezone.utc)
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _reject_unknown(model: type[Task] | type[Settings], changes: dict[str, Any]) -> None:
    unknown = sorted(set(changes) - set(model.model_fields))
    if unknown:
        raise ValueError(f"Unknown {model.__name__} field(s): {', '.join(unknown)}")


class InMemoryTaskStore(TaskStore):
    """Tasks and settings in a dict, lost when the process ends.

    Parameters
    ----------
    tasks
        Tasks to start with, oldest first (copied).
    settings
        Settings to start with; defaults when ``None``.
    """

    def __init__(self, tasks: Iterable[Task] = (), settings: Settings | None = None) -> None:
        self._lock = threading.RLock()
        self._tasks: dict[str, Task] = {t.id: t.model_copy(deep=True) for t in tasks}
        self._settings = (settings or Settings()).model_copy(deep=True)
        self._warnings: builtins.list[str] = []

    def _commit(self, tasks: dict[str, Task], settings: Settings) -> None:
        """Persist the next state; called before it replaces the current one. Nothing here."""

    def _replace_state(self, tasks: dict[str, Task], settings: Settings) -> None:
        self._commit(tasks, settings)
        self._tasks, self._settings = tasks, settings

    @property
    def warnings(self) -> builtins.list[str]:
        return builtins.list(self._warnings)

    def list(self) -> builtins.list[Task]:
        with self._lock:
            newest_added_first = reversed(builtins.list(self._tasks.values()))
            ordered = sorted(newest_added_first, key=_created_sort_key, reverse=True)
            return [t.model_copy(deep=True) for t in ordered]

    def get(self, task_id: str) -> Task:
        with self._lock:
            if task_id not in self._tasks:
                raise task_not_found(task_id)
            return self._tasks[task_id].model_copy(deep=True)

    def add(self, task: Task) -> Task:
        stored = Task.model_validate(task.model_dump())
        with self._lock:
            if stored.id in self._tasks:
                raise ValueError(f"A task with id {stored.id} is already stored.")
            self._replace_state({**self._tasks, stored.id: stored}, self._settings)
            return stored.model_copy(deep=True)

    def update(self, task_id: str, **changes: Any) -> Task:
        _reject_unknown(Task, changes)
        with self._lock:
            current = self.get(task_id)
            if changes.get("id", task_id) != task_id:
                raise ValueError("The id of a task cannot change.")
            merged = Task.model_validate({**current.model_dump(), **changes})
            stored = merged.model_copy(deep=True)  # drop references to the caller's objects
            self._replace_state({**self._tasks, task_id: stored}, self._settings)
            return stored.model_copy(deep=True)

    def delete(self, task_id: str) -> None:
        with self._lock:
            if task_id not in self._tasks:
                raise task_not_found(task_id)
            remaining = {k: v for k, v in self._tasks.items() if k != task_id}
            self._replace_state(remaining, self._settings)

    def get_settings(self) -> Settings:
        with self._lock:
            return self._settings.model_copy(deep=True)

    def update_settings(self, **changes: Any) -> Settings:
        _reject_unknown(Settings, changes)
        with self._lock:
            merged = Settings.model_validate({**self._settings.model_dump(), **changes})
            self._replace_state(self._tasks, merged)
            return merged.model_copy(deep=True)
