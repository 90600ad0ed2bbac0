"""Active-learning selection on constructed data: exact uncertainty order, k-center greedy picks
(far points first, labelled rows as centres, scale invariance), and the hybrid's schedule from
pure diversity (few labels) to nearly pure uncertainty (many labels)."""

from __future__ import annotations

import numpy as np
import pytest

from backend.scripts.active_learning import (
    balanced_threshold,
    hybrid_pick,
    hybrid_pool_size,
    k_center_greedy,
    uncertainty_key,
)
from backend.scripts.active_learning.selection import HYBRID_RAMP_LABELS


def directions(*degrees: float) -> np.ndarray:
    """Unit vectors in the plane at these angles (degrees), as rows."""
    radians = np.deg2rad(np.asarray(degrees, dtype=np.float64))
    return np.stack([np.cos(radians), np.sin(radians)], axis=1)


# ---- uncertainty ----------------------------------------------------------------------------


def test_uncertainty_orders_probabilities_by_distance_to_threshold() -> None:
    scores = np.array([0.1, 0.45, 0.9, 0.58, np.nan, 0.5])

    key = uncertainty_key(scores)

    np.testing.assert_allclose(key[:4], [0.4, 0.05, 0.4, 0.08])
    assert key[4] == np.inf and key[5] == 0.0
    assert list(np.argsort(key, kind="stable")) == [5, 1, 3, 0, 2, 4]


def test_uncertainty_uses_the_given_threshold() -> None:
    scores = np.array([0.5, 0.75, 0.95])

    assert list(np.argsort(uncertainty_key(scores, threshold=0.8))) == [1, 2, 0]


def test_balanced_threshold_is_the_share_of_negatives() -> None:
    assert balanced_threshold(5, 95) == 0.95
    assert balanced_threshold(10, 10) == 0.5
    assert balanced_threshold(0, 40) == 0.5 and balanced_threshold(3, 0) == 0.5
    # on a class-balanced head's scores of a rare class, 0.93 is undecided, 0.5 a clear no
    key = uncertainty_key(np.array([0.5, 0.93, 0.6]), balanced_threshold(5, 95))
    assert list(np.argsort(key)) == [1, 2, 0]


def test_uncertainty_reads_scores_outside_0_1_as_logits() -> None:
    logits = np.array([-3.0, 0.2, 4.0, -0.5])

    key = uncertainty_key(logits)

    np.testing.assert_allclose(key, np.abs(1 / (1 + np.exp(-logits)) - 0.5))
    assert list(np.argsort(key)) == [1, 3, 0, 2]


# ---- k-center greedy ------------------------------------------------------------------------


def test_k_center_picks_the_far_points_first_after_a_labelled_centre() -> None:
    candidates = directions(0, 5, 10, 90, 180)

    picks = k_center_greedy(candidates, 3, labelled=directions(0))

    # 180° is farthest from the labelled 0°, then 90° (equidistant from both), then 10°
    assert list(picks) == [4, 3, 2]


def test_labelled_rows_count_as_centres() -> None:
    candidates = directions(0, 5, 10, 90, 180)

    assert list(k_center_greedy(candidates, 2, labelled=directions(180))) == [0, 3]
    # everything near a labelled row comes last
    assert list(k_center_greedy(candidates, 5, labelled=directions(0, 90, 180))) == [2, 1, 0, 3, 4]


def test_without_labels_the_first_pick_is_random_then_farthest() -> None:
    candidates = directions(0, 5, 10, 90, 180, 270)
    first = int(np.random.default_rng(7).integers(len(candidates)))

    picks = k_center_greedy(candidates, 3, rng=np.random.default_rng(7))

    assert picks[0] == first
    again = k_center_greedy(candidates, 3, rng=np.random.default_rng(7))
    assert list(picks) == list(again)
    # after a start at 0°, 5° or 10°, the next pick is the opposite direction
    if first in (0, 1, 2):
        assert picks[1] == 4


def test_k_center_compares_directions_not_lengths() -> None:
    candidates = directions(0, 5, 10, 90, 180) * np.array([[1.0], [50.0], [0.1], [3.0], [0.2]])

    assert list(k_center_greedy(candidates, 3, labelled=10 * directions(0))) == [4, 3, 2]


def test_k_center_returns_at_most_n_distinct_positions() -> None:
    candidates = np.ones((4, 3))

    picks = k_center_greedy(candidates, 10, labelled=np.ones((2, 3)))

    assert sorted(picks) == [0, 1, 2, 3]
    assert len(k_center_greedy(candidates, 0)) == 0
    assert len(k_center_greedy(np.zeros((0, 3)), 5)) == 0


def test_k_center_rejects_mismatched_dimensions() -> None:
    with pytest.raises(ValueError, match="labelled embeddings have 3 dimensions, candidates 2"):
        k_center_greedy(directions(0, 90), 1, labelled=np.ones((1, 3)))


# ---- hybrid ---------------------------------------------------------------------------------


def test_hybrid_pool_shrinks_from_all_candidates_to_a_small_multiple_of_k() -> None:
    labels = (0, 10, HYBRID_RAMP_LABELS, 1000, 100_000)
    sizes = [hybrid_pool_size(10_000, 10, n) for n in labels]

    assert sizes[0] == 10_000
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) == len(sizes)
    # halfway (geometrically) at HYBRID_RAMP_LABELS labels: sqrt(10000 × 30)
    assert sizes[2] == round(np.sqrt(10_000 * 30))
    assert hybrid_pool_size(10_000, 10, 100, ramp_labels=100) == round(np.sqrt(10_000 * 30))
    assert 30 <= sizes[-1] <= 31
    assert hybrid_pool_size(20, 10, 10**6) == 20  # never more than the candidates
    assert hybrid_pool_size(0, 10, 0) == 0


def two_groups() -> tuple[np.ndarray, np.ndarray]:
    """40 uncertain candidates packed near 0°, 40 confident ones spread over 90°–270°."""
    rng = np.random.default_rng(3)
    near = directions(*rng.uniform(-4, 4, 40))
    spread = directions(*np.linspace(90, 270, 40))
    scores = np.concatenate([rng.uniform(0.45, 0.55, 40), rng.uniform(0.0, 0.05, 40)])
    return np.concatenate([near, spread]), scores


def test_hybrid_with_few_labels_is_diversity() -> None:
    candidates, scores = two_groups()
    labelled = directions(0)

    picks = hybrid_pick(scores, candidates, 5, labelled=labelled, n_labelled=0)

    assert list(picks) == list(k_center_greedy(candidates, 5, labelled=labelled))
    assert (picks >= 40).sum() >= 4  # mostly the spread, confident group


def test_hybrid_with_many_labels_is_dominated_by_uncertainty() -> None:
    candidates, scores = two_groups()
    labelled = directions(0)

    picks = hybrid_pick(scores, candidates, 5, labelled=labelled, n_labelled=100_000)

    most_uncertain = set(np.argsort(uncertainty_key(scores))[: 3 * 5 + 1])
    assert set(picks) <= most_uncertain  # within the pool of the ~3k most uncertain
    assert len(set(picks)) == 5
    # and diverse inside that pool: the picks are not just the 5 most uncertain in order
    assert list(picks) != list(np.argsort(uncertainty_key(scores))[:5])


def test_hybrid_never_picks_nan_scores_while_others_remain() -> None:
    candidates, scores = two_groups()
    scores[:30] = np.nan

    picks = hybrid_pick(scores, candidates, 5, labelled=directions(0), n_labelled=10_000)

    assert (picks >= 30).all()


def test_hybrid_rejects_scores_that_do_not_match_the_candidates() -> None:
    with pytest.raises(ValueError, match="3 scores for 2 candidate embeddings"):
        hybrid_pick(np.zeros(3), directions(0, 90), 1)
