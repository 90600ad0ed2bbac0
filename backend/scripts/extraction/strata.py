"""Strata: the groups of windows within which each strategy draws its clips.

Chosen dimensions combine (every unique combination is one stratum):

- ``subfolder``: the recording's folder relative to ``audio_root`` (or, for absolute paths outside
  it, to the deepest folder all recordings share); ``.`` for recordings directly in it;
- metadata columns: the values of the metadata CSV row whose ``folder`` equals the recording's
  subfolder (relative path, else its last folder name); ``(not in metadata)`` when none matches;
- ``date``: which ``stratify_date_windows`` entry holds the window (windows in none are dropped);
- ``file``: the recording; ``week``: ISO week of the window's time (unparsed names dropped).

Without any dimension every window is in the one stratum ``all``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from backend.common.extraction_config import ExtractionConfig
from backend.scripts.extraction.filters import WindowTimes, date_window_index, iso_week_labels
from backend.scripts.extraction.loading import Predictions, PredictionsError

NOT_IN_METADATA = "(not in metadata)"


@dataclass
class Strata:
    """Stratum number of each window (``-1``: dropped) and each stratum's label."""

    codes: np.ndarray
    labels: list[str]


def file_subfolders(files: np.ndarray, audio_root: str | None) -> list[str]:
    """The folder of each recording relative to ``audio_root`` / their common folder."""
    parents = [os.path.dirname(str(f).replace("\\", "/")) for f in files]
    absolute = [p for p in parents if p.startswith("/") or (len(p) > 1 and p[1] == ":")]
    root = audio_root.replace("\\", "/").rstrip("/") if audio_root else None
    common = os.path.commonpath(absolute) if absolute else ""
    out = []
    for parent in parents:
        if not (parent.startswith("/") or (len(parent) > 1 and parent[1] == ":")):
            rel = parent
        elif root and (parent == root or parent.startswith(root + "/")):
            rel = parent[len(root) :]
        else:
            rel = parent[len(common) :]
        out.append(rel.strip("/") or ".")
    return out


def read_metadata(path: Path, columns: list[str]) -> pd.DataFrame:
    """The metadata CSV indexed by ``folder`` (values as text), only ``columns`` kept."""
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise PredictionsError(f"The metadata CSV {path} could not be read: {exc}") from exc
    if "folder" not in table.columns:
        raise PredictionsError(
            f"The metadata CSV {path} has no 'folder' column (it has "
            f"{', '.join(map(str, table.columns))}). Add a 'folder' column naming each subfolder."
        )
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise PredictionsError(f"The metadata CSV {path} has no column(s) {', '.join(missing)}.")
    table["folder"] = table["folder"].str.replace("\\", "/").str.strip("/")
    return table.drop_duplicates("folder").set_index("folder")[columns]


def _metadata_values(subfolders: list[str], table: pd.DataFrame, column: str) -> list[str]:
    by_folder = table[column].to_dict()
    values = []
    for folder in subfolders:
        value = by_folder.get(folder)
        if value is None:
            value = by_folder.get(folder.rsplit("/", 1)[-1])
        values.append(NOT_IN_METADATA if value is None else str(value))
    return values


def _per_file_dimension(name: str, values: list[str], file_codes: np.ndarray):
    labels = sorted(set(values))
    position = {v: i for i, v in enumerate(labels)}
    per_file = np.array([position[v] for v in values], dtype=np.int64)
    return name, per_file[file_codes], labels


def build_strata(config: ExtractionConfig, pred: Predictions, times: WindowTimes) -> Strata:
    """Stratum of every window from the config's stratification options."""
    dims: list[tuple[str, np.ndarray, list[str]]] = []
    needs_subfolder = config.stratify_by_subfolder or config.metadata_columns
    subfolders = file_subfolders(pred.files, config.audio_root) if needs_subfolder else []
    if config.stratify_by_subfolder:
        dims.append(_per_file_dimension("subfolder", subfolders, pred.file_codes))
    if config.metadata_columns:
        assert config.metadata_csv is not None
        table = read_metadata(Path(config.metadata_csv), config.metadata_columns)
        for column in config.metadata_columns:
            values = _metadata_values(subfolders, table, column)
            dims.append(_per_file_dimension(column, values, pred.file_codes))
    if config.stratify_date_windows:
        windows = config.stratify_date_windows
        codes = date_window_index(times.epoch_s, windows)
        dims.append(("date", codes, [w.label() for w in windows]))
    if config.stratify_by_file:
        dims.append(("file", pred.file_codes.astype(np.int64), [str(f) for f in pred.files]))
    if config.stratify_by_week:
        codes, labels = iso_week_labels(times.epoch_s)
        dims.append(("week", codes, labels))
    return combine(dims, pred.n_windows)


def _compact(values: np.ndarray) -> np.ndarray:
    """Renumber non-negative codes to ``0..k-1`` keeping their order (a lookup table when the
    codes are small, else a sort)."""
    if not len(values):
        return values
    top = int(values.max())
    if top > 4 * len(values) + 1024:
        return np.unique(values, return_inverse=True)[1].astype(np.int64).ravel()
    used = np.bincount(values, minlength=top + 1) > 0
    table = np.cumsum(used) - 1
    return table[values].astype(np.int64)


def combine(dims: list[tuple[str, np.ndarray, list[str]]], n_windows: int) -> Strata:
    """Combine per-window dimension codes into compact stratum codes with readable labels."""
    if not dims:
        return Strata(np.zeros(n_windows, dtype=np.int64), ["all"])
    dropped = np.zeros(n_windows, dtype=bool)
    for _, codes, _ in dims:
        dropped |= codes < 0
    combined = np.zeros(n_windows, dtype=np.int64)
    for _, codes, labels in dims:
        combined = combined * max(len(labels), 1) + np.maximum(codes, 0)
        combined[dropped] = 0
        combined = _compact(combined)
    kept = ~dropped
    keys, first = np.unique(combined[kept], return_index=True)
    kept_rows = np.flatnonzero(kept)
    remap = np.full(int(combined.max()) + 1 if n_windows else 0, -1, dtype=np.int64)
    # order strata by their labels so codes do not depend on file order
    raw_labels = []
    for row in kept_rows[first]:
        parts = [f"{name}={labels[codes[row]]}" for name, codes, labels in dims]
        raw_labels.append(", ".join(parts))
    order = sorted(range(len(keys)), key=lambda i: raw_labels[i])
    for new, i in enumerate(order):
        remap[keys[i]] = new
    codes_out = np.where(kept, remap[combined] if len(remap) else -1, -1)
    return Strata(codes_out.astype(np.int64), [raw_labels[i] for i in order])
