"""One behaviour contract, run on the in-memory and the JSON task store alike."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from backend.lightweight_server.errors import TaskNotFound
from backend.lightweight_server.store import Progress, Settings, Task, TaskStore


def make_task(name: str = "BirdNET on demo", **fields: Any) -> Task:
    return Task(kind="inference", name=name, config={"audio_dir": "/a", "batch_size": 1}, **fields)


def test_new_store_is_empty_with_default_settings(store: TaskStore) -> None:
    assert store.list() == []
    assert store.get_settings() == Settings(parallel_tasks=False)
    assert store.warnings == []


def test_add_then_get_returns_the_same_task(store: TaskStore) -> None:
    task = make_task()
    added = store.add(task)
    assert added == task
    got = store.get(task.id)
    assert got == task
    assert (got.status, got.attempt, got.run_in_parallel, got.progress) == (
        "unstarted",
        1,
        False,
        Progress(),
    )
    assert len(got.id) == 32 and int(got.id, 16) >= 0


def test_add_twice_with_the_same_id_is_refused(store: TaskStore) -> None:
    task = store.add(make_task("first"))
    with pytest.raises(ValueError, match=task.id):
        store.add(make_task("second", id=task.id))
    assert [t.name for t in store.list()] == ["first"]


def test_list_is_newest_created_first(store: TaskStore) -> None:
    store.add(make_task("middle", created_at="2024-05-02T10:00:00+00:00"))
    store.add(make_task("oldest", created_at="2024-05-01T10:00:00+00:00"))
    store.add(make_task("newest", created_at="2024-05-03T10:00:00+00:00"))
    # Same second as "middle" but added later: ties put the one added last first.
    store.add(make_task("middle-later", created_at="2024-05-02T10:00:00+00:00"))
    assert [t.name for t in store.list()] == ["newest", "middle-later", "middle", "oldest"]


def test_update_changes_only_the_given_fields(store: TaskStore) -> None:
    task = store.add(make_task())
    updated = store.update(
        task.id,
        status="running",
        pid=4242,
        progress={"fraction": 0.5, "message": "3/6 files"},
    )
    assert updated.status == "running"
    assert updated.pid == 4242
    assert updated.progress == Progress(fraction=0.5, message="3/6 files")
    assert updated.config == task.config and updated.name == task.name
    assert store.get(task.id) == updated


def test_update_with_a_bad_status_raises_and_stores_nothing(store: TaskStore) -> None:
    task = store.add(make_task())
    with pytest.raises(ValidationError, match="status"):
        store.update(task.id, status="exploded", pid=1)
    with pytest.raises(ValidationError):
        store.update(task.id, progress={"fraction": 1.5})
    assert store.get(task.id) == task


def test_update_rejects_unknown_fields_and_id_changes(store: TaskStore) -> None:
    task = store.add(make_task())
    with pytest.raises(ValueError, match="stauts"):
        store.update(task.id, stauts="running")
    with pytest.raises(ValueError, match="id"):
        store.update(task.id, id="f" * 32)
    assert store.get(task.id) == task


@pytest.mark.parametrize("action", ["get", "update", "delete"])
def test_unknown_id_raises_task_not_found(store: TaskStore, action: str) -> None:
    store.add(make_task())
    calls = {
        "get": lambda: store.get("nope"),
        "update": lambda: store.update("nope", status="queued"),
        "delete": lambda: store.delete("nope"),
    }
    with pytest.raises(TaskNotFound) as caught:
        calls[action]()
    assert caught.value.status == 404
    assert "No task with id nope" in caught.value.message
    assert "refresh the task list" in caught.value.message
    assert len(store.list()) == 1


def test_delete_removes_only_that_task(store: TaskStore) -> None:
    keep = store.add(make_task("keep"))
    gone = store.add(make_task("gone"))
    assert store.delete(gone.id) is None
    assert [t.id for t in store.list()] == [keep.id]
    with pytest.raises(TaskNotFound):
        store.get(gone.id)


def test_settings_update_and_validation(store: TaskStore) -> None:
    assert store.update_settings(parallel_tasks=True) == Settings(parallel_tasks=True)
    assert store.get_settings().parallel_tasks is True
    with pytest.raises(ValidationError):
        store.update_settings(parallel_tasks="sometimes")
    with pytest.raises(ValueError, match="paralel"):
        store.update_settings(paralel_tasks=False)
    assert store.get_settings().parallel_tasks is True


def test_returned_objects_are_independent_copies(store: TaskStore) -> None:
    original = make_task()
    added = store.add(original)
    original.name = "changed after add"
    original.config["batch_size"] = 99
    added.status = "running"
    store.get(added.id).config["audio_dir"] = "/from get"
    store.list()[0].config["audio_dir"] = "/from list"
    store.get_settings().parallel_tasks = True
    store.warnings.append("fake")
    assert store.get(added.id) == make_task(id=added.id, created_at=added.created_at)
    assert store.get_settings().parallel_tasks is False
    assert store.warnings == []


def test_update_keeps_no_reference_to_the_callers_objects(store: TaskStore) -> None:
    task = store.add(make_task())
    progress, config = Progress(fraction=0.1), {"nested": {"k": 1}}
    updated = store.update(task.id, progress=progress, config=config)
    progress.fraction = 0.9
    config["nested"]["k"] = 2
    updated.progress.message = "changed"
    assert store.get(task.id).progress == Progress(fraction=0.1)
    assert store.get(task.id).config == {"nested": {"k": 1}}
