"""Annotation task tables and the files of one extraction (SPEC §5 names).

- binary: ``OUT/{class}_annotation_task_{stamp}.csv`` with ``file,start_time,end_time,annotation,
  score,stratum,strategy`` (+ ``source_file,source_start_time,source_end_time`` with clips);
- multiclass: ``OUT/annotation_task_{stamp}.csv`` with ``file,start_time,end_time``, one score
  column per chosen class, ``annotation``, ``stratum``, ``strategy`` (``"Robin: top | Wren:
  random"``) and the source columns with clips; a window chosen for several classes is one row;
- ``OUT/extraction_summary_{stamp}.csv`` (class, stratum, strategy, available, requested,
  selected, note) and ``OUT/extraction_config_{stamp}.json`` (the config plus
  ``review_audio_root``).

Every file is first written under a hidden temp name and renamed when all are ready
(:class:`StagedFiles`), so a failed job leaves nothing half-written in ``OUT``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from backend.scripts.extraction.clips import ClipPlan
from backend.scripts.extraction.loading import Predictions
from backend.scripts.extraction.selection import Selection

_UNSAFE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def class_file_name(name: str, stamp: str) -> str:
    """``{class}_annotation_task_{stamp}.csv`` with characters unsafe in file names as ``_``."""
    return f"{_UNSAFE_NAME.sub('_', name).strip() or 'class'}_annotation_task_{stamp}.csv"


def _window_columns(pred: Predictions, rows: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "file": pred.files[pred.file_codes[rows]].astype(str),
            "start_time": pred.start_s[rows],
            "end_time": pred.end_s[rows],
        }
    )


def _apply_clips(
    frame: pd.DataFrame, plans: dict[tuple[str, float, float], ClipPlan]
) -> pd.DataFrame:
    """Swap ``file``/times for the clip's, keeping the originals as ``source_*``; rows whose
    recording could not be read are dropped."""
    keys = list(zip(frame["file"], frame["start_time"], frame["end_time"], strict=True))
    has = np.array([k in plans for k in keys], dtype=bool)
    frame = frame[has].copy()
    chosen = [plans[k] for k, ok in zip(keys, has, strict=True) if ok]
    starts = np.array([p.clip_start_s for p in chosen], dtype=np.float64)
    frame["source_file"] = frame["file"]
    frame["source_start_time"] = frame["start_time"]
    frame["source_end_time"] = frame["end_time"]
    frame["file"] = [p.relative_path for p in chosen]
    frame["start_time"] = np.round(frame["source_start_time"].to_numpy() - starts, 6)
    frame["end_time"] = np.round(frame["source_end_time"].to_numpy() - starts, 6)
    return frame


def binary_tables(
    pred: Predictions, selection: Selection, plans: dict[tuple[str, float, float], ClipPlan] | None
) -> dict[str, pd.DataFrame]:
    """``{class: table}`` for binary mode."""
    labels = np.array(selection.strata.labels, dtype=object)
    tables = {}
    for chosen in selection.classes:
        frame = _window_columns(pred, chosen.rows)
        frame["annotation"] = ""
        frame["score"] = chosen.scores
        frame["stratum"] = labels[chosen.strata] if len(chosen.strata) else []
        frame["strategy"] = chosen.strategies
        tables[chosen.name] = _apply_clips(frame, plans) if plans is not None else frame
    return tables


def multiclass_table(
    pred: Predictions, selection: Selection, plans: dict[tuple[str, float, float], ClipPlan] | None
) -> pd.DataFrame:
    """One table for multiclass mode: each chosen window once, every chosen class's score."""
    labels = np.array(selection.strata.labels, dtype=object)
    parts = [
        pd.DataFrame(
            {"row": c.rows, "stratum": c.strata, "why": [f"{c.name}: {s}" for s in c.strategies]}
        )
        for c in selection.classes
    ]
    picked = (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame(columns=["row", "stratum", "why"])
    )
    grouped = picked.groupby("row", sort=True).agg(
        stratum=("stratum", "first"), why=("why", " | ".join)
    )
    rows = grouped.index.to_numpy(dtype=np.int64)
    frame = _window_columns(pred, rows)
    for name in selection.classes:
        frame[name.name] = pred.scores[name.name].lookup(rows)
    frame["annotation"] = ""
    frame["stratum"] = labels[grouped["stratum"].to_numpy(dtype=np.int64)] if len(rows) else []
    frame["strategy"] = grouped["why"].to_numpy()
    return _apply_clips(frame, plans) if plans is not None else frame


class StagedFiles:
    """Files written under hidden temp names in their final folder, renamed by :meth:`commit`."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    def temp_for(self, final: Path) -> Path:
        """A hidden temp path next to ``final``, committed to ``final`` later."""
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(f".{final.name}.partial")
        self._pending.append((tmp, final))
        return tmp

    def write_csv(self, final: Path, frame: pd.DataFrame) -> None:
        """Stage a CSV (times and scores written with full float precision)."""
        frame.to_csv(self.temp_for(final), index=False)

    def write_json(self, final: Path, data: Any) -> None:
        """Stage a JSON file."""
        self.temp_for(final).write_text(json.dumps(data, indent=2), encoding="utf-8")

    def commit(self) -> list[Path]:
        """Rename every staged file to its final name; return the final paths in staging order."""
        for tmp, final in self._pending:
            os.replace(tmp, final)
        done = [final for _, final in self._pending]
        self._pending = []
        return done

    def discard(self) -> None:
        """Remove every staged temp file (after a failure)."""
        for tmp, _ in self._pending:
            with contextlib.suppress(OSError):
                tmp.unlink()
        self._pending = []


def move_clips(staging_dir: Path, clips_dir: Path) -> None:
    """Move finished clips from the staging folder into ``OUT/clips/`` and remove the staging."""
    clips_dir.mkdir(parents=True, exist_ok=True)
    for clip in staging_dir.glob("*.wav"):
        os.replace(clip, clips_dir / clip.name)
    shutil.rmtree(staging_dir, ignore_errors=True)
