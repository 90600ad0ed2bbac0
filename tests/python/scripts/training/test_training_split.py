"""Validation holds out whole recordings: no recording has windows on both sides; unusable windows
(unreadable recordings) are left out of both sides."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from backend.common.training_config import TrainingConfig
from backend.scripts.training.job_data import LabelledData, hold_out
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


def test_hold_out_drops_unusable_windows_on_both_sides(tmp_path: Path) -> None:
    config = TrainingConfig.model_validate(
        {"folder_labels_dir": str(tmp_path), "output_dir": str(tmp_path), "seed": 3}
    )
    windows = pd.DataFrame({"file": [f"r{i}.wav" for i in range(6)], "start_s": 0.0, "end_s": 3.0})
    labels = np.array([[1.0], [0.0], [1.0], [0.0], [1.0], [0.0]])
    ok = np.array([True, True, True, True, False, True])
    data = LabelledData(["owl"], pd.DataFrame(), windows, labels)
    split = hold_out(config, data, ok, None)
    assert "r4.wav" not in set(split.train_windows["file"]) | set(split.val_windows["file"])
    assert len(split.train_windows) + len(split.val_windows) == 5
    assert split.val_mask is not None and split.val_mask.sum() == len(split.val_windows)
    assert not set(split.train_windows["file"]) & set(split.val_windows["file"])
    # with an evaluation set: all usable training windows train, unusable evaluation ones go
    data.val_windows = windows.iloc[:2].assign(file=["e0.wav", "e1.wav"])
    data.val_labels = np.array([[1.0], [0.0]])
    split = hold_out(config, data, ok, np.array([True, False]))
    assert len(split.train_windows) == 5 and split.val_mask is None
    assert split.val_windows["file"].tolist() == ["e0.wav"] and split.y_val.tolist() == [[1.0]]


def test_clips_cut_from_one_recording_stay_on_one_side(tmp_path: Path) -> None:
    """Extraction's clip exports name each clip's recording in ``source_file``: the split groups by
    it, so no recording has clips in both training and validation."""
    from backend.common.training_config import AnnotationFile
    from backend.scripts.training.label_readers import read_annotation_file
    from backend.scripts.training.labels import label_matrix

    lines = ["file,start_time,end_time,annotation,source_file,source_start_time,source_end_time"]
    for rec in range(8):
        for clip in range(4):
            verdict = "yes" if rec % 2 else "no"
            source = f"site/rec_{rec}.wav"
            span = f"{clip * 3},{clip * 3 + 3}"
            lines.append(f"clips/r{rec}_c{clip}.wav,0,3,{verdict},{source},{span}")
    csv = tmp_path / "owl_annotation_task_1.csv"
    csv.write_text("\n".join(lines) + "\n")
    rows = read_annotation_file(AnnotationFile(path=str(csv), class_name="owl"), ["owl"])
    windows, labels = label_matrix(rows, ["owl"])
    assert len(windows) == 32 and windows["recording"].nunique() == 8
    assert windows["recording"].iloc[0] == "source:site/rec_0.wav"
    for seed in range(4):
        val = split_by_recording(windows, labels, 0.25, seed)
        held, kept = set(windows["recording"][val]), set(windows["recording"][~val])
        assert held and not held & kept
        assert val.sum() == 4 * len(held)  # every clip of a held-out recording
