"""Audio clips around the chosen windows, written once each under ``OUT/clips/``.

A clip of total length ``D`` is centred on its window (5 s around 10–13 s → 9–14 s). Near the file
edges the clip is shifted to stay inside the file (a window at 0–3 s with D = 5 gives 0–5 s); only
a file shorter than ``D`` gives a clip padded with silence at its end (the recording starts the
clip). Times in the annotation task are then relative to the clip. Only the clip's frames are
read (``soundfile`` seek + read). A recording that cannot be read is reported with the reason and
its windows are left out; the other clips are still written.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class ClipPlan:
    """Where one window's clip comes from and goes to."""

    source: Path
    clip_start_s: float
    relative_path: str  # "clips/<name>.wav"


def clip_start(start_s: float, end_s: float, duration_s: float, file_duration_s: float) -> float:
    """Start of a ``duration_s`` clip centred on ``start_s..end_s``, shifted into the file.

    Examples
    --------
    >>> clip_start(10, 13, 5, 60)
    9.0
    >>> clip_start(0, 3, 5, 60), clip_start(57, 60, 5, 60), clip_start(0, 3, 5, 4)
    (0.0, 55.0, 0.0)
    """
    begin = (start_s + end_s) / 2.0 - duration_s / 2.0
    if file_duration_s <= duration_s:
        return 0.0
    return float(min(max(begin, 0.0), file_duration_s - duration_s))


def clip_name(source: Path, start_s: float) -> str:
    """``<stem>_<8 hex of the full path>_<start ms>ms.wav``: stable and unique per source."""
    stem = _UNSAFE.sub("_", source.stem)[:60]
    tag = f"{zlib.crc32(str(source).encode()) & 0xFFFFFFFF:08x}"
    return f"{stem}_{tag}_{int(round(start_s * 1000))}ms.wav"


def resolve_audio(file: str, audio_root: str | None) -> Path:
    """The recording a ``file`` value names (relative values resolve against ``audio_root``)."""
    path = Path(file)
    if path.is_absolute() or audio_root is None:
        return path
    return Path(audio_root) / path


def write_clips(
    windows: list[tuple[str, float, float]],
    audio_root: str | None,
    duration_s: float,
    staging_dir: Path,
    on_clip: Callable[[int, int], None] | None = None,
) -> tuple[dict[tuple[str, float, float], ClipPlan], dict[str, str]]:
    """Write the clip of every window into ``staging_dir``.

    Parameters
    ----------
    windows
        Distinct ``(file, start_s, end_s)`` as in the predictions.
    audio_root
        Folder relative ``file`` values resolve against.
    duration_s
        Total clip length in seconds.
    staging_dir
        Temporary folder; the caller moves its files to ``OUT/clips/`` when all outputs are ready.
    on_clip
        Optional ``callback(done, total)``.

    Returns
    -------
    (plans, failed)
        ``{window: ClipPlan}`` for the clips written and ``{recording: reason}`` for the
        recordings that could not be read (their windows have no plan).
    """
    import soundfile as sf

    staging_dir.mkdir(parents=True, exist_ok=True)
    by_file: dict[str, list[tuple[str, float, float]]] = {}
    for window in windows:
        by_file.setdefault(window[0], []).append(window)
    plans: dict[tuple[str, float, float], ClipPlan] = {}
    failed: dict[str, str] = {}
    done = 0
    for file, group in sorted(by_file.items()):
        source = resolve_audio(file, audio_root)
        done_before = done
        try:
            if not source.is_absolute():
                raise OSError("relative path and no audio root: set the audio root folder")
            with sf.SoundFile(str(source)) as audio:
                rate = audio.samplerate
                total_s = audio.frames / rate
                subtype = audio.subtype if sf.check_format("WAV", audio.subtype) else "PCM_16"
                for window in group:
                    start = clip_start(window[1], window[2], duration_s, total_s)
                    name = clip_name(source, start)
                    target = staging_dir / name
                    if not target.exists():
                        _write_one(audio, target, start, duration_s, rate, subtype)
                    plans[window] = ClipPlan(source, start, f"clips/{name}")
                    done += 1
                    if on_clip is not None:
                        on_clip(done, len(windows))
        except (OSError, RuntimeError, ValueError) as exc:  # sf.LibsndfileError is a RuntimeError
            failed[str(source)] = str(exc) or type(exc).__name__
            for window in group:
                plans.pop(window, None)
            done = done_before + len(group)
            if on_clip is not None:
                on_clip(done, len(windows))
    return plans, failed


def _write_one(audio, target: Path, start_s: float, duration_s: float, rate: int, subtype: str):
    import soundfile as sf

    frames = int(round(duration_s * rate))
    audio.seek(int(round(start_s * rate)))
    data = audio.read(frames, dtype="float32", always_2d=True)
    if len(data) < frames:
        data = np.concatenate([data, np.zeros((frames - len(data), data.shape[1]), np.float32)])
    tmp = target.with_name(f".{target.name}.partial")
    sf.write(str(tmp), data, rate, subtype=subtype, format="WAV")
    os.replace(tmp, target)
