"""The CNN's clip table, the readable-recording check, the noise clips and their mixing, and the
loop round, without torch (these modules only need numpy, pandas and soundfile)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import soundfile

from backend.common.training_config import TrainingConfig
from backend.scripts.training.cnn_data import (
    clip_bounds,
    clip_table,
    clip_windows,
    unreadable_recordings,
)
from backend.scripts.training.loop_round import audio_roots, recordings_dirs, round_record
from backend.scripts.training.noise_overlay import NoiseFolderError, noise_clips, overlay_noise


def write_noise(path: Path, seconds: float, sr: int = 16000) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    soundfile.write(path, 0.1 * rng.standard_normal(int(seconds * sr)), sr)
    return path


def test_clips_are_centred_on_the_label_windows() -> None:
    starts, ends = clip_bounds(np.array([0.0, 3.0, 10.0]), 5.0)
    # windows 0–3, 3–6, 10–13 have centres 1.5, 4.5, 11.5; 5 s clips clamp at 0 s
    assert starts.tolist() == [0.0, 2.0, 9.0] and ends.tolist() == [5.0, 7.0, 14.0]
    starts, ends = clip_bounds(np.array([6.0]), 1.0)
    assert starts.tolist() == [7.0] and ends.tolist() == [8.0]


def test_clip_table_is_one_hot_with_unlabelled_cells_kept_as_nan() -> None:
    windows = pd.DataFrame({"file": ["/a.wav", "/b.wav"], "start_s": [0.0, 3.0], "end_s": [3, 6]})
    labels = np.array([[1.0, np.nan], [0.0, 1.0]])
    table = clip_table(windows, labels, ["owl", "jay"], 3.0)
    assert list(table.index.names) == ["file", "start_time", "end_time"]
    assert table.index.tolist() == [("/a.wav", 0.0, 3.0), ("/b.wav", 3.0, 6.0)]
    assert table["owl"].tolist() == [1.0, 0.0] and np.isnan(table["jay"].iloc[0])
    back = clip_windows(table)
    assert back.to_dict("list") == {
        "file": ["/a.wav", "/b.wav"],
        "start_s": [0, 3],
        "end_s": [3, 6],
    }


def test_unreadable_recordings_are_listed_with_the_reason(tmp_path: Path) -> None:
    good = write_noise(tmp_path / "good.wav", 1.0)
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"not audio at all")
    failed = unreadable_recordings([str(good), str(bad), str(tmp_path / "missing.wav")])
    assert sorted(failed) == [str(bad), str(tmp_path / "missing.wav")]
    assert all(reason for reason in failed.values())


def test_noise_recordings_are_cut_into_clips_of_the_cnn_length(tmp_path: Path) -> None:
    write_noise(tmp_path / "noise" / "rain.wav", 7.0)
    write_noise(tmp_path / "noise" / "sub" / "wind.flac", 2.0)
    (tmp_path / "noise" / "notes.txt").write_text("not audio")
    (tmp_path / "noise" / "broken.wav").write_bytes(b"broken")
    clips = noise_clips(tmp_path / "noise", 3.0)
    assert [(Path(f).name, s, e) for f, s, e in clips.index] == [
        ("rain.wav", 0.0, 3.0),
        ("rain.wav", 3.0, 6.0),
        ("wind.flac", 0.0, 3.0),  # shorter than a clip: one clip (looped when mixed)
    ]


def test_a_missing_or_empty_noise_folder_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(NoiseFolderError, match="does not exist: choose a folder"):
        noise_clips(tmp_path / "nowhere", 3.0)
    (tmp_path / "empty").mkdir()
    with pytest.raises(NoiseFolderError, match="holds no readable recording"):
        noise_clips(tmp_path / "empty", 3.0)


def test_the_loop_round_records_labels_model_and_held_out_ap(tmp_path: Path) -> None:
    config = TrainingConfig.model_validate(
        {
            "annotation_files": [
                {"path": str(tmp_path / "review" / "owl.csv"), "class_name": "owl"},
                {"path": str(tmp_path / "t.csv"), "audio_root": str(tmp_path / "clips")},
            ],
            "raven_tables": [
                {"path": str(tmp_path / "r.txt"), "audio_file": str(tmp_path / "site" / "a.wav")}
            ],
            "output_dir": str(tmp_path),
            "loop_dir": str(tmp_path / "loop"),
        }
    )
    assert audio_roots(config) == [
        str(tmp_path / "review"),
        str(tmp_path / "clips"),
        str(tmp_path / "site"),
    ]
    metrics = {
        "mean_average_precision": 0.75,
        "classes": {"owl": {"average_precision": 0.75}, "jay": {"average_precision": None}},
    }
    summary = {"n_labelled_windows": 40, "label_counts": {"owl": {"positive": 4, "negative": 6}}}
    record = round_record(
        config,
        tmp_path / "job",
        tmp_path / "job" / "model.dipper.pt",
        ["owl", "jay"],
        summary,
        metrics,
    )
    assert record["n_labels"] == 40 and record["evaluation"] == "split"
    assert record["average_precision"] == {"owl": 0.75, "jay": None}
    assert record["model_type"] == "shallow" and record["classes"] == ["owl", "jay"]
    assert record["model_file"] == str(tmp_path / "job" / "model.dipper.pt")
    assert record["annotation_files"] == [
        str(tmp_path / "review" / "owl.csv"),
        str(tmp_path / "t.csv"),
    ]
    assert record["recordings_dirs"] == []


def test_the_round_finds_the_recordings_its_tasks_were_drawn_from(tmp_path: Path) -> None:
    """Extraction's config next to a task names the predictions folder; that inference job's
    config names the recordings (else the extraction's audio root); broken files are skipped."""
    review, other = tmp_path / "review", tmp_path / "other"
    inference = tmp_path / "jobs" / "inference_1"
    for folder in (review, other, inference):
        folder.mkdir(parents=True)
    (inference / "config.json").write_text(json.dumps({"audio_dir": "/data/site_a"}))
    (review / "extraction_config_1.json").write_text(
        json.dumps({"predictions_dir": str(inference), "audio_root": "/ignored"})
    )
    (review / "extraction_config_2.json").write_text("{not json")
    (other / "extraction_config_1.json").write_text(
        json.dumps({"predictions_dir": str(tmp_path / "gone"), "audio_root": "/data/site_b"})
    )
    config = TrainingConfig.model_validate(
        {
            "annotation_files": [
                {"path": str(review / "owl.csv"), "class_name": "owl"},
                {"path": str(review / "jay.csv"), "class_name": "jay"},
                {"path": str(other / "t.csv")},
            ],
            "output_dir": str(tmp_path),
        }
    )
    assert recordings_dirs(config) == ["/data/site_a", "/data/site_b"]


def test_noise_overlay_mixes_each_window_with_a_random_weight(tmp_path: Path) -> None:
    sr = 48000
    soundfile.write(tmp_path / "hum.wav", np.full(sr, 0.5), sr)  # 1 s of a constant: looped
    clips = noise_clips(tmp_path, 3.0)
    assert len(clips) == 1
    windows = np.ones((4, 3 * sr), dtype=np.float32)
    mixed = overlay_noise(windows, clips, np.random.default_rng(0))
    weights = 2.0 * (1.0 - mixed[:, 0])  # 1 × (1 − w) + 0.5 × w = 1 − w / 2
    assert ((weights >= 0.1 - 1e-6) & (weights <= 0.5 + 1e-6)).all()
    assert len(set(np.round(weights, 6))) == 4  # a new weight for every window
    assert np.allclose(mixed, mixed[:, :1], atol=1e-3)  # the looped hum covers all 3 s
    again = overlay_noise(windows, clips, np.random.default_rng(0))
    assert np.array_equal(mixed, again)  # seeded: repeatable


def test_loader_workers_default_to_the_spare_cores_up_to_four() -> None:
    from backend.scripts.training.cnn_train import resolve_num_workers

    assert [resolve_num_workers(None, cores) for cores in (1, 2, 3, 8, 64)] == [0, 1, 2, 4, 4]
    assert resolve_num_workers(0, 16) == 0 and resolve_num_workers(6, 2) == 6  # asked for
    base = {
        "annotation_files": [{"path": "/data/a.csv", "class_name": "owl"}],
        "output_dir": "/tmp/out",
        "model_type": "cnn",
    }
    assert TrainingConfig.model_validate(base).num_workers is None
    with pytest.raises(ValueError, match="num_workers"):
        TrainingConfig.model_validate({**base, "num_workers": -1})
