"""Validation holds out whole recordings: no recording has windows on both sides."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from backend.scripts.training.split import SplitError, split_by_recording


def test_no_recording_is_on_both_sides_and_both_kinds_are_held_out() -> None:
    rng = np.random.default_rng(0)
    files = [f"rec_{i}.wav" for i in range(20) for _ in range(int(rng.integers(1, 8)))]
    windows = pd.DataFrame({"file": files, "start_s": np.arange(len(files)) * 3.0})
    positive = np.array([int(f.split("_")[1].split(".")[0]) % 2 for f in files], dtype=float)
    labels = np.stack([positive, 1 - positive], axis=1)
    for seed in range(5):
        val = split_by_recording(windows, labels, 0.3, seed)
        assert not set(windows["file"][val]) & set(windows["file"][~val])
        held = set(windows["file"][val])
        assert len(held) == 6  # round(0.3 × 10) from each of the two kinds of recording
        assert labels[val, 0].any() and labels[val, 1].any()
    assert (
        split_by_recording(windows, labels, 0.25, 1) == split_by_recording(windows, labels, 0.25, 1)
    ).all()


def test_a_single_recording_cannot_be_split() -> None:
    windows = pd.DataFrame({"file": ["a.wav", "a.wav"], "start_s": [0.0, 3.0]})
    with pytest.raises(SplitError, match="single recording"):
        split_by_recording(windows, np.array([[1.0], [0.0]]), 0.2, 0)
