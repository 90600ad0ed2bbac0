"""The JSON task store's own promises: persistence, migration, corruption handling, atomicity."""

from __future__ import annotations

import copy
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from backend.lightweight_server.store import (
    CURRENT_VERSION,
    MIGRATIONS,
    JsonTaskStore,
    Progress,
    Settings,
    Task,
    migrate,
    open_task_store,
)
from backend.lightweight_server.store import json_store as json_store_module


def make_task(name: str, **fields: Any) -> Task:
    return Task(kind="inference", name=name, config={"audio_dir": "/rec"}, **fields)


def task_json(name: str, **fields: Any) -> dict[str, Any]:
    return make_task(name, **fields).model_dump(mode="json")


def write(path: Path, data: object) -> bytes:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    path.write_bytes(raw)
    return raw


def siblings(path: Path, label: str) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.{label}-*"))


def test_missing_file_is_an_empty_store_and_folders_are_made_on_first_write(
    tmp_path: Path,
) -> None:
    path = tmp_path / "deep" / "data" / "tasks.json"
    store = JsonTaskStore(path)
    assert (store.list(), store.warnings, path.exists()) == ([], [], False)
    task = store.add(make_task("first"))
    saved = json.loads(path.read_text())
    assert saved["version"] == CURRENT_VERSION == 2
    assert [t["id"] for t in saved["tasks"]] == [task.id]
    assert saved["settings"] == {"parallel_tasks": False}


def test_everything_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "tasks.json"
    store = JsonTaskStore(path)
    a = store.add(make_task("a", created_at="2024-01-01T00:00:00+00:00"))
    b = store.add(make_task("b", created_at="2024-01-01T00:00:00+00:00"))
    gone = store.add(make_task("gone"))
    store.update(a.id, status="running", pid=7, pid_create_time=1.5, progress=Progress(fraction=1))
    store.delete(gone.id)
    store.update_settings(parallel_tasks=True)

    reopened = JsonTaskStore(path)
    assert reopened.list() == store.list()
    assert [t.name for t in reopened.list()] == ["b", "a"]  # tie order kept across reopen
    assert reopened.get(a.id).pid_create_time == 1.5
    assert reopened.get(b.id) == b
    assert reopened.get_settings() == Settings(parallel_tasks=True)
    assert reopened.warnings == []


def test_open_task_store_uses_tasks_json_in_the_data_folder(tmp_path: Path) -> None:
    store = open_task_store(tmp_path)
    store.add(make_task("x"))
    assert store.path == tmp_path / "tasks.json"
    assert (tmp_path / "tasks.json").is_file()


@pytest.mark.parametrize(
    "content",
    [
        b'{"version": 2, "tasks": [',
        b"\xff\xfe not utf-8",
        b"[]",
        b'{"tasks": []}',
        b'{"version": "2", "tasks": []}',
        b'{"version": 2, "tasks": {"a": 1}}',
        b'{"version": 2, "tasks": [], "settings": []}',
        b'{"version": 1, "tasks": 5}',
    ],
    ids=[
        "truncated",
        "binary",
        "list",
        "no-version",
        "text-version",
        "tasks-dict",
        "bad-settings",
        "v1-bad-tasks",
    ],
)
def test_unreadable_file_is_set_aside_and_reported(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "tasks.json"
    write(path, content)
    store = JsonTaskStore(path)

    assert store.list() == []
    [aside] = siblings(path, "corrupt")
    assert aside.read_bytes() == content
    assert not path.exists()
    [warning] = store.warnings
    assert str(aside) in warning and "empty task list" in warning
    store.add(make_task("after"))  # the store works and writes a fresh file
    assert JsonTaskStore(path).warnings == []
    assert aside.read_bytes() == content


def test_set_aside_files_never_overwrite_each_other(tmp_path: Path) -> None:
    path = tmp_path / "tasks.json"
    for content in (b"one", b"two", b"three"):
        write(path, content)
        JsonTaskStore(path)
    assert sorted(p.read_bytes() for p in siblings(path, "corrupt")) == [b"one", b"three", b"two"]


def test_file_from_a_newer_version_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "tasks.json"
    raw = write(path, {"version": CURRENT_VERSION + 1, "tasks": [], "settings": {}})
    store = JsonTaskStore(path)
    [aside] = siblings(path, "corrupt")
    assert aside.read_bytes() == raw
    [warning] = store.warnings
    assert "newer version of Dipper" in warning and f"file version {CURRENT_VERSION + 1}" in warning
    assert str(aside) in warning


def test_single_damaged_task_is_skipped_with_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "tasks.json"
    good1, good2 = task_json("good1"), task_json("good2")
    bad = task_json("bad", status="queued") | {"status": "exploded"}
    raw = write(
        path,
        {
            "version": 2,
            "tasks": [good1, bad, "junk", good2, good1],
            "settings": {"parallel_tasks": True},
        },
    )
    store = JsonTaskStore(path)

    assert sorted(t.name for t in store.list()) == ["good1", "good2"]
    assert store.get_settings().parallel_tasks is True
    [backup] = siblings(path, "bak")
    assert backup.read_bytes() == raw
    [warning] = store.warnings
    assert f"task {bad['id']} (status:" in warning
    assert "task number 3" in warning and "appears twice" in warning
    assert str(backup) in warning
    # The cleaned list was written straight away, so the next start is quiet.
    reopened = JsonTaskStore(path)
    assert reopened.warnings == [] and len(reopened.list()) == 2
    assert siblings(path, "corrupt") == []


def test_damaged_settings_fall_back_to_defaults_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "tasks.json"
    write(path, {"version": 2, "tasks": [task_json("ok")], "settings": {"parallel_tasks": "hm"}})
    store = JsonTaskStore(path)
    assert store.get_settings() == Settings()
    assert [t.name for t in store.list()] == ["ok"]
    assert "settings" in store.warnings[0] and len(siblings(path, "bak")) == 1


V1_FILE: dict[str, Any] = {
    "version": 1,
    "tasks": [
        {
            "id": "a" * 32,
            "kind": "inference",
            "name": "old run",
            "status": "completed",
            "created_at": "2024-03-01T09:00:00+00:00",
            "started_at": "2024-03-01T09:00:05+00:00",
            "ended_at": "2024-03-01T09:10:00+00:00",
            "config": {"model": "BirdNET"},
            "job_dir": "/jobs/inference_20240301-090000_aaaaaa",
            "pid": None,
            "exit_code": 0,
            "error": None,
            "progress": {"fraction": 1.0, "message": "done"},
        }
    ],
    "prefs": {"parallel_tasks": True},
}


def test_v1_file_is_migrated_and_the_original_backed_up(tmp_path: Path) -> None:
    path = tmp_path / "tasks.json"
    raw = write(path, V1_FILE)
    store = JsonTaskStore(path)

    assert store.warnings == []
    task = store.get("a" * 32)
    assert (task.attempt, task.run_in_parallel, task.status) == (1, False, "completed")
    assert task.progress == Progress(fraction=1.0, message="done")
    assert store.get_settings() == Settings(parallel_tasks=True)
    [backup] = siblings(path, "bak")
    assert backup.read_bytes() == raw
    saved = json.loads(path.read_text())
    assert saved["version"] == 2 and "prefs" not in saved
    assert saved["settings"] == {"parallel_tasks": True}
    assert saved["tasks"][0]["attempt"] == 1


def test_migrate_is_pure_and_keeps_newer_fields() -> None:
    v1 = copy.deepcopy(V1_FILE)
    v1["tasks"][0]["attempt"] = 3
    snapshot = copy.deepcopy(v1)
    out = migrate(v1)
    assert v1 == snapshot and "run_in_parallel" not in v1["tasks"][0] and "prefs" in v1
    assert out["tasks"][0]["attempt"] == 3 and out["tasks"][0]["run_in_parallel"] is False
    assert out["version"] == 2 and out["settings"] == {"parallel_tasks": True}
    out["tasks"][0]["config"]["model"] = "changed"
    assert v1["tasks"][0]["config"]["model"] == "BirdNET"
    current: dict[str, Any] = {"version": 2, "tasks": [{"config": {}}], "settings": {}}
    migrated = migrate(current)
    assert migrated == current
    migrated["tasks"][0]["config"]["x"] = 1
    assert current["tasks"][0]["config"] == {}


def test_each_migration_step_is_pure() -> None:
    assert len(MIGRATIONS) + 1 == CURRENT_VERSION
    v1 = copy.deepcopy(V1_FILE)
    out = MIGRATIONS[0](v1)
    assert v1 == V1_FILE
    out["tasks"][0]["progress"]["message"] = "changed"
    assert v1["tasks"][0]["progress"]["message"] == "done"


def test_writes_leave_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "tasks.json"
    store = JsonTaskStore(path)
    task = store.add(make_task("t"))
    for i in range(20):
        store.update(task.id, progress={"fraction": i / 20})
    store.update_settings(parallel_tasks=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tasks.json"]


def test_failed_write_changes_neither_file_nor_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tasks.json"
    store = JsonTaskStore(path)
    task = store.add(make_task("t"))
    before = path.read_bytes()

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError, match="No space"):
        store.update(task.id, status="queued")
    monkeypatch.undo()
    assert store.get(task.id).status == "unstarted"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tasks.json"]


def test_stale_temp_files_from_killed_writers_are_removed(tmp_path: Path) -> None:
    stale, fresh = tmp_path / ".tasks.json.old1.tmp", tmp_path / ".tasks.json.new1.tmp"
    stale.write_text("{partial")
    fresh.write_text("{partial")
    long_ago = time.time() - json_store_module.STALE_TEMP_AGE_S - 60
    os.utime(stale, (long_ago, long_ago))
    store = JsonTaskStore(tmp_path / "tasks.json")
    assert store.warnings == []
    assert not stale.exists() and fresh.exists()
