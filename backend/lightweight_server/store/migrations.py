"""Upgrades of the ``tasks.json`` layout, one pure function per version step.

``MIGRATIONS[v - 1]`` turns a version ``v`` file into a version ``v + 1`` file, so
``CURRENT_VERSION == len(MIGRATIONS) + 1``. To change the layout: append a function here, and
add a hand-written old file to the tests. Migrations never change the dict they are given.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

Migration = Callable[[dict[str, Any]], dict[str, Any]]


class UnreadableVersion(ValueError):
    """The file has no usable ``version``, or its layout does not fit that version."""


class FutureVersion(ValueError):
    """The file was written by a newer Dipper than this one."""

    def __init__(self, version: int) -> None:
        super().__init__(f"file version {version} is newer than {CURRENT_VERSION}")
        self.version = version


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v1 → v2: tasks gain ``attempt`` and ``run_in_parallel``; ``prefs`` becomes ``settings``."""
    tasks = data.get("tasks", [])
    if not isinstance(tasks, list):
        raise UnreadableVersion("'tasks' is not a list")
    upgraded = [
        {"attempt": 1, "run_in_parallel": False, **t} if isinstance(t, dict) else t for t in tasks
    ]
    out = {k: v for k, v in data.items() if k != "prefs"}
    out.update(version=2, tasks=upgraded, settings=data.get("prefs", {}))
    return copy.deepcopy(out)


MIGRATIONS: list[Migration] = [_v1_to_v2]
CURRENT_VERSION = len(MIGRATIONS) + 1


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a loaded ``tasks.json`` up to :data:`CURRENT_VERSION`.

    Parameters
    ----------
    data
        The parsed file; it is not changed.

    Returns
    -------
    dict
        A new dict with ``"version": CURRENT_VERSION``.

    Raises
    ------
    UnreadableVersion
        When ``version`` is missing, not a positive integer, or a step cannot read the layout.
    FutureVersion
        When ``version`` is newer than :data:`CURRENT_VERSION`.
    """
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise UnreadableVersion(f"'version' is {version!r}, not a positive whole number")
    if version > CURRENT_VERSION:
        raise FutureVersion(version)
    out = copy.deepcopy(data)
    for step in MIGRATIONS[version - 1 :]:
        out = step(out)
    return out
