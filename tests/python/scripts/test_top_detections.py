"""Top windows per class across chunks (the W&B table)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from backend.scripts.top_detections import TopDetections


def frame(rows: list[tuple[str, float, float]], values: list[list[float]]) -> pd.DataFrame:
    index = pd.MultiIndex.from_tuples(rows, names=["file", "start_time", "end_time"])
    return pd.DataFrame(np.array(values, np.float32), index=index, columns=["a", "b"])


def test_top_k_per_class_across_chunks_ignores_missing_scores() -> None:
    top = TopDetections(k=2)
    top.add(frame([("f1", 0, 3), ("f1", 3, 6)], [[0.1, np.nan], [0.9, np.nan]]))
    top.add(frame([("f2", 0, 3), ("f2", 3, 6)], [[0.5, 2.0], [0.95, np.nan]]))
    sparse = frame([("f3", 0, 3)], [[np.nan, 1.5]]).astype(pd.SparseDtype(np.float32, np.nan))
    top.add(sparse)

    rows = top.rows()

    # class b has the best score so comes first; only 2 real scores exist for it
    assert [r[0] for r in rows] == ["b", "b", "a", "a"]
    assert [(r[1], r[3], r[4]) for r in rows[:2]] == [(1, "f2", 0.0), (2, "f3", 0.0)]
    assert [(r[3], r[4]) for r in rows[2:]] == [("f2", 3.0), ("f1", 3.0)]
    assert math.isclose(rows[2][2], 0.95, rel_tol=1e-6)
    assert top.rows(max_classes=1) == rows[:2]


def test_no_frames_give_no_rows() -> None:
    assert TopDetections(3).rows() == []
