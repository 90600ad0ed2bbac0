"""The training job's table outputs, each written atomically into the flat job folder.

- ``validation_predictions.csv``: ``file,start_time,end_time,<class sigmoid scores>``;
- ``validation_labels.csv``: ``file,start_time,end_time,<class labels>`` (1, 0 or empty = not
  labelled for that class);
- ``metrics.csv``: one row per class and threshold (AP, ROC-AUC, precision, recall, F1 …);
- ``metrics.json``: everything, including calibration bins;
- ``loss.csv``: ``step,train_loss,val_loss``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from backend.common.job_protocol import write_json_atomic


def write_csv_atomic(path: Path, table: pd.DataFrame) -> None:
    """Write ``table`` as CSV through a temp file and ``os.replace``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        table.to_csv(tmp, index=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def window_table(windows: pd.DataFrame, values: np.ndarray, classes: list[str]) -> pd.DataFrame:
    """``file,start_time,end_time`` + one column per class."""
    table = pd.DataFrame(
        {
            "file": windows["file"].to_numpy(),
            "start_time": windows["start_s"].to_numpy(),
            "end_time": windows["end_s"].to_numpy(),
        }
    )
    for i, name in enumerate(classes):
        table[name] = values[:, i]
    return table


def metrics_rows(metrics: dict[str, Any]) -> pd.DataFrame:
    """One row per class and threshold, with the class-level metrics repeated."""
    rows = []
    for name, m in metrics["classes"].items():
        for t in m["at_thresholds"]:
            rows.append(
                {
                    "class": name,
                    "n_positive": m["n_positive"],
                    "n_negative": m["n_negative"],
                    "average_precision": m["average_precision"],
                    "roc_auc": m["roc_auc"],
                    "threshold_for_target_precision": m["threshold_for_target_precision"],
                    **t,
                }
            )
    return pd.DataFrame(rows)


def write_outputs(
    job_dir: Path,
    windows: pd.DataFrame,
    labels: np.ndarray,
    scores: np.ndarray,
    classes: list[str],
    metrics: dict[str, Any],
    loss_rows: list[dict[str, Any]],
) -> list[Path]:
    """Write every table output of the job; returns their paths."""
    paths = {
        "validation_predictions.csv": window_table(windows, scores, classes),
        "validation_labels.csv": window_table(windows, labels, classes),
        "metrics.csv": metrics_rows(metrics),
        "loss.csv": pd.DataFrame(loss_rows, columns=["step", "train_loss", "val_loss"]),
    }
    written = []
    for name, table in paths.items():
        write_csv_atomic(job_dir / name, table)
        written.append(job_dir / name)
    write_json_atomic(job_dir / "metrics.json", metrics)
    return [*written, job_dir / "metrics.json"]
