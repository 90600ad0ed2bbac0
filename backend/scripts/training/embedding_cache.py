"""Embeddings of labelled windows, kept on disk so that re-training takes seconds.

One ``<key>.npz`` per (recording, embedding model, window length) in the cache folder, where
``key = sha1(abs path | size | mtime_ns | model | window_s)``: editing or replacing a recording
changes its key, so stale embeddings are never used. A file holds ``starts_s`` (float64, rounded
to ms), ``embeddings`` (float32, ``(n, size)``) and ``source`` (the recording's path). Only the
windows a job needs are embedded; new windows are merged into the file, which is rewritten
atomically (temp file + ``os.replace``), so a crash never leaves a half-written cache file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

EmbedFn = Callable[[str, list[float]], np.ndarray]


def cache_key(file: str, model: str, window_s: float) -> str:
    """The cache file stem of ``file`` for ``model`` windows of ``window_s`` seconds."""
    stat = Path(file).stat()
    text = f"{Path(file).resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{model}|{window_s:g}"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class CacheStats:
    """How many windows came from the cache (hits) and were embedded now (misses)."""

    hits: int = 0
    misses: int = 0


class EmbeddingCache:
    """The on-disk embedding cache of one embedding model.

    Parameters
    ----------
    folder
        Cache folder (created when needed).
    model
        Embedding model name, e.g. ``"BirdNET"``.
    window_s
        Window length of the model, in seconds.
    """

    def __init__(self, folder: Path, model: str, window_s: float) -> None:
        self.folder = Path(folder)
        self.model = model
        self.window_s = window_s

    def path_for(self, file: str) -> Path:
        """The cache file of ``file``."""
        return self.folder / f"{cache_key(file, self.model, self.window_s)}.npz"

    def load(self, file: str) -> dict[float, np.ndarray]:
        """Cached embeddings of ``file`` by start time (empty when none or unreadable)."""
        path = self.path_for(file)
        if not path.is_file():
            return {}
        try:
            with np.load(path) as data:
                starts, values = data["starts_s"], data["embeddings"]
        except (OSError, ValueError, KeyError):  # a damaged cache file is only a cache miss
            return {}
        return {round(float(s), 3): values[i] for i, s in enumerate(starts)}

    def store(self, file: str, embeddings: dict[float, np.ndarray]) -> None:
        """Write every embedding of ``file`` (replaces its cache file atomically)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        starts = sorted(embeddings)
        values = np.stack([np.asarray(embeddings[s], dtype=np.float32) for s in starts])
        path = self.path_for(file)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{path.stem}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, starts_s=np.asarray(starts), embeddings=values, source=str(file))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    def embeddings_for(
        self,
        windows: pd.DataFrame,
        embed: EmbedFn,
        on_file: Callable[[int, int, CacheStats], None] | None = None,
    ) -> tuple[np.ndarray, np.ndarray, CacheStats, dict[str, str]]:
        """Embeddings of ``windows`` (columns ``file``, ``start_s``), from the cache or ``embed``.

        Parameters
        ----------
        windows
            One row per window.
        embed
            ``embed(file, starts_s)`` → ``(len(starts_s), size)`` embeddings of those windows.
        on_file
            ``on_file(done_files, total_files, stats)`` after each recording.

        Returns
        -------
        tuple
            ``(X, ok, stats, failed)``: ``X`` float32 ``(len(windows), size)`` (zeros where not
            ok), ``ok`` a boolean mask of the windows that have an embedding, the hit/miss counts
            and ``{file: reason}`` for recordings that could not be embedded.
        """
        stats = CacheStats()
        failed: dict[str, str] = {}
        found: dict[tuple[str, float], np.ndarray] = {}
        groups = list(windows.groupby("file", sort=True)["start_s"])
        for done, (file, starts_series) in enumerate(groups, start=1):
            starts = sorted({round(float(s), 3) for s in starts_series})
            cached = self.load(str(file))
            needed = [s for s in starts if s not in cached]
            stats.hits += len(starts) - len(needed)
            if needed:
                try:
                    values = embed(str(file), needed)
                except Exception as exc:  # an unreadable recording is skipped and listed
                    failed[str(file)] = f"{type(exc).__name__}: {exc}"
                    values = None
                if values is not None:
                    stats.misses += len(needed)
                    cached.update({s: values[i] for i, s in enumerate(needed)})
                    self.store(str(file), cached)
            for s in starts:
                if s in cached:
                    found[(str(file), s)] = cached[s]
            if on_file is not None:
                on_file(done, len(groups), stats)
        size = next(iter(found.values())).shape[0] if found else 0
        x = np.zeros((len(windows), size), dtype=np.float32)
        ok = np.zeros(len(windows), dtype=bool)
        for i, (file, start) in enumerate(zip(windows["file"], windows["start_s"], strict=True)):
            value = found.get((str(file), round(float(start), 3)))
            if value is not None:
                x[i], ok[i] = value, True
        return x, ok, stats, failed
