"""Server-side file browser for browser mode: list folders and files under the allowed roots."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from backend.lightweight_server.errors import InvalidRequest, PathNotFound
from backend.lightweight_server.services.path_guard import PathGuard

MAX_ENTRIES = 5000


def list_folder(
    guard: PathGuard, raw_path: str | None, show_hidden: bool = False
) -> dict[str, Any]:
    """Entries of one folder (folders first, then files, by name); no path → the roots."""
    roots = [str(r) for r in guard.roots]
    if not raw_path:
        root_entries = [{"name": r, "path": r, "is_dir": True, "size": None} for r in roots]
        return {
            "path": None,
            "parent": None,
            "roots": roots,
            "entries": root_entries,
            "truncated": False,
        }
    path = guard.check(raw_path, "folder")
    if not path.exists():
        raise PathNotFound(f"'{path}' does not exist.")
    if not path.is_dir():
        raise InvalidRequest(f"'{path}' is a file, not a folder.")
    entries: list[dict[str, Any]] = []
    try:
        with os.scandir(path) as it:
            for entry in it:
                if not show_hidden and entry.name.startswith("."):
                    continue
                try:
                    is_dir = entry.is_dir()
                    size = None if is_dir else entry.stat().st_size
                except OSError:
                    continue
                entries.append(
                    {
                        "name": entry.name,
                        "path": str(Path(entry.path)),
                        "is_dir": is_dir,
                        "size": size,
                    }
                )
    except PermissionError as exc:
        raise InvalidRequest(f"Dipper may not read '{path}' (permission denied).") from exc
    entries.sort(key=lambda e: (not e["is_dir"], e["name"].lower()))
    truncated = len(entries) > MAX_ENTRIES
    parent = path.parent
    in_roots = any(parent == r or parent.is_relative_to(r) for r in guard.roots)
    return {
        "path": str(path),
        "parent": str(parent) if in_roots and parent != path else None,
        "roots": roots,
        "entries": entries[:MAX_ENTRIES],
        "truncated": truncated,
    }
