"""Inference resumes after a crash without redoing finished files, and reports progress per file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from fake_models import CountingModel, FakeModel, make_tree, run_with, write_wav

from backend.common.configs import InferenceConfig
from backend.common.job_protocol import Reporter
from backend.scripts import inference


def test_a_crashed_job_resumes_without_redoing_finished_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tree(tmp_path / "audio")
    monkeypatch.setenv("DIPPER_INFERENCE_CHUNK_FILES", "1")
    fields = {"audio_dir": str(tmp_path / "audio"), "output_dir": str(tmp_path)}
    run_with(CountingModel(), monkeypatch, **fields, job_dir=str(tmp_path / "whole"))
    job = tmp_path / "resumed"

    with pytest.raises(KeyboardInterrupt):
        run_with(CountingModel(crash_after_calls=2), monkeypatch, **fields, job_dir=str(job))
    ledger = (job / ".chunks" / "done_files.txt").read_text(encoding="utf-8").splitlines()
    assert [Path(f).name for f in ledger] == ["0_root.wav", "1.wav"]
    assert not (job / "predictions.csv").exists()
    second = CountingModel()
    lines = run_with(second, monkeypatch, **fields, job_dir=str(job))

    assert [Path(f).name for f in second.predicted] == ["2.wav", "3.wav"]
    assert "Resuming: 2 files already done, 2 to go" in lines
    pd.testing.assert_frame_equal(
        pd.read_csv(job / "predictions.csv"), pd.read_csv(tmp_path / "whole" / "predictions.csv")
    )
    assert not (job / ".chunks").exists()


def test_resume_drops_a_chunk_whose_files_never_reached_the_ledger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tree(tmp_path / "audio")
    monkeypatch.setenv("DIPPER_INFERENCE_CHUNK_FILES", "1")
    fields = {"audio_dir": str(tmp_path / "audio"), "output_dir": str(tmp_path)}
    job = tmp_path / "job"
    with pytest.raises(KeyboardInterrupt):
        run_with(CountingModel(crash_after_calls=3), monkeypatch, **fields, job_dir=str(job))
    state = job / ".chunks"
    assert sorted(p.name for p in state.glob("chunk_*.pkl")) == [
        "chunk_00001.pkl",
        "chunk_00002.pkl",
        "chunk_00003.pkl",
    ]
    # simulate a kill while chunk 3's ledger line was being written (half a line on disk)
    ledger = (state / "done_files.txt").read_text(encoding="utf-8").splitlines()
    (state / "done_files.txt").write_text("\n".join(ledger[:2]) + "\n" + ledger[2][:5])

    second = CountingModel()
    lines = run_with(second, monkeypatch, **fields, job_dir=str(job))

    assert [Path(f).name for f in second.predicted] == ["2.wav", "3.wav"]
    assert "Resuming: 2 files already done, 2 to go" in lines
    frame = pd.read_csv(job / "predictions.csv")
    assert frame["file"].map(lambda f: Path(f).name).tolist() == [
        "0_root.wav",
        "0_root.wav",
        "1.wav",
        "1.wav",
        "1.wav",
        "2.wav",
        "3.wav",
    ]


class FakeFileModel(FakeModel):
    """Like FastBirdNET at its edge: ``predict_files`` reports each file reaching the model."""

    def predict_files(self, files: list[str], on_file=None, **kwargs: object):
        for n in range(1, len(files) + 1):
            if on_file is not None:
                on_file(n)
        scores, _invalid = self.predict(files)
        return scores, set()


def test_progress_moves_file_by_file_inside_one_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inference, "load_model", lambda name, reporter: FakeFileModel())
    audio = tmp_path / "audio"
    for i in range(4):
        write_wav(audio / f"{i}.wav", 3.0)
    config = InferenceConfig(
        audio_dir=str(audio), output_dir=str(tmp_path), job_dir=str(tmp_path / "job")
    )
    lines: list[str] = []
    inference.run_inference(config, Reporter(emit=lines.append, min_interval_s=0))
    fractions = [
        json.loads(line[len("DIPPER_PROGRESS ") :])["fraction"]
        for line in lines
        if line.startswith("DIPPER_PROGRESS ")
    ]
    assert [f for f in fractions if 0 < f < 1] == [0.25, 0.5, 0.75]
    assert fractions == sorted(fractions)
