"""BirdNET embeddings of prediction windows for the diversity and hybrid strategies.

Windows are looked up in the embedding cache that training fills and inference with a Dipper
classifier fills (:class:`~backend.scripts.training.embedding_cache.EmbeddingCache`: one ``.npz``
per recording, 3 s BirdNET windows by start time); only the misses are embedded
(:class:`~backend.scripts.training.window_embedder.WindowEmbedder`, BirdNET loaded on first use)
and stored back, so the next run finds them. A recording that is missing or cannot be decoded is
reported in :attr:`CandidateEmbeddings.failed` and its windows get no embedding; it never stops
the job.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from backend.common.extraction_config import ExtractionConfig
from backend.common.paths import data_dir
from backend.scripts.extraction.labelled import normalised_path
from backend.scripts.training.embedding_cache import CacheStats, EmbeddingCache, EmbedFn

ProgressFn = Callable[[int, int, CacheStats], None]


class CandidateEmbeddings:
    """``embeddings(files, starts_s)`` → ``(X, ok)`` from the cache, embedding only the misses.

    Parameters
    ----------
    cache
        The embedding cache (its model and window length must be the embedder's).
    embed
        ``embed(file, starts_s)`` for the windows not in the cache.
    audio_root
        Folder relative ``file`` values resolve against.
    on_file
        ``on_file(done, total, stats)`` after each recording.
    """

    def __init__(
        self,
        cache: EmbeddingCache,
        embed: EmbedFn,
        audio_root: str | None,
        on_file: ProgressFn | None = None,
    ) -> None:
        self.cache = cache
        self.embed = embed
        self.audio_root = audio_root
        self.on_file = on_file
        self.stats = CacheStats()
        self.failed: dict[str, str] = {}

    def __call__(self, files: np.ndarray, starts_s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Embeddings of the windows ``(files[i], starts_s[i])``.

        Returns
        -------
        tuple
            ``(X, ok)``: float32 ``(n, size)`` (zeros where not ok) and a boolean mask of the
            windows that have an embedding.
        """
        paths = np.array([normalised_path(str(f), self.audio_root) for f in files], dtype=object)
        readable = np.ones(len(paths), dtype=bool)
        for path in dict.fromkeys(paths.tolist()):
            if not Path(path).is_file():
                self.failed.setdefault(path, "file not found")
                readable[paths == path] = False
        windows = pd.DataFrame(
            {"file": paths[readable], "start_s": np.round(np.asarray(starts_s)[readable], 3)}
        )
        if not len(windows):
            return np.zeros((len(paths), 0), np.float32), readable
        x, ok, stats, failed = self.cache.embeddings_for(windows, self.embed, self.on_file)
        self.stats.hits += stats.hits
        self.stats.misses += stats.misses
        self.failed.update(failed)
        out = np.zeros((len(paths), x.shape[1]), dtype=np.float32)
        out[readable] = x
        found = np.zeros(len(paths), dtype=bool)
        found[readable] = ok
        return out, found


def open_candidate_embeddings(
    config: ExtractionConfig, on_file: ProgressFn | None = None
) -> CandidateEmbeddings:
    """The cache of ``config`` (default ``<data folder>/embedding_cache``) with BirdNET 2.4."""
    from backend.scripts.training.window_embedder import WindowEmbedder

    embedder = WindowEmbedder()
    folder = Path(config.embedding_cache_dir or data_dir() / "embedding_cache")
    cache = EmbeddingCache(folder, embedder.model_name, embedder.window_s)
    return CandidateEmbeddings(cache, embedder, config.audio_root, on_file)
