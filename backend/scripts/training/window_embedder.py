"""Embed chosen windows of a recording with BirdNET (the fast XNNPACK embedder).

A window starting at ``start_s`` is read and resampled exactly as inference reads its windows
(:func:`backend.scripts.birdnet_fast.to_window`: mono, 48 kHz, 3 s, zero-padded past the end), so
a trained head sees the same inputs at training and inference time.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from backend.scripts.birdnet_fast import CLIP_DURATION, to_window

BATCH_WINDOWS = 32


class WindowEmbedder:
    """``embed(file, starts_s)`` → ``(len(starts_s), 1024)`` BirdNET embeddings."""

    window_s = float(CLIP_DURATION)
    model_name = "BirdNET"

    def __init__(self) -> None:
        self._embedder: Any = None

    def _model(self) -> Any:
        if self._embedder is None:  # loaded on first use: a fully cached run never loads it
            from backend.scripts.birdnet_embed import BirdNETEmbedder
            from backend.scripts.inference_model import birdnet_files

            tflite_path, label_path = birdnet_files()
            threads = max(1, os.cpu_count() or 1)
            self._embedder = BirdNETEmbedder(tflite_path, label_path, num_threads=threads)
        return self._embedder

    def __call__(self, file: str, starts_s: list[float]) -> np.ndarray:
        """Embeddings of the windows of ``file`` starting at ``starts_s``."""
        return self.embed_windows(read_windows(file, starts_s))

    def embed_windows(self, windows: np.ndarray) -> np.ndarray:
        """Embeddings ``(n, 1024)`` of ``(n, 144000)`` windows (48 kHz, 3 s)."""
        model = self._model()
        parts = [
            model.infer(np.asarray(windows[i : i + BATCH_WINDOWS]))
            for i in range(0, len(windows), BATCH_WINDOWS)
        ]
        return np.concatenate(parts).astype(np.float32)


def read_windows(file: str, starts_s: list[float]) -> np.ndarray:
    """The 3 s windows of ``file`` starting at ``starts_s``, as BirdNET reads them."""
    import soundfile

    windows = []
    with soundfile.SoundFile(file) as audio:
        sr = audio.samplerate
        frames = int(CLIP_DURATION * sr)
        for start in starts_s:
            first = int(start * sr)
            if first >= audio.frames:
                raise ValueError(f"a window starts at {start} s, after the end of the file")
            audio.seek(first)
            samples = audio.read(frames=frames, dtype="float64", always_2d=True)
            windows.append(to_window(samples, sr))
    return np.stack(windows)
