"""Validation metrics on hand-worked cases, cross-checked with scikit-learn where installed."""

from __future__ import annotations

import numpy as np
import pytest

from backend.scripts.training.metrics import (
    all_metrics,
    average_precision,
    calibration,
    precision_recall_f1,
    roc_auc,
    threshold_for_precision,
)


def test_average_precision_by_hand() -> None:
    # ranks: 0.9 (pos, precision 1/1), 0.8 (neg), 0.7 (pos, precision 2/3)
    assert average_precision([1, 0, 1], [0.9, 0.8, 0.7]) == pytest.approx((1 + 2 / 3) / 2)
    assert average_precision([1, 1, 0], [0.9, 0.8, 0.7]) == 1.0
    assert average_precision([0, 0], [0.5, 0.2]) is None


def test_nan_labels_are_left_out() -> None:
    labels = [1, np.nan, 0, 1]
    scores = [0.9, 0.99, 0.8, 0.7]
    assert average_precision(labels, scores) == pytest.approx((1 + 2 / 3) / 2)
    assert roc_auc(labels, scores) == pytest.approx(0.5)


def test_roc_auc_by_hand_with_ties() -> None:
    # pairs (pos, neg): (0.9, 0.8) win, (0.7, 0.8) loss → 1/2
    assert roc_auc([1, 0, 1], [0.9, 0.8, 0.7]) == pytest.approx(0.5)
    assert roc_auc([1, 0], [0.5, 0.5]) == pytest.approx(0.5)
    assert roc_auc([1, 1], [0.5, 0.4]) is None


def test_precision_recall_f1_at_a_threshold() -> None:
    row = precision_recall_f1([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1], 0.75)
    assert (row["tp"], row["fp"], row["fn"]) == (1, 1, 1)
    assert row["precision"] == 0.5 and row["recall"] == 0.5 and row["f1"] == 0.5
    nothing = precision_recall_f1([1, 0], [0.2, 0.1], 0.5)
    assert nothing["precision"] is None and nothing["recall"] == 0.0 and nothing["f1"] is None


def test_threshold_reaching_the_target_precision() -> None:
    labels = [1, 1, 0, 1, 0, 0]
    scores = [0.95, 0.9, 0.8, 0.7, 0.3, 0.2]
    # t=0.7: 3/4 = 0.75; t=0.8: 2/3; t=0.9: 2/2 → lowest reaching 0.75 is 0.7, reaching 0.9 is 0.9
    assert threshold_for_precision(labels, scores, 0.75) == 0.7
    assert threshold_for_precision(labels, scores, 0.9) == 0.9
    assert threshold_for_precision([0, 0, 1], [0.9, 0.8, 0.1], 0.9) is None


def test_calibration_bins_hold_means_fractions_and_counts() -> None:
    bins = calibration([1, 0, 1, 1], [0.05, 0.08, 0.95, 1.0])
    assert len(bins) == 10
    assert bins[0]["count"] == 2 and bins[0]["fraction_positive"] == 0.5
    assert bins[0]["mean_score"] == pytest.approx(0.065)
    assert bins[9]["count"] == 2 and bins[9]["fraction_positive"] == 1.0
    assert bins[5]["count"] == 0 and bins[5]["mean_score"] is None


def test_all_metrics_gives_mean_ap_over_classes() -> None:
    labels = np.array([[1, 0], [0, 1], [1, np.nan]])
    scores = np.array([[0.9, 0.1], [0.2, 0.8], [0.7, 0.5]])
    result = all_metrics(labels, scores, ["a", "b"], [0.5], 0.9)
    assert result["classes"]["b"]["n_positive"] == 1 and result["classes"]["b"]["n_negative"] == 1
    assert result["mean_average_precision"] == 1.0


def test_matches_scikit_learn_on_random_scores() -> None:
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(3)
    labels = rng.integers(0, 2, 200)
    scores = rng.random(200)
    assert average_precision(labels, scores) == pytest.approx(
        sklearn_metrics.average_precision_score(labels, scores)
    )
    assert roc_auc(labels, scores) == pytest.approx(sklearn_metrics.roc_auc_score(labels, scores))
