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

from backend.common.configs import InferenceConfig
from backend.common.job_protocol import Reporter, read_exit_record
from backend.scripts import inference
from backend.scripts.inference import (
    PredictionWriter,
    apply_activation,
    chunk_files,
    list_audio_files,
)

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


def test_list_audio_files_is_recursive_sorted_case_insensitive_and_skips_hidden(
    tmp_path: Path,
) -> None:
    for rel in ["b/2.WAV", "a/1.wav", "a/._1.wav", ".hidden/3.wav", "c/4.flac", "c/5.txt", "0.wav"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")

    found = list_audio_files(tmp_path, [".wav", ".flac"])

    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "0.wav",
        "a/1.wav",
        "b/2.WAV",
        "c/4.flac",
    ]


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


def test_prediction_writer_appends_chunks_and_renames_at_the_end(tmp_path: Path) -> None:
    writer = PredictionWriter(tmp_path / "predictions.csv")
    writer.append(scores_frame())
    assert not (tmp_path / "predictions.csv").exists()  # only the .partial until finished
    writer.append(scores_frame().rename(index={"/a.wav": "/b.wav"}))

    path = writer.finish()

    text = path.read_text(encoding="utf-8").splitlines()
    assert text[0] == "file,start_time,end_time,x,y,z"
    assert text[1] == "/a.wav,0.0,3.0,0,2,-2"
    assert len(text) == 5
    assert not (tmp_path / "predictions.csv.partial").exists()


class FakeModel:
    """Behaves like opensoundscape's ``predict`` at its edge: windows of 3 s, NaN rows for files
    that fail to load, and an exception when the *first* file fails."""

    classes = ("bird", "frog")

    def predict(self, files: list[str], **kwargs: object) -> tuple[pd.DataFrame, pd.DataFrame]:
        import soundfile

        rows, invalid = [], []
        for i, f in enumerate(files):
            try:
                duration = soundfile.info(f).duration
            except Exception as exc:
                if i == 0:
                    raise ValueError("The first sample requested failed to load") from exc
                invalid.append((f, np.nan, np.nan))
                rows.append(((f, np.nan, np.nan), [np.nan, np.nan]))
                continue
            for k in range(int(np.ceil(duration / 3))):
                rows.append(((f, 3.0 * k, 3.0 * k + 3), [float(k), -1.0]))
        names = ["file", "start_time", "end_time"]
        index = pd.MultiIndex.from_tuples([r[0] for r in rows], names=names)
        scores = pd.DataFrame([r[1] for r in rows], index=index, columns=list(self.classes))
        return scores, pd.DataFrame(index=pd.MultiIndex.from_tuples(invalid, names=names))


def write_wav(path: Path, seconds: float) -> None:
    import soundfile

    path.parent.mkdir(parents=True, exist_ok=True)
    soundfile.write(str(path), np.zeros(int(8000 * seconds)), 8000)


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

    predictions = inference.run_inference(config, Reporter(emit=lines.append, min_interval_s=0))

    frame = pd.read_csv(predictions)
    assert frame["file"].map(lambda f: Path(f).name).tolist() == ["1_ok.wav"] * 3 + ["2_ok.wav"]
    assert frame["bird"].round(4).tolist() == [0.5, 0.7311, 0.8808, 0.5]
    failed = pd.read_csv(tmp_path / "job" / "failed_files.csv")
    assert failed["file"].map(lambda f: Path(f).name).tolist() == ["0_corrupt.wav", "3_corrupt.wav"]
    assert failed["reason"].str.startswith("not a readable audio file").all()
    assert lines[-1].startswith("Predicted 2 files")
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
