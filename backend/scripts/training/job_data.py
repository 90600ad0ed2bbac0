"""What both model types share: the job's labelled windows, the held-out split and the result.

:func:`read_job_labels` reads the training labels (and the evaluation set, when given) into one
:class:`LabelledData`; :func:`hold_out` splits the readable windows into training and validation
(the evaluation set, else whole recordings held out by :func:`.split.split_by_recording`); a model
path returns a :class:`TrainedResult` that :mod:`.run` turns into metrics, tables, report and
model file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from backend.common.training_config import TrainingConfig
from backend.scripts.inference_outputs import write_failed_files
from backend.scripts.job_io import Reporter
from backend.scripts.training.labels import label_matrix, read_labels
from backend.scripts.training.split import split_by_recording


@dataclass
class LabelledData:
    """Training windows and labels (``windows``: ``file``, ``start_s``, ``end_s``; ``labels``:
    1 / 0 / NaN per class), the long label table, and the evaluation set when one is given."""

    classes: list[str]
    rows: pd.DataFrame
    windows: pd.DataFrame
    labels: np.ndarray
    val_windows: pd.DataFrame | None = None
    val_labels: np.ndarray | None = None


@dataclass
class Split:
    """Training and validation windows with their labels.

    ``val_mask`` (held-out split only) marks, among the usable training-source windows, those
    held out for validation; with an evaluation set it is ``None``.
    """

    train_windows: pd.DataFrame
    y_train: np.ndarray
    val_windows: pd.DataFrame
    y_val: np.ndarray
    val_mask: np.ndarray | None = None


@dataclass
class TrainedResult:
    """What a model path hands back: validation scores, loss history and how to save the model.

    ``save_model(job_dir, metadata)`` writes the model file into the job folder and returns it.
    """

    val_windows: pd.DataFrame
    y_val: np.ndarray
    scores: np.ndarray
    loss_rows: list[dict[str, Any]]
    n_train_windows: int
    save_model: Callable[[Path, dict[str, Any]], Path]
    summary: dict[str, Any] = field(default_factory=dict)


def read_job_labels(config: TrainingConfig, reporter: Reporter) -> LabelledData:
    """The training labels and, when the config names one, the evaluation set."""
    train = read_labels(config, config.classes, reporter.log, "training")
    windows, labels = label_matrix(train.rows, train.classes)
    reporter.log(
        f"{len(windows)} labelled window(s), {len(train.classes)} class(es): {train.classes}"
    )
    data = LabelledData(train.classes, train.rows, windows, labels)
    if config.validation is not None:
        evaluation = read_labels(config.validation, train.classes, reporter.log, "evaluation")
        data.val_windows, data.val_labels = label_matrix(evaluation.rows, train.classes)
        shared = set(windows["file"]) & set(data.val_windows["file"])
        if shared:
            reporter.log(f"Warning: {len(shared)} recording(s) are in both label sets.")
    return data


def hold_out(
    config: TrainingConfig, data: LabelledData, ok: np.ndarray, val_ok: np.ndarray | None
) -> Split:
    """Split the usable windows (``ok`` / ``val_ok`` masks) into training and validation."""
    windows = data.windows[ok].reset_index(drop=True)
    y = data.labels[ok]
    if data.val_windows is None or data.val_labels is None:
        val_mask = split_by_recording(windows, y, config.validation_fraction, config.seed)
        return Split(
            windows[~val_mask].reset_index(drop=True),
            y[~val_mask],
            windows[val_mask].reset_index(drop=True),
            y[val_mask],
            val_mask,
        )
    keep = val_ok if val_ok is not None else np.ones(len(data.val_windows), dtype=bool)
    return Split(windows, y, data.val_windows[keep].reset_index(drop=True), data.val_labels[keep])


def record_failures(
    job: Path | None, failed: dict[str, str], n_usable: int, reporter: Reporter
) -> None:
    """Log unreadable recordings, list them in ``failed_files.csv``; fail when none is usable."""
    for file, reason in failed.items():
        reporter.log(f"Could not read {file}: {reason}")
    if failed and job:
        write_failed_files(job / "failed_files.csv", failed)
    if n_usable == 0:
        raise RuntimeError(
            f"None of the {len(failed)} labelled recording(s) could be read, so nothing can be "
            "trained: see failed_files.csv in the job folder."
        )


def warn_thin_validation(y_val: np.ndarray, classes: list[str], reporter: Reporter) -> None:
    """Say which classes the validation set cannot measure (no positive or no negative)."""
    for i, name in enumerate(classes):
        column = y_val[:, i] if len(y_val) else np.zeros(0)
        for value, what in ((1, "positive"), (0, "negative")):
            if not (column == value).any():
                reporter.log(
                    f"Warning: the validation set has no {what} window of '{name}', so some of "
                    "its metrics are undefined: label more recordings or choose an evaluation set."
                )


def json_safe(value: Any) -> Any:
    """Metadata as plain types (``torch.load(weights_only=True)`` reads only those)."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value
