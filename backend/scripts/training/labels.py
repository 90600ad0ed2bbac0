"""All label sources of a training config as one table, checked, and as a window × class matrix.

:func:`read_labels` reads every source (see :mod:`.label_readers`), checks the classes against the
explicit class list, drops windows of missing recordings (a warning; an error when none exists)
and checks every class has positives and negatives. :func:`label_matrix` turns the long table into
one row per window (``file``, ``start_s``) and a ``(windows, classes)`` matrix of 1 / 0 / NaN
(NaN = not labelled for that class; such cells are left out of the loss and the metrics). When
sources disagree about a window, a positive wins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from backend.common.training_config import LabelSources
from backend.scripts.training.label_readers import (
    RECORDING_COLUMN,
    ROW_COLUMNS,
    LabelError,
    read_annotation_file,
    read_label_folder,
    read_raven_table,
)

__all__ = ["LabelError", "LabelSet", "label_matrix", "read_labels"]


@dataclass
class LabelSet:
    """The long label table (``ROW_COLUMNS``), its classes and the recordings that were missing."""

    rows: pd.DataFrame
    classes: list[str]
    missing_audio: list[str] = field(default_factory=list)


def _classes_found(sources: LabelSources) -> list[str]:
    """Classes named by binary CSVs and folder subfolders (multiclass/Raven: read later)."""
    names = [a.class_name for a in sources.annotation_files if a.class_name]
    if sources.folder_labels_dir and Path(sources.folder_labels_dir).is_dir():
        names += [p.name for p in sorted(Path(sources.folder_labels_dir).iterdir()) if p.is_dir()]
    return [n for n in dict.fromkeys(names) if n != "negative"]


def read_sources(sources: LabelSources, classes: list[str]) -> pd.DataFrame:
    """Every row of every source; ``classes`` gives multiclass CSVs their negatives."""
    known = list(classes) or _classes_found(sources)
    frames = [read_raven_table(t) for t in sources.raven_tables]
    if sources.folder_labels_dir:
        frames.append(read_label_folder(Path(sources.folder_labels_dir)))
    # multiclass lists may name classes found only in other multiclass files: read twice
    multiclass = [a for a in sources.annotation_files if a.class_name is None]
    if multiclass and not classes:
        for item in multiclass:
            table = read_annotation_file(item, known)
            known += [c for c in table["class"].unique() if c not in known]
    for frame in frames:
        known += [c for c in frame["class"].unique() if c not in known]
    frames += [read_annotation_file(a, known) for a in sources.annotation_files]
    rows = [f for f in frames if len(f)]
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=ROW_COLUMNS)


def read_labels(
    sources: LabelSources,
    classes: list[str],
    warn: Callable[[str], None] = print,
    what: str = "training",
) -> LabelSet:
    """Read, check and clean the labels of ``sources``.

    Parameters
    ----------
    sources
        The label sources (the training config, or its evaluation set).
    classes
        The explicit class list; empty means every class found.
    warn
        Where warnings go (missing recordings).
    what
        ``"training"`` or ``"evaluation"``, used in messages.

    Raises
    ------
    LabelError
        Unknown classes, no recording found, no labels, or a class without positives/negatives.
    """
    rows = read_sources(sources, classes)
    if rows.empty:
        raise LabelError(
            f"The {what} label sources hold no labelled window (every row is unlabelled or "
            "uncertain): review some clips first."
        )
    found = list(dict.fromkeys(rows["class"]))
    if classes:
        unknown = rows[~rows["class"].isin(classes)]
        if len(unknown):
            by_file = unknown.groupby("source")["class"].unique()
            detail = "; ".join(f"{src}: {', '.join(map(str, v))}" for src, v in by_file.items())
            raise LabelError(
                f"Some {what} labels are for classes not in the class list ({detail}). Add these "
                "classes to the class list or remove them from the label files."
            )
    wanted = list(classes) or found
    exists = {f: Path(f).is_file() for f in rows["file"].unique()}
    missing = sorted(f for f, ok in exists.items() if not ok)
    if missing and len(missing) == len(exists):
        raise LabelError(
            f"None of the {len(missing)} recording(s) of the {what} labels exists, e.g. "
            f"{missing[0]}. Set the audio root of the annotation files to the folder the clip "
            "paths start from."
        )
    if missing:
        warn(
            f"Warning: {len(missing)} recording(s) of the {what} labels are missing and their "
            f"labels are skipped: {', '.join(missing[:10])}" + (" …" if len(missing) > 10 else "")
        )
        rows = rows[~rows["file"].isin(missing)]
    check_classes(rows, wanted, what)
    return LabelSet(rows.reset_index(drop=True), wanted, missing)


def check_classes(rows: pd.DataFrame, classes: list[str], what: str) -> None:
    """Every class needs positives and negatives; the message says what to add."""
    counts = rows.groupby(["class", "label"]).size()
    for name in classes:
        positives = int(counts.get((name, 1), 0))
        negatives = int(counts.get((name, 0), 0))
        if positives == 0:
            raise LabelError(
                f"The {what} labels have no positive window of '{name}': add clips labelled "
                f"'yes' for {name} (or remove it from the class list)."
            )
        if negatives == 0:
            raise LabelError(
                f"The {what} labels have no negative window of '{name}': add clips labelled 'no' "
                f"for {name}, recordings of other classes, or a 'negative' subfolder."
            )


def label_matrix(rows: pd.DataFrame, classes: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """``(windows, Y)``: one row per ``(file, start_s)`` and Y of 1 / 0 / NaN per class.

    ``windows`` also has a ``recording`` column: the recording a clip was cut from when the label
    source says so (``source_file`` of clip exports), else the file itself.
    """
    table = rows[rows["class"].isin(classes)]
    wide = table.pivot_table(
        index=["file", "start_s"], columns="class", values="label", aggfunc="max"
    )
    wide = wide.reindex(columns=classes)
    windows = wide.index.to_frame(index=False)
    windows["end_s"] = windows["start_s"] + 3.0
    if RECORDING_COLUMN in table.columns:
        recording = table.dropna(subset=[RECORDING_COLUMN]).groupby("file")[RECORDING_COLUMN]
        windows[RECORDING_COLUMN] = (
            windows["file"].map(recording.first()).fillna(windows["file"]).astype(str)
        )
    else:
        windows[RECORDING_COLUMN] = windows["file"].astype(str)
    return windows, wide.to_numpy(dtype=np.float64)


def label_counts(labels: np.ndarray, classes: list[str]) -> dict[str, dict[str, int]]:
    """``{class: {"positive": n, "negative": n}}``, counted in windows of the label matrix
    (several Review clips inside one 3 s window count once), so the counts add up to the windows
    the model was trained and validated on."""
    return {
        c: {
            "positive": int((labels[:, i] == 1).sum()),
            "negative": int((labels[:, i] == 0).sum()),
        }
        for i, c in enumerate(classes)
    }
