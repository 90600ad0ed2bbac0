"""The task-store interface that services use, whatever keeps the tasks.

Two implementations share it and one contract test suite: :class:`InMemoryTaskStore` (tests and
throw-away servers) and :class:`JsonTaskStore` (the per-user ``tasks.json``).
"""

from __future__ import annotations

import builtins
from abc import ABC, abstractmethod
from typing import Any

from backend.lightweight_server.errors import TaskNotFound

from .models import Settings, Task


def task_not_found(task_id: str) -> TaskNotFound:
    """The error for an unknown task id, worded for the user."""
    return TaskNotFound(
        f"No task with id {task_id}. It may have been deleted; refresh the task list.",
        {"task_id": task_id},
    )


class TaskStore(ABC):
    """Keeps tasks and settings. Everything returned is a copy: changing it changes nothing here."""

    @property
    @abstractmethod
    def warnings(self) -> builtins.list[str]:
        """Plain-words messages for the user, e.g. that a damaged file was set aside."""

    @abstractmethod
    def list(self) -> builtins.list[Task]:
        """All tasks, newest ``created_at`` first (ties: the one added last first)."""

    @abstractmethod
    def get(self, task_id: str) -> Task:
        """The task with this id.

        Raises
        ------
        TaskNotFound
            When no task has this id.
        """

    @abstractmethod
    def add(self, task: Task) -> Task:
        """Store a new task and return a copy of it.

        Raises
        ------
        ValueError
            When a task with the same id is already stored.
        """

    @abstractmethod
    def update(self, task_id: str, **changes: Any) -> Task:
        """Change fields of a task and return the new copy.

        Parameters
        ----------
        task_id
            The task to change.
        **changes
            Field names of :class:`Task` and their new values; ``progress`` takes a
            :class:`Progress` or a dict of its fields (the whole progress is replaced).

        Raises
        ------
        TaskNotFound
            When no task has this id.
        pydantic.ValidationError
            When the changed task is not valid (e.g. an unknown status); nothing is stored.
        ValueError
            When ``changes`` names an unknown field or tries to change the id.
        """

    @abstractmethod
    def delete(self, task_id: str) -> None:
        """Forget a task (its job folder is not touched).

        Raises
        ------
        TaskNotFound
            When no task has this id.
        """

    @abstractmethod
    def get_settings(self) -> Settings:
        """The user's settings."""

    @abstractmethod
    def update_settings(self, **changes: Any) -> Settings:
        """Change settings and return the new copy.

        Raises
        ------
        pydantic.ValidationError
            When a value is not valid; nothing is stored.
        ValueError
            When ``changes`` names an unknown setting.
        """
