"""The per-user task store: ``<data>/tasks.json``, versioned, written atomically, never fatal.

The file is read once when the store opens; after that the store serves its in-memory copy and
rewrites the whole file (temp file + fsync + ``os.replace``) on every change, before the change
takes effect. A file that cannot be read is moved aside (never deleted) and reported through
``warnings``. Damaged single tasks are skipped, and an old-version file is migrated; in both cases
the original is first copied to a backup and the file is rewritten at once.
"""

from __future__ import annotations

import json
import shutil
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from backend.common.job_protocol import write_json_atomic
from backend.lightweight_server.errors import StoreError

from .memory_store import InMemoryTaskStore
from .migrations import CURRENT_VERSION, FutureVersion, UnreadableVersion, migrate
from .models import Settings, Task

STALE_TEMP_AGE_S = 600.0
"""Temp files left by a killed writer are removed once this old (a live write takes far less)."""


def _free_sibling(path: Path, label: str) -> Path:
    """``<name>.<label>-<YYYYmmdd-HHMMSS>`` next to ``path``, with ``-N`` added if taken."""
    stem = f"{path.name}.{label}-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
    candidate, n = path.with_name(stem), 1
    while candidate.exists():
        candidate, n = path.with_name(f"{stem}-{n}"), n + 1
    return candidate


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "task"
    return f"{where}: {err['msg']}"


class JsonTaskStore(InMemoryTaskStore):
    """Tasks and settings kept in one JSON file.

    Parameters
    ----------
    path
        The file, usually ``<data>/tasks.json``. It and its folders are created on the first
        change; a missing file is an empty store.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)
        self._backup: Path | None = None
        self._remove_stale_temp_files()
        data = self._read_current_layout()
        if data is not None:
            self._load_records(data)
        if self._backup is not None:
            try:
                self._commit(self._tasks, self._settings)
            except OSError as exc:
                raise StoreError(f"Could not rewrite the task list {self.path}: {exc}") from exc

    def _commit(self, tasks: dict[str, Task], settings: Settings) -> None:
        write_json_atomic(
            self.path,
            {
                "version": CURRENT_VERSION,
                "tasks": [t.model_dump(mode="json") for t in tasks.values()],
                "settings": settings.model_dump(mode="json"),
            },
        )

    def _read_current_layout(self) -> dict[str, Any] | None:
        """The file migrated to the current layout, or ``None`` (missing, or set aside)."""
        try:
            text = self.path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"Could not read the task list {self.path}: {exc}") from exc
        except UnicodeDecodeError as exc:
            self._set_aside(f"it is not text ({exc.reason})")
            return None
        try:
            raw = json.loads(text)
            if not isinstance(raw, dict):
                raise UnreadableVersion("the file does not hold a JSON object")
            data = migrate(raw)
            if not isinstance(data.get("tasks"), list):
                raise UnreadableVersion("'tasks' is not a list")
            if not isinstance(data.get("settings", {}), dict):
                raise UnreadableVersion("'settings' is not an object")
        except FutureVersion as exc:
            self._set_aside(
                f"it was written by a newer version of Dipper (file version {exc.version}; "
                f"this version reads up to {CURRENT_VERSION})"
            )
            return None
        except ValueError as exc:  # JSONDecodeError and UnreadableVersion are ValueErrors
            self._set_aside(f"it is damaged ({exc})")
            return None
        if raw.get("version") != CURRENT_VERSION:
            self._back_up()  # an older Dipper can still read the copy
        return data

    def _load_records(self, data: dict[str, Any]) -> None:
        problems: list[str] = []
        for index, raw_task in enumerate(data["tasks"]):
            label = raw_task.get("id") if isinstance(raw_task, dict) else None
            label = f"task {label}" if isinstance(label, str) else f"task number {index + 1}"
            try:
                task = Task.model_validate(raw_task)
            except ValidationError as exc:
                problems.append(f"{label} ({_first_error(exc)})")
                continue
            if task.id in self._tasks:
                problems.append(f"{label} (the same id appears twice)")
                continue
            self._tasks[task.id] = task
        try:
            self._settings = Settings.model_validate(data.get("settings", {}))
        except ValidationError as exc:
            problems.append(f"the settings ({_first_error(exc)}; defaults are used)")
        if problems:
            backup = self._back_up()
            self._warnings.append(
                f"Some entries in the task list {self.path} were damaged and were left out: "
                f"{'; '.join(problems)}. The original file was copied to {backup}."
            )

    def _set_aside(self, reason: str) -> None:
        aside = _free_sibling(self.path, "corrupt")
        try:
            self.path.replace(aside)
        except OSError as exc:  # carrying on would overwrite the file
            raise StoreError(
                f"The task list {self.path} is unreadable and could not be moved "
                f"aside ({exc}); move it away by hand."
            ) from exc
        self._warnings.append(
            f"The task list {self.path} could not be read because {reason}. It was moved to "
            f"{aside} and Dipper started with an empty task list. Job folders were not touched."
        )

    def _back_up(self) -> Path:
        """Copy the file as read to ``tasks.json.bak-<time>`` (once per opening)."""
        if self._backup is None:
            backup = _free_sibling(self.path, "bak")
            try:
                shutil.copy2(self.path, backup)
            except OSError as exc:
                raise StoreError(f"Could not back up the task list {self.path}: {exc}") from exc
            self._backup = backup
        return self._backup

    def _remove_stale_temp_files(self) -> None:
        if not self.path.parent.is_dir():
            return
        cutoff = time.time() - STALE_TEMP_AGE_S
        for tmp in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            try:
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
            except OSError:
                pass  # another process removed or replaced it first
