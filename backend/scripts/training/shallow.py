"""Train a shallow head (logistic or MLP) on embeddings with torch, deterministically.

Inputs are standardised with the training set's mean and std (stored in the model file; the std
is floored at 10 % of its mean so dimensions constant in training do not explode), the loss
is BCE-with-logits over the labelled cells only (NaN labels are masked out), each class's
positives are weighted by ``negatives / positives`` (class-balanced ``pos_weight``), the optimiser
is AdamW, and mini-batches are drawn with a seeded generator, so the same config and data give the
same model. With a validation set the loss on it is evaluated every ``eval_every_steps`` steps;
early stopping (optional) keeps the weights of the best validation loss.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from backend.scripts.shallow_classifier_file import build_head

STD_FLOOR_FRACTION = 0.1  # standardisation divides by at least 10 % of the mean std


@dataclass
class TrainedHead:
    """The trained head, its input standardisation and the loss history."""

    head: Any
    input_mean: np.ndarray
    input_std: np.ndarray
    loss_rows: list[dict[str, Any]] = field(default_factory=list)
    best_step: int | None = None

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Sigmoid scores ``(n, classes)`` for embeddings ``x``."""
        import torch

        with torch.no_grad():
            z = (torch.from_numpy(x.astype(np.float32)) - torch.from_numpy(self.input_mean)) / (
                torch.from_numpy(self.input_std)
            )
            return torch.sigmoid(self.head.eval()(z)).numpy().astype(np.float64)


def masked_bce_loss(logits: Any, y: Any, mask: Any, pos_weight: Any) -> Any:
    """Mean BCE-with-logits over the labelled cells (``mask`` 1) with per-class ``pos_weight``."""
    import torch

    loss = torch.nn.functional.binary_cross_entropy_with_logits(
        logits, y, pos_weight=pos_weight, reduction="none"
    )
    return (loss * mask).sum() / mask.sum().clamp(min=1.0)


def class_pos_weight(y: Any, mask: Any) -> Any:
    """Per-class ``negatives / positives`` of the labelled cells (class-balanced BCE)."""
    positives = (y * mask).sum(0)
    negatives = ((1 - y) * mask).sum(0)
    return (negatives / positives.clamp(min=1.0)).clamp(min=1e-3)


def train_head(
    x_train: np.ndarray,
    y_train: np.ndarray,
    *,
    head_type: str,
    hidden_sizes: list[int],
    steps: int,
    learning_rate: float,
    weight_decay: float,
    batch_size: int,
    seed: int,
    x_val: np.ndarray | None = None,
    y_val: np.ndarray | None = None,
    eval_every_steps: int = 10,
    patience_steps: int | None = None,
    on_step: Callable[[int, int, dict[str, Any], TrainedHead], None] | None = None,
) -> TrainedHead:
    """Train a head on ``x_train`` (float32 ``(n, d)``) and ``y_train`` (1 / 0 / NaN ``(n, c)``).

    ``on_step(step, steps, row, current)`` is called after every evaluation with the loss row
    (``step``, ``train_loss``, ``val_loss``) and the head so far (to compute e.g. validation AP).
    """
    import torch

    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    mean = x_train.mean(axis=0).astype(np.float32)
    std = x_train.std(axis=0)
    # a dimension (nearly) constant in the training set must not blow up unseen values
    std = np.maximum(std, STD_FLOOR_FRACTION * float(std.mean()) + 1e-6).astype(np.float32)

    def prepare(x: np.ndarray, y: np.ndarray) -> tuple[Any, Any, Any]:
        z = torch.from_numpy(((x - mean) / std).astype(np.float32))
        labels = torch.from_numpy(np.nan_to_num(y, nan=0.0).astype(np.float32))
        return z, labels, torch.from_numpy((~np.isnan(y)).astype(np.float32))

    xt, yt, mt = prepare(x_train, y_train)
    pos_weight = class_pos_weight(yt, mt)
    val = prepare(x_val, y_val) if x_val is not None and y_val is not None else None
    head = build_head(x_train.shape[1], y_train.shape[1], head_type, hidden_sizes)  # type: ignore[arg-type]
    optimiser = torch.optim.AdamW(head.parameters(), lr=learning_rate, weight_decay=weight_decay)
    result = TrainedHead(head, mean, std)
    best: tuple[float, int | None, Any] = (float("inf"), None, None)
    n = len(xt)
    for step in range(1, steps + 1):
        head.train()
        index = torch.randint(0, n, (min(batch_size, n),), generator=generator)
        loss = masked_bce_loss(head(xt[index]), yt[index], mt[index], pos_weight)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        if step % eval_every_steps and step != steps:
            continue
        row: dict[str, Any] = {"step": step, "train_loss": float(loss.item()), "val_loss": None}
        if val is not None:
            with torch.no_grad():
                row["val_loss"] = float(masked_bce_loss(head.eval()(val[0]), *val[1:], pos_weight))
            if row["val_loss"] < best[0]:
                best = (row["val_loss"], step, copy.deepcopy(head.state_dict()))
        result.loss_rows.append(row)
        if on_step is not None:
            on_step(step, steps, row, result)
        if patience_steps and best[1] is not None and step - best[1] >= patience_steps:
            break
    if patience_steps and best[2] is not None:
        head.load_state_dict(best[2])
        result.best_step = best[1]
    return result
