"""Active-learning selection strategies on one class's scores and the windows' embeddings.

- **Uncertainty**: windows whose score is closest to the decision threshold first
  (``uncertainty_key``). Scores may be probabilities (all in [0, 1]) or logits. For Dipper's
  class-balanced heads use ``balanced_threshold`` rather than 0.5 (see there).
- **Diversity**: k-center greedy (``k_center_greedy``): each pick is the candidate farthest from
  every labelled window and every earlier pick, so a batch covers the embedding space instead of
  repeating one kind of sound. Distances are euclidean on L2-normalised embeddings (a monotone
  function of cosine similarity, which suits BirdNET-like embeddings).
- **Hybrid** (``hybrid_pick``): k-center greedy inside the most uncertain candidates, in a pool
  whose size shrinks geometrically from all candidates (no labels yet: pure diversity) towards a
  small multiple of the batch (many labels: nearly pure uncertainty) as the class's labels grow.
  The schedule depends only on the number of labels and the batch size (``hybrid_pool_size``).

Everything is deterministic for a given ``numpy.random.Generator``; nothing here imports torch.
"""

from __future__ import annotations

import numpy as np

HYBRID_RAMP_LABELS = 30
"""Labels of a class at which the hybrid pool is halfway (geometrically) between all candidates
and ``HYBRID_MIN_POOL_MULTIPLE`` × k. Chosen with ``bench/active_learning/simulate.py --tune``
(30, 100, 300 and 1,000 compared on a tuning split; 30 was best, 100 within noise; 30 best or tied
on the 12,000-window pool at 0.5 % prevalence with the logistic head, the MLP head and growing
batches)."""
HYBRID_MIN_POOL_MULTIPLE = 3
"""With many labels the hybrid pool tends to this many times the batch size."""
_DISTANCE_CHUNK_ROWS = 4096  # rows per block when measuring distances to the labelled set


def balanced_threshold(positives: int, negatives: int) -> float:
    """The decision threshold for uncertainty on a class-balanced head's scores.

    Dipper's shallow head weights each class's positives by ``negatives / positives``, which
    raises every logit by about ``log(negatives / positives)``: for a rare class hundreds of
    windows then score above 0.5, and "closest to 0.5" picks mostly negatives. Undoing that
    shift puts the threshold at ``negatives / (negatives + positives)`` (the share of negatives
    among the class's training labels, e.g. 0.95 for 5 positives and 95 negatives), where the
    unweighted posterior is one half. 0.5 when either count is zero.
    """
    if positives <= 0 or negatives <= 0:
        return 0.5
    return float(negatives) / float(negatives + positives)


def uncertainty_key(scores: np.ndarray, threshold: float = 0.5) -> np.ndarray:
    """Sort key, ascending = most uncertain first.

    Parameters
    ----------
    scores
        One class's scores, shape ``(n,)``: probabilities when every finite value lies in
        [0, 1], otherwise logits (turned into probabilities with the sigmoid).
    threshold
        The decision threshold, a probability.

    Returns
    -------
    numpy.ndarray
        ``|p - threshold|`` per window (float64); NaN scores get ``inf`` so they sort last.
    """
    values = np.asarray(scores, dtype=np.float64).reshape(-1)
    finite = np.isfinite(values)
    if finite.any() and (values[finite].min() < 0.0 or values[finite].max() > 1.0):
        with np.errstate(over="ignore"):
            values = 1.0 / (1.0 + np.exp(-values))
    key = np.abs(values - threshold)
    key[np.isnan(values)] = np.inf
    return key


def _unit_rows(x: np.ndarray) -> np.ndarray:
    """Rows scaled to unit L2 norm (all-zero rows stay zero), as float32 ``(n, d)``."""
    x = np.asarray(x, dtype=np.float32)
    if x.ndim != 2:
        raise ValueError(f"embeddings must be a 2-d array (rows × dimensions), got shape {x.shape}")
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, 1e-12)


def _distances_sq(points: np.ndarray, points_sq: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Squared euclidean distances ``(n, c)`` between rows ``points`` (squared norms
    ``points_sq``) and rows ``centres``."""
    return np.maximum(
        points_sq[:, None] + (centres * centres).sum(axis=1)[None, :] - 2.0 * (points @ centres.T),
        0.0,
    )


def k_center_greedy(
    candidates: np.ndarray,
    k: int,
    labelled: np.ndarray | None = None,
    rng: np.random.Generator | None = None,
) -> np.ndarray:
    """Pick ``min(k, n)`` diverse candidates by k-center greedy.

    Parameters
    ----------
    candidates
        Embeddings of the unlabelled candidates, ``(n, d)``.
    k
        How many to pick.
    labelled
        Embeddings of the windows already labelled, ``(m, d)`` (or None): they count as centres,
        so picks avoid what is already known.
    rng
        Chooses the first pick when there are no labelled rows (default: seed 0).

    Returns
    -------
    numpy.ndarray
        Positions into ``candidates`` (int64) in pick order: each pick is the candidate farthest
        (euclidean on L2-normalised rows) from every labelled row and every earlier pick; ties go
        to the lowest position. Deterministic for a given ``rng``.
    """
    points = _unit_rows(candidates)
    n = len(points)
    count = max(0, min(int(k), n))
    if count == 0:
        return np.zeros(0, dtype=np.int64)
    points_sq = (points * points).sum(axis=1)
    nearest = np.full(n, np.inf, dtype=np.float64)
    if labelled is not None and len(labelled):
        centres = _unit_rows(labelled)
        if centres.shape[1] != points.shape[1]:
            raise ValueError(
                f"labelled embeddings have {centres.shape[1]} dimensions, "
                f"candidates {points.shape[1]}"
            )
        for start in range(0, len(centres), _DISTANCE_CHUNK_ROWS):
            block = centres[start : start + _DISTANCE_CHUNK_ROWS]
            block = _distances_sq(points, points_sq, block)
            nearest = np.minimum(nearest, block.min(axis=1))
    picks = np.empty(count, dtype=np.int64)
    for i in range(count):
        if np.isinf(nearest).all():
            pick = int((rng or np.random.default_rng(0)).integers(n))
        else:
            pick = int(np.argmax(nearest))
        picks[i] = pick
        to_pick = _distances_sq(points, points_sq, points[pick][None, :])[:, 0]
        nearest = np.minimum(nearest, to_pick)
        nearest[pick] = -1.0  # never picked twice, even when every point coincides
    return picks


def hybrid_pool_size(
    n_candidates: int,
    k: int,
    n_labelled: int,
    ramp_labels: float = HYBRID_RAMP_LABELS,
    min_pool_multiple: float = HYBRID_MIN_POOL_MULTIPLE,
) -> int:
    """How many of the most uncertain candidates the hybrid's k-center greedy chooses from.

    A geometric interpolation between all ``n_candidates`` (weight 1 at 0 labels) and
    ``min_pool_multiple × k`` (weight → 1 as labels grow): with ``u = n_labelled / (n_labelled +
    ramp_labels)``, ``pool = n_candidates^(1-u) × (min_pool_multiple × k)^u``, never below ``k``
    and never above ``n_candidates``.
    """
    if n_candidates <= 0:
        return 0
    floor = min(n_candidates, max(int(k), int(np.ceil(min_pool_multiple * max(int(k), 1)))))
    u = max(n_labelled, 0) / (max(n_labelled, 0) + max(ramp_labels, 1e-9))
    size = np.exp((1.0 - u) * np.log(n_candidates) + u * np.log(max(floor, 1)))
    return int(min(n_candidates, max(floor, round(float(size)))))


def hybrid_pick(
    scores: np.ndarray,
    candidates: np.ndarray,
    k: int,
    threshold: float = 0.5,
    labelled: np.ndarray | None = None,
    n_labelled: int = 0,
    rng: np.random.Generator | None = None,
    *,
    ramp_labels: float = HYBRID_RAMP_LABELS,
    min_pool_multiple: float = HYBRID_MIN_POOL_MULTIPLE,
) -> np.ndarray:
    """Diversity first, uncertainty later.

    k-center greedy (see ``k_center_greedy``) inside a pool of the most uncertain candidates (see
    ``uncertainty_key``) whose size shrinks as labels accumulate (``hybrid_pool_size``):
    ``n_labelled`` is the number of labels of this class so far. With few labels the pool is
    (nearly) all candidates (pure diversity); with many it is a small multiple of ``k`` (nearly
    pure uncertainty).

    Parameters
    ----------
    scores
        This class's scores of the candidates, ``(n,)`` (probabilities or logits).
    candidates
        The candidates' embeddings, ``(n, d)``.
    k
        How many to pick.
    threshold
        The decision threshold (a probability).
    labelled
        Embeddings already labelled (centres for k-center greedy), ``(m, d)`` or None.
    n_labelled
        Labels of this class so far (drives the schedule).
    rng
        For k-center greedy's first pick when nothing is labelled.

    Returns
    -------
    numpy.ndarray
        Positions into ``candidates`` (int64) in pick order, ``min(k, n)`` of them.
    """
    key = uncertainty_key(scores, threshold)
    if len(key) != len(candidates):
        raise ValueError(f"{len(key)} scores for {len(candidates)} candidate embeddings")
    size = hybrid_pool_size(len(key), k, n_labelled, ramp_labels, min_pool_multiple)
    # in candidate order, so that a full pool gives exactly k_center_greedy's picks (ties included)
    pool = np.sort(np.argsort(key, kind="stable")[:size])
    return pool[k_center_greedy(np.asarray(candidates)[pool], k, labelled, rng)]
