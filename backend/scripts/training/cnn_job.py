"""The CNN path: labelled windows → clips → fine-tuned OpenSoundscape CNN → ``model.pt``.

Progress: checking recordings and noise 2–5 %, training 5–95 % (``Training: epoch 3/10, val AP
0.82``; the live report gets the loss of every step, elapsed time and ETA). Recordings that cannot
be opened are skipped and listed in ``failed_files.csv``. The model is saved with OpenSoundscape's
``model.save()`` (the Inference tab opens it as a local model); its metadata, which that file
cannot hold, goes to ``model_info.json`` next to it.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from backend.common.job_protocol import write_json_atomic
from backend.common.training_config import TrainingConfig
from backend.scripts.job_io import Reporter
from backend.scripts.training.cnn_data import clip_table, clip_windows, unreadable_recordings
from backend.scripts.training.job_data import (
    LabelledData,
    TrainedResult,
    hold_out,
    record_failures,
    warn_thin_validation,
)
from backend.scripts.training.metrics import mean_ap
from backend.scripts.training.noise_overlay import noise_clips
from backend.scripts.training.report import LiveReport

CNN_MODEL_FILE = "model.pt"
MODEL_INFO_FILE = "model_info.json"
MAX_EVALUATIONS = 20  # validation is scored at most this many times (each epoch when fewer)


def train_cnn(
    config: TrainingConfig, data: LabelledData, reporter: Reporter, report: LiveReport
) -> TrainedResult:
    """Check the recordings, split, fine-tune the CNN and score the validation clips."""
    reporter.progress(0.02, "Checking recordings")
    noise = None
    if config.background_noise_dir and config.augment_noise_overlay:
        noise = noise_clips(Path(config.background_noise_dir), config.clip_duration_s)
        n_files = noise.index.get_level_values(0).nunique()
        reporter.log(
            f"Background noise: {len(noise)} clip(s) of {config.clip_duration_s:g} s from "
            f"{n_files} recording(s) in {config.background_noise_dir}"
        )
    files = sorted(set(data.windows["file"]))
    if data.val_windows is not None:
        files = sorted(set(files) | set(data.val_windows["file"]))
    failed = unreadable_recordings(files)
    ok = ~data.windows["file"].isin(failed).to_numpy()
    val_ok = None if data.val_windows is None else ~data.val_windows["file"].isin(failed).to_numpy()
    job = Path(config.job_dir) if config.job_dir else None
    record_failures(job, failed, int(ok.sum()), reporter)
    split = hold_out(config, data, ok, val_ok)
    train = clip_table(split.train_windows, split.y_train, data.classes, config.clip_duration_s)
    val = clip_table(split.val_windows, split.y_val, data.classes, config.clip_duration_s)
    reporter.log(
        f"Training on {len(train)} window(s), validating on {len(val)} "
        f"(clips of {config.clip_duration_s:g} s)."
    )
    warn_thin_validation(split.y_val, data.classes, reporter)
    from backend.scripts.training.cnn_model import build_cnn, drop_noise_overlay
    from backend.scripts.training.cnn_train import (
        fit_cnn,
        predict_logits,
        resolve_num_workers,
        sigmoid,
    )

    model = build_cnn(config, data.classes, noise)
    reporter.log(
        f"CNN: {config.cnn_architecture} "
        f"({'ImageNet weights' if config.cnn_pretrained else 'random initial weights'}), "
        f"bandpass {config.bandpass_range_hz()[0]:g}–{config.bandpass_range_hz()[1]:g} Hz, "
        f"augmentation: {_augmentations(config, noise is not None)}, device {model.device}"
    )
    workers = resolve_num_workers(config.num_workers)
    reporter.log(
        f"Audio loading: {workers} worker process(es)"
        if workers
        else "Audio loading: in the training process"
    )
    steps = config.resolved_steps(len(train))
    per_epoch = max(1, math.ceil(len(train) / config.batch_size))
    epochs = math.ceil(steps / per_epoch)
    y_val = split.y_val

    def on_step(step: int, total: int, row: dict[str, Any], scores: np.ndarray | None) -> None:
        report.state["loss_rows"].append(row)
        epoch = min(epochs, math.ceil(step / per_epoch))
        message = f"Training: epoch {epoch}/{epochs}"
        ap = None
        if scores is not None:
            usable = ~np.isnan(scores).any(axis=1)
            ap = mean_ap(y_val[usable], scores[usable]) if usable.any() else None
            message += f", val AP {ap:.2f}" if ap is not None else ""
        else:
            message += f", step {step}/{total}"
        fraction = 0.05 + 0.9 * step / total
        reporter.progress(fraction, message)
        facts = {"step": step, "epoch": epoch, **row} | (
            {"val AP": ap} if scores is not None else {}
        )
        report.update(fraction, message, latest=facts)

    fit = fit_cnn(
        model,
        train,
        val,
        steps=steps,
        batch_size=config.batch_size,
        learning_rate=config.learning_rate,
        weight_decay=config.weight_decay,
        seed=config.seed,
        eval_every_steps=max(per_epoch, math.ceil(steps / MAX_EVALUATIONS)),
        patience_steps=config.early_stopping_patience_steps,
        on_step=on_step,
        num_workers=workers,
    )
    if fit.best_step is not None:
        reporter.log(f"Kept the weights of step {fit.best_step} (lowest validation loss).")
    scores = (
        sigmoid(predict_logits(model, val, config.batch_size, workers))
        if len(val)
        else np.zeros((0, len(data.classes)))
    )
    scored = ~np.isnan(scores).any(axis=1)
    if not scored.all():
        reporter.log(f"Warning: {int((~scored).sum())} validation clip(s) could not be read.")

    def save(job_dir: Path, metadata: dict[str, Any]) -> Path:
        drop_noise_overlay(model.preprocessor)
        model.save(str(job_dir / CNN_MODEL_FILE))
        write_json_atomic(job_dir / MODEL_INFO_FILE, metadata)
        return job_dir / CNN_MODEL_FILE

    return TrainedResult(
        val_windows=clip_windows(val)[scored].reset_index(drop=True),
        y_val=y_val[scored],
        scores=scores[scored],
        loss_rows=fit.loss_rows,
        n_train_windows=len(train),
        save_model=save,
        summary={"architecture": config.cnn_architecture, "epochs": epochs, "steps": steps},
    )


def _augmentations(config: TrainingConfig, noise: bool) -> str:
    chosen = [
        name
        for name, on in (
            ("noise overlay", noise),
            ("time mask", config.augment_time_mask),
            ("frequency mask", config.augment_frequency_mask),
        )
        if on
    ]
    return ", ".join(chosen) or "none chosen"
