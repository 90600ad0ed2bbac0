"""Fixtures for the task-store tests: the same contract runs on every implementation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.lightweight_server.store import InMemoryTaskStore, JsonTaskStore, TaskStore


@pytest.fixture(params=["memory", "json"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TaskStore]:
    """An empty store of each kind."""
    if request.param == "memory":
        yield InMemoryTaskStore()
    else:
        yield JsonTaskStore(tmp_path / "tasks.json")
