"""The training job: labels → split → train (shallow head or CNN) → metrics → model and report.

:func:`run_training` is the testable core (``core(config, reporter)`` for
:func:`backend.scripts.job_io.run_script`). Progress: labels 0–2 %, preparing the data 2–60 %
(shallow: embeddings) or 2–5 % (CNN: checking recordings), training up to 95 %, outputs 95–100 %.
The flat job folder gets the model file (``model.dipper.pt`` for a shallow model, ``model.pt``
for a CNN), the tables of :mod:`.outputs`, ``report.html`` (live while training),
``failed_files.csv`` when recordings could not be read, and — with ``loop_dir`` — the job's round
is appended to the loop record (:mod:`.loop_round`).
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from backend.common.training_config import TrainingConfig
from backend.scripts.job_io import Reporter
from backend.scripts.training.job_data import TrainedResult, json_safe, read_job_labels
from backend.scripts.training.labels import label_counts
from backend.scripts.training.loop_round import append_loop_round
from backend.scripts.training.metrics import all_metrics
from backend.scripts.training.outputs import write_outputs
from backend.scripts.training.report import REPORT_FILE, LiveReport

TITLES = {"shallow": "Training a shallow classifier", "cnn": "Fine-tuning a CNN"}


def run_training(config: TrainingConfig, reporter: Reporter) -> dict[str, Any]:
    """Train the model described by ``config``; returns a summary dict."""
    job = Path(config.job_dir) if config.job_dir else None
    report = LiveReport(job / REPORT_FILE if job else None, TITLES[config.model_type])
    report.update(0.0, "Reading labels", force=True)
    data = read_job_labels(config, reporter)
    if config.model_type == "cnn":
        from backend.scripts.training.cnn_job import train_cnn

        result = train_cnn(config, data, reporter, report)
    else:
        from backend.scripts.training.shallow_job import train_shallow

        result = train_shallow(config, data, reporter, report)
    reporter.progress(0.95, "Computing metrics and writing the model")
    classes = data.classes
    metrics = all_metrics(
        result.y_val, result.scores, classes, config.thresholds, config.target_precision
    )
    counts = label_counts(data.labels, classes)
    summary = {
        "mean_average_precision": metrics["mean_average_precision"],
        **result.summary,
        "label_counts": counts,
        "n_labelled_windows": int(len(data.windows)),
        "n_train_windows": int(result.n_train_windows),
        "n_validation_windows": int(len(result.y_val)),
    }
    metrics["n_train_windows"] = summary["n_train_windows"]  # for the task pane's summary
    metrics["n_validation_windows"] = summary["n_validation_windows"]
    model_file = _write_job(job, config, result, classes, metrics, summary) if job else None
    if config.loop_dir:
        record = append_loop_round(config, job, model_file, classes, summary, metrics)
        reporter.log(f"Active-learning loop {config.loop_dir}: recorded round {record['round']}")
    report.state["running"] = False
    report.update(1.0, _final_message(metrics), force=True, metrics=metrics)
    reporter.progress(1.0, _final_message(metrics))
    return {**summary, "metrics": metrics, "classes": classes}


def _final_message(metrics: dict[str, Any]) -> str:
    value = metrics["mean_average_precision"]
    return "Training finished" + (f": validation mean AP {value:.3f}" if value is not None else "")


def _write_job(
    job: Path,
    config: TrainingConfig,
    result: TrainedResult,
    classes: list[str],
    metrics: dict[str, Any],
    summary: dict[str, Any],
) -> Path:
    """The tables of :mod:`.outputs` and the model file (with its metadata); returns the model."""
    write_outputs(
        job, result.val_windows, result.y_val, result.scores, classes, metrics, result.loss_rows
    )
    per_class = {
        name: {k: m[k] for k in ("average_precision", "roc_auc", "threshold_for_target_precision")}
        for name, m in metrics["classes"].items()
    }
    metadata = {
        "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "classes": classes,
        **summary,
        "metrics": per_class,
        "target_precision": config.target_precision,
        "training_config": config.model_dump(mode="json"),
    }
    return result.save_model(job, json_safe(metadata))
