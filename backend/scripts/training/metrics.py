"""Per-class validation metrics in plain numpy (scores are probabilities, labels 1 / 0 / NaN).

Definitions (NaN labels are left out; a class with no positive or no negative gets ``None`` where a
metric is undefined):

- **average precision (AP)**: mean, over the positives, of the precision among all windows scored
  at least as high as that positive (ties count as above) — ``sklearn.metrics.average_precision``
  with distinct scores;
- **ROC-AUC**: probability that a random positive scores above a random negative (ties: ½);
- **precision / recall / F1 at a threshold t**: a window is predicted positive when score ≥ t;
  precision is ``None`` when nothing is predicted positive;
- **threshold for the target precision**: the lowest score threshold (among the observed scores)
  whose precision is ≥ the target, or ``None`` when no threshold reaches it;
- **calibration**: 10 equal bins of score in [0, 1]; per bin the mean score, the observed fraction
  of positives and the count (``None`` means for empty bins).
"""

from __future__ import annotations

from typing import Any

import numpy as np

CALIBRATION_BINS = 10


def _clean(labels: Any, scores: Any) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(labels, dtype=np.float64)
    s = np.asarray(scores, dtype=np.float64)
    keep = ~np.isnan(y)
    return y[keep], s[keep]


def average_precision(labels: Any, scores: Any) -> float | None:
    """AP of one class (``None`` without positives)."""
    y, s = _clean(labels, scores)
    n_pos = int((y == 1).sum())
    if n_pos == 0:
        return None
    total = 0.0
    for score in s[y == 1]:
        above = s >= score
        total += float((y[above] == 1).sum()) / float(above.sum())
    return total / n_pos


def roc_auc(labels: Any, scores: Any) -> float | None:
    """ROC-AUC of one class (``None`` without positives or without negatives)."""
    y, s = _clean(labels, scores)
    pos, neg = s[y == 1], s[y == 0]
    if len(pos) == 0 or len(neg) == 0:
        return None
    greater = (pos[:, None] > neg[None, :]).sum()
    ties = (pos[:, None] == neg[None, :]).sum()
    return float(greater + 0.5 * ties) / float(len(pos) * len(neg))


def precision_recall_f1(labels: Any, scores: Any, threshold: float) -> dict[str, Any]:
    """Counts and precision, recall, F1 when ``score >= threshold`` means positive."""
    y, s = _clean(labels, scores)
    predicted = s >= threshold
    tp = int((predicted & (y == 1)).sum())
    fp = int((predicted & (y == 0)).sum())
    fn = int((~predicted & (y == 1)).sum())
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall > 0
        else 0.0
        if precision is not None and recall is not None
        else None
    )
    return {
        "threshold": float(threshold),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def threshold_for_precision(labels: Any, scores: Any, target: float) -> float | None:
    """Lowest observed score t with precision(score ≥ t) ≥ ``target`` (``None`` if none)."""
    y, s = _clean(labels, scores)
    for t in np.unique(s):  # ascending: the first that reaches the target is the lowest
        predicted = s >= t
        if predicted.sum() and (y[predicted] == 1).mean() >= target - 1e-12:
            return float(t)
    return None


def calibration(labels: Any, scores: Any, bins: int = CALIBRATION_BINS) -> list[dict[str, Any]]:
    """Per score bin: ``{"bin_low", "bin_high", "mean_score", "fraction_positive", "count"}``."""
    y, s = _clean(labels, scores)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(s, edges[1:-1], right=False), 0, bins - 1)
    out = []
    for b in range(bins):
        inside = which == b
        n = int(inside.sum())
        out.append(
            {
                "bin_low": float(edges[b]),
                "bin_high": float(edges[b + 1]),
                "mean_score": float(s[inside].mean()) if n else None,
                "fraction_positive": float(y[inside].mean()) if n else None,
                "count": n,
            }
        )
    return out


def class_metrics(
    labels: Any, scores: Any, thresholds: list[float], target_precision: float
) -> dict[str, Any]:
    """Every metric of one class, as plain JSON types."""
    y, _ = _clean(labels, scores)
    return {
        "n_positive": int((y == 1).sum()),
        "n_negative": int((y == 0).sum()),
        "average_precision": average_precision(labels, scores),
        "roc_auc": roc_auc(labels, scores),
        "at_thresholds": [precision_recall_f1(labels, scores, t) for t in thresholds],
        "target_precision": target_precision,
        "threshold_for_target_precision": threshold_for_precision(labels, scores, target_precision),
        "calibration": calibration(labels, scores),
    }


def all_metrics(
    labels: np.ndarray,
    scores: np.ndarray,
    classes: list[str],
    thresholds: list[float],
    target_precision: float,
) -> dict[str, Any]:
    """``{"classes": {name: class_metrics}, "mean_average_precision": float | None}``."""
    per_class = {
        name: class_metrics(labels[:, i], scores[:, i], thresholds, target_precision)
        for i, name in enumerate(classes)
    }
    aps = [m["average_precision"] for m in per_class.values() if m["average_precision"] is not None]
    return {
        "classes": per_class,
        "mean_average_precision": float(np.mean(aps)) if aps else None,
    }


def mean_ap(labels: np.ndarray, scores: np.ndarray) -> float | None:
    """Mean AP over the classes that have positives (for progress messages)."""
    aps = [average_precision(labels[:, i], scores[:, i]) for i in range(labels.shape[1])]
    kept = [a for a in aps if a is not None]
    return float(np.mean(kept)) if kept else None
