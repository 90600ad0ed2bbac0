"""Synthetic inference outputs for the extraction benchmark: a dense ``predictions.csv`` and the
equivalent ``sparse_predictions.pkl`` (logit floor −3), cached between runs.

Layout: ``n_windows`` 3 s windows in files of 1,000 windows (50 min AudioMoth recordings named
``site_<k>/YYYYMMDD_HHMMSS.WAV`` over 4 sites and 30 nights); ``n_classes`` logit columns drawn
from N(−6, 2) with a seed (about 7 % above −3, like BirdNET logits), rounded to 3 decimals.
Written with pyarrow's CSV writer when available (the torch environment has it).
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

FLOOR = -3.0
WINDOWS_PER_FILE = 1000


def frame(n_windows: int, n_classes: int, seed: int = 0) -> pd.DataFrame:
    """The dense table (index columns + float32 logits)."""
    rng = np.random.default_rng(seed)
    n_files = -(-n_windows // WINDOWS_PER_FILE)
    start = datetime(2021, 5, 1, 21, 0, 0)
    stamps = [start + timedelta(days=k // 4 % 30, minutes=50 * (k // 120)) for k in range(n_files)]
    names = [f"site_{k % 4}/{stamp:%Y%m%d_%H%M%S}.WAV" for k, stamp in enumerate(stamps)]
    codes = np.arange(n_windows) // WINDOWS_PER_FILE
    offsets = 3.0 * (np.arange(n_windows) % WINDOWS_PER_FILE)
    data = {
        "file": pd.Categorical.from_codes(codes, categories=names),
        "start_time": offsets,
        "end_time": offsets + 3.0,
    }
    scores = np.round(rng.normal(-6.0, 2.0, size=(n_windows, n_classes)), 3).astype(np.float32)
    table = pd.DataFrame(data)
    classes = pd.DataFrame(scores, columns=[f"species_{i:03d}" for i in range(n_classes)])
    return pd.concat([table, classes], axis=1)


def _write_csv(table: pd.DataFrame, path: Path) -> None:
    tmp = path.with_name(path.name + ".partial")
    try:
        import pyarrow as pa
        import pyarrow.csv as pa_csv

        as_text = table.assign(file=table["file"].astype(str))
        scores = {c: as_text[c].astype(np.float64).round(3) for c in as_text.columns[3:]}
        pa_csv.write_csv(pa.Table.from_pandas(as_text.assign(**scores), preserve_index=False), tmp)
    except ImportError:
        table.to_csv(tmp, index=False, float_format="%.3f")
    os.replace(tmp, path)


def ensure(folder: Path, n_windows: int, n_classes: int) -> tuple[Path, Path]:
    """``(dense folder, sparse folder)`` holding the two outputs, built once per size."""
    base = folder / f"{n_windows}x{n_classes}"
    dense_dir, sparse_dir = base / "dense", base / "sparse"
    dense, sparse = dense_dir / "predictions.csv", sparse_dir / "sparse_predictions.pkl"
    if dense.exists() and sparse.exists():
        return dense_dir, sparse_dir
    dense_dir.mkdir(parents=True, exist_ok=True)
    sparse_dir.mkdir(parents=True, exist_ok=True)
    table = frame(n_windows, n_classes)
    _write_csv(table, dense)
    indexed = table.assign(file=table["file"].astype(str)).set_index(
        ["file", "start_time", "end_time"]
    )
    indexed = indexed.where(indexed >= FLOOR).astype(pd.SparseDtype(np.float32, np.nan))
    tmp = sparse.with_name(sparse.name + ".partial")
    indexed.to_pickle(tmp)
    os.replace(tmp, sparse)
    return dense_dir, sparse_dir
