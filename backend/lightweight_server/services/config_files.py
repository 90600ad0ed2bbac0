"""Save and load form configs to files the user chooses (always atomic, always inside the roots)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from backend.common.job_protocol import write_json_atomic
from backend.lightweight_server.errors import InvalidConfig, InvalidRequest, PathNotFound
from backend.lightweight_server.services.path_guard import PathGuard

MAX_CONFIG_BYTES = 2 * 1024 * 1024


def save_config(guard: PathGuard, raw_path: str, config: dict[str, Any]) -> Path:
    """Write ``config`` as JSON to ``raw_path`` (a ``.json`` suffix is added when missing)."""
    if not isinstance(config, dict):
        raise InvalidRequest("The config to save must be a JSON object.")
    path = guard.check(raw_path, "config file path")
    if path.suffix.lower() != ".json":
        path = path.with_name(path.name + ".json")
    if path.is_dir():
        raise InvalidRequest(f"'{path}' is a folder: type a file name such as my_config.json.")
    if not path.parent.is_dir():
        raise PathNotFound(f"The folder '{path.parent}' does not exist. Choose an existing folder.")
    write_json_atomic(path, config)
    return path


def load_config(guard: PathGuard, raw_path: str) -> tuple[Path, dict[str, Any]]:
    """Read a JSON config file; explain clearly when it is missing or not a config."""
    path = guard.check(raw_path, "config file path")
    if not path.is_file():
        raise PathNotFound(f"No config file at '{path}'. Check the path and try again.")
    if path.stat().st_size > MAX_CONFIG_BYTES:
        raise InvalidConfig(f"'{path.name}' is too large to be a Dipper config file.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidConfig(
            f"'{path.name}' is not valid JSON ({exc}). Choose a config saved by Dipper."
        ) from exc
    if not isinstance(data, dict):
        raise InvalidConfig(f"'{path.name}' does not hold a config object.")
    return path, data
