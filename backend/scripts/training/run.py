"""The training job: labels → cached embeddings → split → train → metrics → model and report.

:func:`run_training` is the testable core (``core(config, reporter)`` for
:func:`backend.scripts.job_io.run_script`). Progress: labels 0–2 %, embeddings 2–60 %, training
60–95 %, outputs 95–100 %. The flat job folder gets ``model.dipper.pt``, the tables of
:mod:`.outputs`, ``report.html`` (live while training) and ``failed_files.csv`` when recordings
could not be read.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from backend.common.paths import data_dir
from backend.common.training_config import TrainingConfig
from backend.scripts.inference_outputs import write_failed_files
from backend.scripts.job_io import Reporter
from backend.scripts.training.embedding_cache import CacheStats, EmbeddingCache
from backend.scripts.training.labels import label_counts, label_matrix, read_labels
from backend.scripts.training.metrics import all_metrics, mean_ap
from backend.scripts.training.outputs import write_outputs
from backend.scripts.training.report import write_report
from backend.scripts.training.split import split_by_recording
from backend.scripts.training.window_embedder import WindowEmbedder

MODEL_FILE = "model.dipper.pt"
REPORT_FILE = "report.html"
REPORT_EVERY_S = 1.0


class LiveReport:
    """Keeps the report's state and rewrites ``report.html`` at most once per second."""

    def __init__(self, path: Path | None, title: str) -> None:
        self.path = path
        self.started = time.monotonic()
        self.state: dict[str, Any] = {"title": title, "running": True, "loss_rows": []}
        self._last = 0.0

    def update(self, fraction: float, message: str, force: bool = False, **facts: Any) -> None:
        elapsed_s = time.monotonic() - self.started
        eta_s = elapsed_s * (1 - fraction) / fraction if fraction > 0.02 else None
        self.state.update(fraction=fraction, message=message, elapsed_s=elapsed_s, eta_s=eta_s)
        self.state.update(facts)
        if self.path is not None and (force or time.monotonic() - self._last >= REPORT_EVERY_S):
            self._last = time.monotonic()
            write_report(self.path, self.state)


def run_training(config: TrainingConfig, reporter: Reporter) -> dict[str, Any]:
    """Train the shallow classifier described by ``config``; returns a summary dict."""
    job = Path(config.job_dir) if config.job_dir else None
    report = LiveReport(job / REPORT_FILE if job else None, "Training a shallow classifier")
    report.update(0.0, "Reading labels", force=True)
    train = read_labels(config, config.classes, reporter.log, "training")
    classes = train.classes
    windows, labels = label_matrix(train.rows, classes)
    reporter.log(f"{len(windows)} labelled window(s), {len(classes)} class(es): {classes}")
    if config.validation is not None:
        evaluation = read_labels(config.validation, classes, reporter.log, "evaluation")
        val_windows, val_labels = label_matrix(evaluation.rows, classes)
        shared = set(windows["file"]) & set(val_windows["file"])
        if shared:
            reporter.log(f"Warning: {len(shared)} recording(s) are in both label sets.")
    cache_dir = Path(config.embedding_cache_dir or data_dir() / "embedding_cache")
    embedder = WindowEmbedder()
    cache = EmbeddingCache(cache_dir, embedder.model_name, embedder.window_s)
    all_windows = windows if config.validation is None else _concat(windows, val_windows)

    def on_file(done: int, total: int, stats: CacheStats) -> None:
        message = f"Embedding: {done}/{total} recordings ({stats.hits} cached, {stats.misses} new)"
        reporter.progress(0.02 + 0.58 * done / total, message)
        report.update(0.02 + 0.58 * done / total, message)

    started = time.monotonic()
    x_all, ok, stats, failed = cache.embeddings_for(all_windows, embedder, on_file)
    reporter.log(
        f"Embedding cache {cache_dir}: {stats.hits} hit(s), {stats.misses} new embedding(s) "
        f"in {time.monotonic() - started:.1f} s"
    )
    for file, reason in failed.items():
        reporter.log(f"Could not read {file}: {reason}")
    if failed and job:
        write_failed_files(job / "failed_files.csv", failed)
    if not ok[: len(windows)].any():
        raise RuntimeError(
            f"None of the {len(failed)} labelled recording(s) could be read, so nothing can be "
            "trained: see failed_files.csv in the job folder."
        )
    if config.validation is None:
        x, y = x_all[ok], labels[ok[: len(windows)]]
        windows = windows[ok].reset_index(drop=True)
        val_mask = split_by_recording(windows, y, config.validation_fraction, config.seed)
        x_train, y_train, x_val, y_val = x[~val_mask], y[~val_mask], x[val_mask], y[val_mask]
        val_windows = windows[val_mask].reset_index(drop=True)
    else:
        n = len(windows)
        x_train, y_train = x_all[:n][ok[:n]], labels[ok[:n]]
        x_val, y_val = x_all[n:][ok[n:]], val_labels[ok[n:]]
        val_windows = val_windows[ok[n:]].reset_index(drop=True)
    reporter.log(f"Training on {len(x_train)} window(s), validating on {len(x_val)}.")
    _warn_thin_validation(y_val, classes, reporter)
    trained = _train(config, reporter, report, x_train, y_train, x_val, y_val)
    reporter.progress(0.95, "Computing metrics and writing the model")
    scores = trained.probabilities(x_val)
    metrics = all_metrics(y_val, scores, classes, config.thresholds, config.target_precision)
    summary = {
        "mean_average_precision": metrics["mean_average_precision"],
        "embedding_cache": {"hits": stats.hits, "new": stats.misses},
        "label_counts": label_counts(train.rows, classes),
        "n_train_windows": int(len(x_train)),
        "n_validation_windows": int(len(x_val)),
    }
    if job:
        _write_job(job, config, trained, classes, val_windows, y_val, scores, metrics, summary)
    report.state["running"] = False
    report.update(1.0, _final_message(metrics), force=True, metrics=metrics)
    reporter.progress(1.0, _final_message(metrics))
    return {**summary, "metrics": metrics, "classes": classes}


def _concat(a: Any, b: Any) -> Any:
    import pandas as pd

    return pd.concat([a, b], ignore_index=True)


def _train(
    config: TrainingConfig,
    reporter: Reporter,
    report: LiveReport,
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_val: np.ndarray,
    y_val: np.ndarray,
) -> Any:
    from backend.scripts.training.shallow import TrainedHead, train_head

    def on_step(step: int, steps: int, row: dict[str, Any], current: TrainedHead) -> None:
        report.state["loss_rows"].append(row)
        ap = mean_ap(y_val, current.probabilities(x_val)) if len(x_val) else None
        message = f"Training: step {step}/{steps}" + (
            f", val AP {ap:.2f}" if ap is not None else ""
        )
        fraction = 0.6 + 0.35 * step / steps
        reporter.progress(fraction, message)
        report.update(fraction, message, latest={"step": step, **row, "val AP": ap})

    has_val = len(x_val) > 0
    steps = config.resolved_steps(len(x_train))
    return train_head(
        x_train,
        y_train,
        head_type=config.head,
        hidden_sizes=config.resolved_hidden_sizes(),
        steps=steps,
        learning_rate=config.learning_rate,
        weight_decay=config.weight_decay,
        batch_size=config.batch_size,
        seed=config.seed,
        x_val=x_val if has_val else None,
        y_val=y_val if has_val else None,
        eval_every_steps=max(1, steps // 100),
        patience_steps=config.early_stopping_patience_steps,
        on_step=on_step,
    )


def _warn_thin_validation(y_val: np.ndarray, classes: list[str], reporter: Reporter) -> None:
    """Say which classes the validation set cannot measure (no positive or no negative)."""
    for i, name in enumerate(classes):
        column = y_val[:, i] if len(y_val) else np.zeros(0)
        for value, what in ((1, "positive"), (0, "negative")):
            if not (column == value).any():
                reporter.log(
                    f"Warning: the validation set has no {what} window of '{name}', so some of "
                    "its metrics are undefined: label more recordings or choose an evaluation set."
                )


def _final_message(metrics: dict[str, Any]) -> str:
    value = metrics["mean_average_precision"]
    return "Training finished" + (f": validation mean AP {value:.3f}" if value is not None else "")


def _write_job(job, config, trained, classes, windows, labels, scores, metrics, summary):  # type: ignore[no-untyped-def]
    from backend.scripts.shallow_classifier_file import save_shallow_classifier

    write_outputs(job, windows, labels, scores, classes, metrics, trained.loss_rows)
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
    save_shallow_classifier(
        job / MODEL_FILE,
        trained.head,
        classes,
        config.embedding_model,
        head_type=config.head,
        hidden_sizes=config.resolved_hidden_sizes(),
        input_mean=trained.input_mean,
        input_std=trained.input_std,
        sample_duration_s=3.0,
        metadata=_json_safe(metadata),
    )


def _json_safe(value: Any) -> Any:
    """Metadata as plain types (``torch.load(weights_only=True)`` reads only those)."""
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value
