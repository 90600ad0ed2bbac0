"""Stand-in models for inference tests: they behave like the real ones at their edges."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from backend.common.configs import InferenceConfig
from backend.common.job_protocol import Reporter
from backend.scripts import inference


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


class CountingModel(FakeModel):
    """FakeModel that records which files it predicted and can crash after N calls."""

    def __init__(self, crash_after_calls: int | None = None) -> None:
        self.predicted: list[str] = []
        self.calls = 0
        self.crash_after_calls = crash_after_calls

    def predict(self, files: list[str], **kwargs: object) -> tuple[pd.DataFrame, pd.DataFrame]:
        if self.crash_after_calls is not None and self.calls >= self.crash_after_calls:
            raise KeyboardInterrupt  # like a cancel: not caught per file
        self.calls += 1
        self.predicted.extend(files)
        return super().predict(files, **kwargs)


def make_tree(audio: Path) -> None:
    write_wav(audio / "0_root.wav", 4.0)
    write_wav(audio / "site_a" / "1.wav", 7.0)
    write_wav(audio / "site_a" / "day 2" / "2.wav", 3.0)
    write_wav(audio / "site_b" / "3.wav", 2.0)


def run_with(model: FakeModel, monkeypatch: pytest.MonkeyPatch, **fields: object) -> list[str]:
    monkeypatch.setattr(inference, "load_model", lambda name, reporter: model)
    lines: list[str] = []
    config = InferenceConfig.model_validate(fields)
    inference.run_inference(config, Reporter(emit=lines.append, min_interval_s=0))
    return lines
