"""Constructed prediction tables whose right selections are known by hand, and a runner."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from backend.common.extraction_config import ExtractionConfig
from backend.scripts.extraction.run import run_extraction
from backend.scripts.job_io import Reporter

# file -> number of 3 s windows
LAYOUT = {
    "site_a/20210501_040000.WAV": 10,
    "site_a/20210502_220000.WAV": 10,
    "site_b/20210501_040000.WAV": 4,
}


def layout_table(layout: dict[str, int] = LAYOUT) -> pd.DataFrame:
    """Windows of ``layout``; ``robin`` = running window number / 100, ``wren`` = 1 - robin."""
    rows = []
    for file, count in layout.items():
        for i in range(count):
            rows.append((file, 3.0 * i, 3.0 * i + 3.0))
    frame = pd.DataFrame(rows, columns=["file", "start_time", "end_time"])
    frame["robin"] = (np.arange(len(frame)) / 100).astype(np.float32)
    frame["wren"] = (1 - np.arange(len(frame)) / 100).astype(np.float32)
    return frame


def ramp_table(count: int = 100) -> pd.DataFrame:
    """One file, ``count`` windows, ``robin`` = 0.01, 0.02, … (window i has score (i+1)/100)."""
    frame = pd.DataFrame(
        {
            "file": "20210501_040000.WAV",
            "start_time": 3.0 * np.arange(count),
            "end_time": 3.0 * np.arange(count) + 3.0,
        }
    )
    frame["robin"] = ((np.arange(count) + 1) / 100).astype(np.float32)
    return frame


def write_dense(folder: Path, frame: pd.DataFrame, name: str = "predictions.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_csv(folder / name, index=False)
    return folder / name


def write_sparse(folder: Path, frame: pd.DataFrame, name: str = "sparse_predictions.pkl") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    scores = frame.set_index(["file", "start_time", "end_time"])
    scores = scores.astype(pd.SparseDtype(np.float32, np.nan))
    scores.to_pickle(folder / name)
    return folder / name


def make_config(tmp_path: Path, **fields: Any) -> ExtractionConfig:
    base: dict[str, Any] = {
        "predictions_dir": str(tmp_path / "pred"),
        "audio_root": str(tmp_path / "audio"),
        "classes": ["robin"],
        "output_dir": str(tmp_path / "out"),
        "strategies": [{"kind": "random", "n": 1}],
        "job_dir": str(tmp_path / "job"),
    }
    base.update(fields)
    return ExtractionConfig.model_validate(base)


def run(tmp_path: Path, **fields: Any) -> dict[str, Any]:
    """Run the job core on ``tmp_path/pred``; returns its result plus the tables read back."""
    lines: list[str] = []
    result = run_extraction(make_config(tmp_path, **fields), Reporter(emit=lines.append))
    result["tables"] = [pd.read_csv(p, keep_default_na=False) for p in result["outputs"][:-1]]
    result["summary"] = pd.read_csv(result["outputs"][-1], keep_default_na=False)
    result["log"] = lines
    return result
