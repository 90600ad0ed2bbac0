"""Fine-tune an OpenSoundscape CNN with Dipper's loss, schedule and early stopping (torch).

OpenSoundscape supplies the network, the preprocessing and the data loaders (augmented for
training, plain for validation); the loop is Dipper's, so both model types train the same way:
BCE-with-logits over the labelled cells only (NaN labels masked out), each class's positives
weighted by ``negatives / positives``, AdamW, a fixed number of steps (mini-batches drawn by
OpenSoundscape's shuffling loader, seeded). Every ``eval_every_steps`` steps and at the last step
the validation clips are scored; with ``patience_steps`` training stops when the validation loss
has not improved for that many steps and the best weights are kept. Audio is loaded and
augmented by ``num_workers`` worker processes (``resolve_num_workers``; 0: in the training
process). PyTorch seeds numpy's and ``random``'s generators in each worker from the loader's
seed, so workers do not repeat each other's augmentations and a run is repeatable for a given
worker count.
"""

from __future__ import annotations

import copy
import os
import random
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from backend.scripts.training.shallow import class_pos_weight, masked_bce_loss

OnStep = Callable[[int, int, dict[str, Any], "np.ndarray | None"], None]
MAX_AUTO_WORKERS = 4


def resolve_num_workers(requested: int | None, cpu_count: int | None = None) -> int:
    """Loader worker processes: ``requested``, or (None) one per CPU core beyond the one that
    trains, at most ``MAX_AUTO_WORKERS`` (0 on a single core)."""
    if requested is not None:
        return requested
    cores = cpu_count if cpu_count is not None else (os.cpu_count() or 1)
    return max(0, min(MAX_AUTO_WORKERS, cores - 1))


def _loader_options(num_workers: int) -> dict[str, Any]:
    """DataLoader arguments for ``num_workers`` workers (kept alive between epochs)."""
    if num_workers <= 0:
        return {"num_workers": 0}
    return {"num_workers": num_workers, "persistent_workers": True}


@dataclass
class CnnFit:
    """The loss history (one row per step) and the step whose weights were kept."""

    loss_rows: list[dict[str, Any]] = field(default_factory=list)
    best_step: int | None = None


def _batches(loader: Any) -> Generator[Any, None, None]:
    while True:
        yield from loader


def _tensors(labels: np.ndarray, device: Any) -> tuple[Any, Any]:
    import torch

    y = torch.from_numpy(np.nan_to_num(labels, nan=0.0).astype(np.float32)).to(device)
    mask = torch.from_numpy((~np.isnan(labels)).astype(np.float32)).to(device)
    return y, mask


def predict_logits(
    model: Any, table: pd.DataFrame, batch_size: int, num_workers: int = 0
) -> np.ndarray:
    """Logits ``(clips, classes)`` of the clips of ``table`` (NaN rows: clips that failed).

    Workers are started for each call, so they are used only when ``table`` has at least two
    batches of clips; a small validation set loads faster in this process."""
    scores = model.predict(
        pd.DataFrame(index=table.index),
        batch_size=batch_size,
        num_workers=num_workers if len(table) >= 2 * batch_size else 0,
        activation_layer=None,
        progress_bar=False,
    )
    return scores.to_numpy(dtype=np.float64)


def sigmoid(logits: np.ndarray) -> np.ndarray:
    """Probabilities from logits (NaN stays NaN)."""
    return 1.0 / (1.0 + np.exp(-np.clip(logits, -60.0, 60.0)))


def fit_cnn(
    model: Any,
    train: pd.DataFrame,
    val: pd.DataFrame,
    *,
    steps: int,
    batch_size: int,
    learning_rate: float,
    weight_decay: float,
    seed: int,
    eval_every_steps: int,
    patience_steps: int | None = None,
    on_step: OnStep | None = None,
    num_workers: int = 0,
) -> CnnFit:
    """Train ``model`` (an ``opensoundscape.CNN``) on the clip table ``train``.

    ``on_step(step, steps, row, val_scores)`` is called after every step with the loss row
    (``step``, ``train_loss``, ``val_loss``) and, at evaluation steps, the validation
    probabilities (else ``None``).
    """
    import torch
    from opensoundscape.ml.dataloaders import collate_audio_samples

    torch.manual_seed(seed)
    np.random.seed(seed)  # OpenSoundscape's augmentations draw from numpy's and random's RNGs
    random.seed(seed)
    device = model.device
    network = model.network.to(device)
    loader = model.train_dataloader(
        train,
        batch_size=min(batch_size, len(train)),
        raise_errors=False,
        **_loader_options(num_workers),
    )
    optimiser = torch.optim.AdamW(network.parameters(), lr=learning_rate, weight_decay=weight_decay)
    y_all, m_all = _tensors(train.to_numpy(dtype=np.float64), "cpu")
    pos_weight = class_pos_weight(y_all, m_all).to(device)
    y_val, m_val = _tensors(val.to_numpy(dtype=np.float64), "cpu")  # scored on the CPU
    result = CnnFit()
    best: tuple[float, int | None, Any] = (float("inf"), None, None)
    batches = _batches(loader)
    for step in range(1, steps + 1):
        network.train()
        x, labels = collate_audio_samples(next(batches))
        y, mask = _tensors(labels.numpy().astype(np.float64), device)
        loss = masked_bce_loss(network(x.to(device)), y, mask, pos_weight)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        row: dict[str, Any] = {"step": step, "train_loss": float(loss.item()), "val_loss": None}
        val_scores = None
        if len(val) and (step % eval_every_steps == 0 or step == steps):
            logits = predict_logits(model, val, batch_size, num_workers)
            ok = torch.from_numpy(~np.isnan(logits).any(axis=1))
            val_scores = sigmoid(logits)
            if bool(ok.any()):  # else no validation clip could be read: no loss to compare
                val_logits = torch.from_numpy(np.nan_to_num(logits).astype(np.float32))
                val_loss = masked_bce_loss(val_logits[ok], y_val[ok], m_val[ok], pos_weight.cpu())
                row["val_loss"] = float(val_loss.item())
                if row["val_loss"] < best[0]:
                    best = (row["val_loss"], step, copy.deepcopy(network.state_dict()))
        result.loss_rows.append(row)
        if on_step is not None:
            on_step(step, steps, row, val_scores)
        if patience_steps and best[1] is not None and step - best[1] >= patience_steps:
            break
    batches.close()  # stops the loader's worker processes
    if patience_steps and best[2] is not None:
        network.load_state_dict(best[2])
        result.best_step = best[1]
    return result
