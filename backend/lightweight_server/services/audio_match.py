"""The "how many recordings match?" preview of the inference form's audio sources.

Runs the same selection as the inference script (:mod:`backend.common.audio_selection`), after
checking every user-supplied path (folder, picked files, each glob's fixed folder, the list file
and each path it names) against the server's allowed roots.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from backend.common.audio_selection import glob_fixed_prefix, read_list_file, select_audio_files
from backend.common.configs import AudioSource
from backend.lightweight_server.services.path_guard import PathGuard

MAX_MATCHED_FILES = 200_000
SAMPLE_SIZE = 10


def guard_audio_source(guard: PathGuard, source: AudioSource) -> AudioSource:
    """``source`` with its paths resolved; raises ``PathNotAllowed`` for one outside the roots."""
    updates: dict[str, Any] = {}
    if source.audio_dir:
        updates["audio_dir"] = str(guard.check(source.audio_dir, "audio folder"))
    updates["audio_files"] = [str(guard.check(p, "audio file")) for p in source.audio_files]
    for pattern in source.audio_globs:
        guard.check(glob_fixed_prefix(pattern), f"folder of the pattern {pattern}")
    if source.audio_list_file:
        list_file = guard.check(source.audio_list_file, "list file")
        updates["audio_list_file"] = str(list_file)
        listed, _ = read_list_file(list_file)
        for path in listed:
            guard.check(path, f"file named in {list_file.name}")
    return source.model_copy(update=updates)


def match_audio(guard: PathGuard, source: AudioSource) -> dict[str, Any]:
    """``{"count", "total_bytes", "sample", "truncated", "problems"}`` for the form's preview.

    Blocking (walks folders): call it in a worker thread. Counting stops after
    ``MAX_MATCHED_FILES`` files (``truncated`` is then true).
    """
    checked = guard_audio_source(guard, source)
    result = select_audio_files(checked, max_files=MAX_MATCHED_FILES)
    total_bytes = 0
    for path in result.files:
        try:
            total_bytes += os.stat(path).st_size
        except OSError:
            pass  # a missing picked file is already reported as a problem
    return {
        "count": len(result.files),
        "total_bytes": total_bytes,
        "sample": [str(Path(p)) for p in result.files[:SAMPLE_SIZE]],
        "truncated": result.truncated,
        "problems": result.problems,
    }
