"""How each simulated strategy picks the next batch of windows to label (multi-class).

``random`` and ``diversity`` pick the whole batch at once; ``uncertainty`` and ``hybrid`` split it
evenly over the classes (the remainder rotating with the round), each class picking by its own
score column among the windows not yet picked: a rare class then gets its share even when another
class's scores dominate, and Extraction builds one task per class the same way. Every hybrid pick
counts the labelled windows and the batch's earlier picks as k-center centres.

Uncertainty is measured around ``balanced_threshold`` of the class's labels so far (the share of
negatives), not 0.5: the head weights positives by negatives / positives, so for a rare class
hundreds of negatives score above 0.5 and "closest to 0.5" finds few positives (the ``t0.5`` rows
of the simulation show the cost).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backend.scripts.active_learning import (
    balanced_threshold,
    hybrid_pick,
    k_center_greedy,
    uncertainty_key,
)
from backend.scripts.active_learning.selection import (
    HYBRID_MIN_POOL_MULTIPLE,
    HYBRID_RAMP_LABELS,
)


@dataclass(frozen=True)
class Strategy:
    """A strategy and, for ``hybrid``, its schedule (see ``hybrid_pool_size``)."""

    kind: str  # random | uncertainty | diversity | hybrid
    ramp_labels: float = HYBRID_RAMP_LABELS
    min_pool_multiple: float = HYBRID_MIN_POOL_MULTIPLE
    threshold: str = "balanced"  # "0.5", or "balanced": see ``decision_threshold``

    @property
    def name(self) -> str:
        name = self.kind
        if self.kind == "hybrid" and (
            self.ramp_labels != HYBRID_RAMP_LABELS
            or self.min_pool_multiple != HYBRID_MIN_POOL_MULTIPLE
        ):
            name += f" r{self.ramp_labels:g} m{self.min_pool_multiple:g}"
        if self.kind in ("uncertainty", "hybrid") and self.threshold != "balanced":
            name += f" t{self.threshold}"
        return name


def decision_threshold(rule: str, labels: np.ndarray) -> float:
    """The score that counts as "undecided" for one class: 0.5 (``"0.5"``), or
    ``balanced_threshold`` of the class's labels so far (``"balanced"``; see there)."""
    if rule == "0.5":
        return 0.5
    known = labels[~np.isnan(labels)]
    return balanced_threshold(int((known == 1).sum()), int((known == 0).sum()))


def per_class_counts(batch: int, n_classes: int, round_index: int) -> list[int]:
    """``batch`` split evenly over classes; the remainder goes to classes in rotation."""
    counts = [batch // n_classes] * n_classes
    for j in range(batch % n_classes):
        counts[(round_index + j) % n_classes] += 1
    return counts


def pick(
    strategy: Strategy,
    x: np.ndarray,
    scores: np.ndarray,
    labelled: np.ndarray,
    batch: int,
    round_index: int,
    rng: np.random.Generator,
    y: np.ndarray,
) -> np.ndarray:
    """Pool positions of the next ``batch`` windows to label.

    ``x``: the pool's embeddings; ``scores``: the current model's probabilities ``(n, classes)``;
    ``labelled``: a boolean mask of the windows labelled so far; ``y``: the labels (only the
    labelled rows are read).
    """
    unlabelled = np.flatnonzero(~labelled)
    if strategy.kind == "random":
        return rng.choice(unlabelled, size=min(batch, len(unlabelled)), replace=False)
    if strategy.kind == "diversity":
        return unlabelled[k_center_greedy(x[unlabelled], batch, labelled=x[labelled], rng=rng)]
    chosen: list[int] = []
    for c, k in enumerate(per_class_counts(batch, scores.shape[1], round_index)):
        left = np.setdiff1d(unlabelled, chosen, assume_unique=True)
        threshold = decision_threshold(strategy.threshold, y[labelled, c])
        if strategy.kind == "uncertainty":
            order = np.argsort(uncertainty_key(scores[left, c], threshold), kind="stable")[:k]
        elif strategy.kind == "hybrid":
            centres = np.concatenate([np.flatnonzero(labelled), np.asarray(chosen, dtype=int)])
            order = hybrid_pick(
                scores[left, c],
                x[left],
                k,
                threshold,
                labelled=x[centres],
                n_labelled=int(labelled.sum()),
                rng=rng,
                ramp_labels=strategy.ramp_labels,
                min_pool_multiple=strategy.min_pool_multiple,
            )
        else:
            raise ValueError(f"unknown strategy {strategy.kind!r}")
        chosen += [int(i) for i in left[order]]
    return np.asarray(chosen, dtype=int)
