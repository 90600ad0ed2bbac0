"""Noise-overlaid copies of the training positives for the shallow model (never cached).

With a background-noise folder, every training window that is a positive of some class gets one
copy mixed with random background noise (:func:`.noise_overlay.overlay_noise`), embedded with
BirdNET on the fly and added to the training set with the original's labels. Validation windows
are never augmented. The copies are drawn with the config's seed, so a run is repeatable.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from backend.common.training_config import TrainingConfig
from backend.scripts.training.noise_overlay import noise_clips, overlay_noise
from backend.scripts.training.window_embedder import WindowEmbedder, read_windows


def noise_copies(
    config: TrainingConfig,
    embedder: WindowEmbedder,
    windows: pd.DataFrame,
    labels: np.ndarray,
    log: Callable[[str], None],
) -> tuple[np.ndarray, np.ndarray]:
    """Embeddings and labels of noise-overlaid copies of the positive ``windows``.

    Recordings that cannot be read now are skipped (and logged).
    """
    assert config.background_noise_dir is not None
    clips = noise_clips(Path(config.background_noise_dir), embedder.window_s)
    positive = (np.nan_to_num(labels, nan=0.0) == 1).any(axis=1)
    rng = np.random.default_rng(config.seed)
    parts: list[np.ndarray] = []
    kept: list[np.ndarray] = []
    chosen = windows[positive].assign(row=np.flatnonzero(positive))
    for file, group in chosen.groupby("file", sort=True):
        try:
            raw = read_windows(str(file), [float(s) for s in group["start_s"]])
        except Exception as exc:  # unreadable now: no copies of its windows
            log(f"Noise overlay: skipped {file} ({type(exc).__name__}: {exc})")
            continue
        parts.append(overlay_noise(raw, clips, rng))
        kept.append(group["row"].to_numpy())
    if not parts:
        return np.zeros((0, 0), dtype=np.float32), labels[:0]
    rows = np.concatenate(kept)
    x = embedder.embed_windows(np.concatenate(parts))
    n_files = clips.index.get_level_values(0).nunique()
    log(
        f"Noise overlay: added {len(rows)} noise-overlaid copies of training positives "
        f"(noise from {n_files} recording(s) in {config.background_noise_dir})"
    )
    return x, labels[rows]
