"""Background-noise overlay (``background_noise_dir``, ``augment_noise_overlay``).

A clip is mixed with a random clip of the noise recordings: ``clip × (1 − w) + noise × w`` with
the weight ``w`` drawn uniformly from ``OVERLAY_WEIGHT_RANGE`` for each clip, i.e. a random
signal-to-noise ratio; noise adds no class. Noise recordings are cut into consecutive clips of the
model's length (a shorter recording is one clip, looped).

- CNN: every training clip, each time it is drawn, through OpenSoundscape's ``Overlay`` action
  (:func:`noise_overlay_action`);
- shallow model: one noise-overlaid copy of each training positive, embedded on the fly and never
  cached (:func:`overlay_noise` on BirdNET's 48 kHz windows).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from backend.common.configs import AUDIO_EXTENSIONS

OVERLAY_WEIGHT_RANGE = (0.1, 0.5)


class NoiseFolderError(ValueError):
    """The background-noise folder is missing or holds no readable recording."""


def noise_clips(folder: Path, clip_duration_s: float) -> pd.DataFrame:
    """A ``(file, start_time, end_time)`` table of the noise clips in ``folder`` (recursive).

    Raises
    ------
    NoiseFolderError
        When the folder does not exist or holds no readable audio file.
    """
    import soundfile

    if not folder.is_dir():
        raise NoiseFolderError(
            f"The background-noise folder {folder} does not exist: choose a folder of noise "
            "recordings or clear the field."
        )
    rows = []
    for file in sorted(p for p in folder.rglob("*") if p.suffix.lower() in AUDIO_EXTENSIONS):
        try:
            info = soundfile.info(str(file))
        except Exception:  # an unreadable noise file is only left out
            continue
        duration_s = info.frames / float(info.samplerate) if info.samplerate else 0.0
        if duration_s <= 0:
            continue
        count = max(1, math.floor(duration_s / clip_duration_s + 1e-9))
        rows += [(str(file), k * clip_duration_s, (k + 1) * clip_duration_s) for k in range(count)]
    if not rows:
        raise NoiseFolderError(
            f"The background-noise folder {folder} holds no readable recording "
            f"({', '.join(AUDIO_EXTENSIONS)}): add noise recordings or clear the field."
        )
    return pd.DataFrame(rows, columns=["file", "start_time", "end_time"]).set_index(
        ["file", "start_time", "end_time"]
    )


def noise_overlay_action(clips: pd.DataFrame, clip_duration_s: float) -> Any:
    """OpenSoundscape's ``Overlay`` action drawing from ``clips`` at a random weight."""
    from opensoundscape.preprocess.overlay import Overlay

    return Overlay(
        overlay_samples=clips,
        break_on_key="overlay",
        update_labels=False,
        overlay_weight=list(OVERLAY_WEIGHT_RANGE),
        sample_duration=clip_duration_s,
    )


def read_noise_clip(file: str, start_s: float, end_s: float) -> np.ndarray:
    """One noise clip as a BirdNET window (mono, 48 kHz, 3 s), looped when shorter."""
    import soundfile

    from backend.scripts.birdnet_fast import to_window

    with soundfile.SoundFile(file) as audio:
        sr = audio.samplerate
        audio.seek(min(int(start_s * sr), max(0, audio.frames - 1)))
        samples = audio.read(frames=int((end_s - start_s) * sr), dtype="float64", always_2d=True)
    if len(samples) == 0:
        raise ValueError(f"the noise recording {file} is empty")
    needed = int((end_s - start_s) * sr)
    if len(samples) < needed:
        samples = np.resize(samples, (needed, samples.shape[1]))  # loop a short recording
    return np.asarray(to_window(samples, sr), dtype=np.float32)


def overlay_noise(windows: np.ndarray, clips: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """``windows`` ``(n, samples)``, each mixed with a random noise clip at a random weight."""
    keys = list(clips.index)
    low, high = OVERLAY_WEIGHT_RANGE
    mixed = np.empty_like(windows)
    for i, window in enumerate(windows):
        file, start_s, end_s = keys[int(rng.integers(len(keys)))]
        noise = read_noise_clip(str(file), float(start_s), float(end_s))
        weight = float(rng.uniform(low, high))
        mixed[i] = window * (1.0 - weight) + noise[: len(window)] * weight
    return mixed
