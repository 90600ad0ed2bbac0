"""Inference pieces that need no torch: config checks before torch, file listing, activations."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from fake_models import CountingModel, FakeModel, make_tree, run_with, write_wav

from backend.common.configs import InferenceConfig
from backend.common.job_protocol import Reporter, read_exit_record
from backend.scripts import inference
from backend.scripts.inference import apply_activation, chunk_files

REPO_ROOT = Path(__file__).resolve().parents[3]


def run_light(config: dict, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run the inference entry point with the light interpreter (which has no torch)."""
    config_path = tmp_path / "cfg.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "backend.scripts.inference", "--config", str(config_path)],
        cwd=REPO_ROOT,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_bad_config_is_rejected_before_torch_is_needed(tmp_path: Path) -> None:
    job_dir = tmp_path / "job"
    config = {
        "audio_dir": "relative/folder",
        "output_dir": str(tmp_path),
        "activation": "tanh",
        "job_dir": str(job_dir),
    }

    result = run_light(config, tmp_path)

    assert result.returncode == 2
    assert "field 'audio_dir': Value error, must be an absolute folder path" in result.stderr
    assert "field 'activation'" in result.stderr
    assert "No module named" not in result.stderr
    record = read_exit_record(job_dir)
    assert record is not None and record["exit_code"] == 2


def test_folder_without_audio_fails_with_a_clear_message(tmp_path: Path) -> None:
    audio = tmp_path / "audio"
    (audio / "sub").mkdir(parents=True)
    (audio / "sub" / "x.wav").write_bytes(b"")
    job_dir = tmp_path / "job"
    config = {
        "audio_dir": str(audio),
        "output_dir": str(tmp_path),
        "extensions": ["flac", ".MP3"],
        "job_dir": str(job_dir),
    }

    result = run_light(config, tmp_path)

    assert result.returncode == 1
    record = read_exit_record(job_dir)
    assert record is not None
    assert record["error"] == f"No audio files with extensions .flac, .mp3 under {audio}."


def test_chunks_are_bounded_by_count_and_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = []
    for i in range(10):
        path = tmp_path / f"{i}.wav"
        path.write_bytes(b"x" * (300 if i == 4 else 10))
        files.append(path)
    monkeypatch.setattr(inference, "CHUNK_MAX_FILES", 3)
    monkeypatch.setattr(inference, "CHUNK_MAX_BYTES", 250)

    chunks = [[p.name for p in chunk] for chunk in chunk_files(files)]

    assert chunks == [
        ["0.wav", "1.wav", "2.wav"],
        ["3.wav", "4.wav"],
        ["5.wav", "6.wav", "7.wav"],
        ["8.wav", "9.wav"],
    ]


def scores_frame() -> pd.DataFrame:
    index = pd.MultiIndex.from_tuples(
        [("/a.wav", 0.0, 3.0), ("/a.wav", 3.0, 6.0)], names=["file", "start_time", "end_time"]
    )
    return pd.DataFrame([[0.0, 2.0, -2.0], [10.0, 0.0, 0.0]], index=index, columns=["x", "y", "z"])


def test_activations() -> None:
    scores = scores_frame()

    assert apply_activation(scores, "logits") is scores
    sigmoid = apply_activation(scores, "sigmoid")
    np.testing.assert_allclose(sigmoid.iloc[0], [0.5, 0.880797, 0.119203], rtol=1e-5)
    softmax = apply_activation(scores, "softmax")
    np.testing.assert_allclose(softmax.sum(axis=1), [1.0, 1.0], rtol=1e-6)
    assert softmax.iloc[1]["x"] > 0.99
    assert list(softmax.index) == list(scores.index)


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inference, "load_model", lambda name, reporter: FakeModel())


def test_run_inference_skips_unreadable_files_even_first_in_a_chunk(
    tmp_path: Path, fake_model: None
) -> None:
    audio = tmp_path / "audio"
    (audio / "a").mkdir(parents=True)
    (audio / "a" / "0_corrupt.wav").write_bytes(os.urandom(2000))
    write_wav(audio / "a" / "1_ok.wav", 7.0)
    write_wav(audio / "b" / "2_ok.wav", 2.0)
    (audio / "b" / "3_corrupt.wav").write_bytes(os.urandom(2000))
    config = InferenceConfig(
        audio_dir=str(audio),
        output_dir=str(tmp_path),
        job_dir=str(tmp_path / "job"),
        activation="sigmoid",
    )
    lines: list[str] = []

    outputs = inference.run_inference(config, Reporter(emit=lines.append, min_interval_s=0))

    assert outputs == [tmp_path / "job" / "predictions.csv"]
    frame = pd.read_csv(outputs[0])
    assert frame["file"].map(lambda f: Path(f).name).tolist() == ["1_ok.wav"] * 3 + ["2_ok.wav"]
    assert frame["bird"].round(4).tolist() == [0.5, 0.7311, 0.8808, 0.5]
    failed = pd.read_csv(tmp_path / "job" / "failed_files.csv")
    assert failed["file"].map(lambda f: Path(f).name).tolist() == ["0_corrupt.wav", "3_corrupt.wav"]
    assert failed["reason"].str.startswith("not a readable audio file").all()
    assert any(line.startswith("Predicted 2 files") for line in lines)
    assert lines[-1].startswith("Wrote predictions.csv for 2 files")
    assert not (tmp_path / "job" / ".chunks").exists()
    assert "[100.0%] Inference: 4/4 files, 0.00 h audio" in lines


def test_run_inference_gives_up_when_every_file_fails(tmp_path: Path, fake_model: None) -> None:
    audio = tmp_path / "audio"
    audio.mkdir()
    for i in range(25):
        (audio / f"{i:02d}.wav").write_bytes(os.urandom(500))
    config = InferenceConfig(
        audio_dir=str(audio), output_dir=str(tmp_path), job_dir=str(tmp_path / "job")
    )

    with pytest.raises(RuntimeError, match="The first 25 audio files all failed"):
        inference.run_inference(config, Reporter(emit=lambda line: None))
    assert len(pd.read_csv(tmp_path / "job" / "failed_files.csv")) == 25
    assert not (tmp_path / "job" / "predictions.csv").exists()
    assert not (tmp_path / "job" / "predictions.csv.partial").exists()


def test_sparse_output_drops_scores_below_the_floor_and_loads_with_pandas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tree(tmp_path / "audio")
    job = tmp_path / "job"

    run_with(
        FakeModel(),
        monkeypatch,
        audio_dir=str(tmp_path / "audio"),
        output_dir=str(tmp_path),
        job_dir=str(job),
        sparse_save_threshold=0.5,
    )

    assert sorted(p.name for p in job.iterdir()) == ["sparse_predictions.pkl"]
    frame = pd.read_pickle(job / "sparse_predictions.pkl")
    assert list(frame.index.names) == ["file", "start_time", "end_time"]
    assert list(frame.columns) == ["bird", "frog"]
    assert all(isinstance(dtype, pd.SparseDtype) for dtype in frame.dtypes)
    assert len(frame) == 2 + 3 + 1 + 1  # every window is kept, detections or not
    dense = frame.sparse.to_dense()
    assert dense["frog"].isna().all()  # -1 < 0.5 everywhere
    one = dense.xs(str(tmp_path / "audio" / "site_a" / "1.wav"), level="file")["bird"]
    assert one.isna().tolist() == [True, False, False]  # scores 0, 1, 2 with floor 0.5
    assert one.iloc[1:].tolist() == [1.0, 2.0]


def test_split_by_subfolder_writes_one_output_per_folder_named_by_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tree(tmp_path / "audio")
    job = tmp_path / "job"

    run_with(
        FakeModel(),
        monkeypatch,
        audio_dir=str(tmp_path / "audio"),
        output_dir=str(tmp_path),
        job_dir=str(job),
        split_by_subfolder=True,
    )

    names = sorted(p.name for p in job.iterdir())
    assert names == [
        "predictions.csv",
        "predictions__site_a.csv",
        "predictions__site_a__day 2.csv",
        "predictions__site_b.csv",
    ]
    site_a = pd.read_csv(job / "predictions__site_a.csv")
    assert site_a["file"].tolist() == [str(tmp_path / "audio" / "site_a" / "1.wav")] * 3
    assert pd.read_csv(job / "predictions.csv")["file"].map(lambda f: Path(f).name).tolist() == [
        "0_root.wav",
        "0_root.wav",
    ]


def test_subset_classes_keep_columns_and_unknown_names_fail_with_close_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tree(tmp_path / "audio")
    base = {"audio_dir": str(tmp_path / "audio"), "output_dir": str(tmp_path)}
    (tmp_path / "classes.txt").write_text("# wanted\nfrog\n\n", encoding="utf-8")

    run_with(
        FakeModel(),
        monkeypatch,
        **base,
        job_dir=str(tmp_path / "a"),
        subset_classes_file=str(tmp_path / "classes.txt"),
    )
    assert list(pd.read_csv(tmp_path / "a" / "predictions.csv").columns) == [
        "file",
        "start_time",
        "end_time",
        "frog",
    ]
    with pytest.raises(ValueError, match=r"'brid' \(did you mean bird\?\)"):
        run_with(
            FakeModel(), monkeypatch, **base, job_dir=str(tmp_path / "b"), subset_classes=["brid"]
        )


def test_test_mode_runs_on_n_random_files_reproducibly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tree(tmp_path / "audio")
    chosen = []
    for run in ("a", "b"):
        model = CountingModel()
        lines = run_with(
            model,
            monkeypatch,
            audio_dir=str(tmp_path / "audio"),
            output_dir=str(tmp_path),
            job_dir=str(tmp_path / run),
            test_mode_files=2,
            seed=7,
        )
        chosen.append(sorted(model.predicted))
        wanted = "Test mode: 2 files chosen at random (seed 7)"
        assert any(line.startswith(wanted) for line in lines)
    assert len(chosen[0]) == 2
    assert chosen[0] == chosen[1]
