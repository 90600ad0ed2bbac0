"""The highest-scoring windows of each class, gathered chunk by chunk (for the W&B table).

Only ``k`` candidates per class are kept between chunks, so memory does not grow with the number
of recordings. Missing scores (NaN, e.g. below a sparse floor) are never detections.
"""

from __future__ import annotations

from typing import Any


class TopDetections:
    """Running top-``k`` windows per class over score frames indexed ``(file, start, end)``.

    Parameters
    ----------
    k
        Windows kept per class.
    """

    def __init__(self, k: int) -> None:
        self.k = k
        self._classes: list[str] | None = None
        self._scores: Any = None  # (m, classes) float32, best candidates so far
        self._keys: Any = None  # (m, classes) object: (file, start_time, end_time)

    def add(self, frame: Any) -> None:
        """Take the candidates of one score frame (dense or sparse columns)."""
        import numpy as np

        if frame is None or len(frame) == 0:
            return
        if any(hasattr(dtype, "subtype") for dtype in frame.dtypes):  # pandas SparseDtype
            frame = frame.sparse.to_dense()
        classes = [str(c) for c in frame.columns]
        if self._classes is None:
            self._classes = classes
        elif classes != self._classes:
            frame = frame.reindex(columns=self._classes)
        values = frame.to_numpy(dtype=np.float32, na_value=np.nan)
        keys = np.empty(len(frame), dtype=object)
        keys[:] = list(frame.index)
        scores, picked = self._best(values)
        chunk_keys = keys[picked]
        if self._scores is None:
            self._scores, self._keys = scores, chunk_keys
            return
        merged = np.concatenate([self._scores, scores])
        merged_keys = np.concatenate([self._keys, chunk_keys])
        self._scores, rows = self._best(merged)
        self._keys = np.take_along_axis(merged_keys, rows, axis=0)

    def _best(self, values: Any) -> tuple[Any, Any]:
        """Top-``k`` scores per column (NaN last) and their row numbers, each ``(k', classes)``."""
        import numpy as np

        ranked = np.where(np.isnan(values), -np.inf, values)
        k = min(self.k, len(values))
        rows = np.argsort(-ranked, axis=0, kind="stable")[:k]
        return np.take_along_axis(values, rows, axis=0), rows

    def rows(self, max_classes: int | None = None) -> list[list[Any]]:
        """``[class, rank, score, file, start_time, end_time]`` rows, best classes first.

        Classes are ordered by their best score; ``max_classes`` keeps only the first ones.
        """
        import numpy as np

        if self._scores is None or self._classes is None:
            return []
        best = np.where(np.isnan(self._scores), -np.inf, self._scores).max(axis=0)
        order = [int(i) for i in np.argsort(-best, kind="stable") if np.isfinite(best[i])]
        out: list[list[Any]] = []
        for col in order[:max_classes]:
            for rank in range(self._scores.shape[0]):
                score = float(self._scores[rank, col])
                if np.isnan(score):
                    continue
                file, start, end = self._keys[rank, col]
                out.append(
                    [self._classes[col], rank + 1, score, str(file), float(start), float(end)]
                )
        return out
