"""The loop view's read of an active-learning loop folder: its rounds and learning curve.

The record is written by training jobs (``backend.common.loop_record``); the server only reads it.
"""

from __future__ import annotations

from typing import Any

from backend.common.loop_record import LOOP_FILE, learning_curve, read_loop
from backend.lightweight_server.errors import DipperError, InvalidRequest
from backend.lightweight_server.services.path_guard import PathGuard


class LoopFileInvalid(DipperError):
    """The loop folder's ``dipper_loop.json`` cannot be read (code ``loop_file_invalid``)."""

    status = 422

    @property
    def code(self) -> str:
        return "loop_file_invalid"


def describe_loop(guard: PathGuard, raw_dir: str) -> dict[str, Any]:
    """The loop record of a folder plus its learning curve.

    A folder without a record yet (or not created yet) answers with no rounds and
    ``exists: false``, so the view can say "no rounds yet" instead of an error.
    """
    folder = guard.check(raw_dir, "loop folder")
    if folder.exists() and not folder.is_dir():
        raise InvalidRequest(
            f"The loop folder '{folder}' is a file: choose a folder (it holds {LOOP_FILE})."
        )
    path = folder / LOOP_FILE
    try:
        loop = read_loop(folder)
    except ValueError as exc:
        raise LoopFileInvalid(str(exc), {"path": str(path)}) from exc
    except OSError as exc:
        raise LoopFileInvalid(
            f"The loop record {path} cannot be read ({exc.strerror or exc}). "
            "Check that the folder is readable.",
            {"path": str(path)},
        ) from exc
    return {
        "loop_dir": str(folder),
        "path": str(path),
        "exists": path.is_file(),
        "version": loop["version"],
        "rounds": loop["rounds"],
        "warnings": [w for w in loop.get("warnings", []) if isinstance(w, str)],
        "curve": learning_curve(loop),
    }
