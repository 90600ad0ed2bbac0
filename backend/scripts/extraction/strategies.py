"""Selection strategies, vectorised over all strata of one class at once.

Each strategy gets the class's candidate windows (after the threshold and filters), their scores
and a :class:`~backend.scripts.extraction.group_ranking.GroupIndex` of their strata, and returns
which candidates it picks plus the counts per stratum (or per stratum × percentile bin) for the
summary. Every strategy is "the first ``n`` of each stratum by some key"
(:meth:`GroupIndex.first_n`).

- ``random``: ``n`` uniformly at random;
- ``top``: the ``n`` highest scores (ties: earlier window first);
- ``score_bins``: for each ``[low, high]`` bin, the windows whose score lies between the stratum's
  ``low``-th and ``high``-th percentile (linear interpolation, as ``numpy.percentile``; computed on
  the candidates, i.e. after the threshold; the upper edge belongs to the next bin, except 100),
  then ``n`` at random from each bin;
- ``score_weighted``: ``n`` drawn without replacement with probability proportional to the score
  when all candidate scores of the class lie in [0, 1] (probabilities), else to ``sigmoid(score)``
  (logits);
- ``zscore_weighted``: ``n`` drawn without replacement with weight ``exp(z)``, ``z`` the score's
  z-score within its stratum (all equal weights when the stratum's scores do not vary).

The active-learning strategies (uncertainty, diversity, hybrid) are in
:mod:`backend.scripts.extraction.model_strategies`.

Weighted draws use Efraimidis–Spirakis keys ``log(u) / w``. A stratum with fewer candidates than
``n`` gives all of them; its summary row says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backend.common.extraction_config import ScoreBinsStrategy
from backend.scripts.extraction.group_ranking import GroupIndex


@dataclass
class Draw:
    """What one strategy (or one bin of ``score_bins``) picked for one class."""

    label: str  # e.g. "random", "top", "score_bins 75-90"
    picked: np.ndarray  # positions into the candidate arrays
    available: np.ndarray  # per stratum
    selected: np.ndarray  # per stratum
    requested: int
    notes: np.ndarray | None = None  # per stratum: what the summary should add (e.g. a pool)


def _draw(index: GroupIndex, key: np.ndarray, n: int, label: str) -> Draw:
    picked = index.first_n(key, n)
    return Draw(label, picked, index.counts, np.minimum(index.counts, n), n)


def random_draw(index: GroupIndex, n: int, rng: np.random.Generator) -> Draw:
    """``n`` per stratum uniformly at random."""
    return _draw(index, rng.random(len(index.groups)), n, "random")


def top_draw(index: GroupIndex, scores: np.ndarray, n: int) -> Draw:
    """The ``n`` highest scores per stratum (ties broken by window order)."""
    return _draw(index, -scores.astype(np.float64), n, "top")


def weighted_draw(
    index: GroupIndex, weights: np.ndarray, n: int, rng: np.random.Generator, label: str
) -> Draw:
    """``n`` per stratum without replacement, probability proportional to ``weights``."""
    u = rng.random(len(index.groups))
    with np.errstate(divide="ignore"):
        keys = np.log(np.maximum(u, 1e-300)) / weights  # in (-inf, 0]; larger is better
    keys = np.where(weights > 0, keys, -np.inf)
    return _draw(index, -keys, n, label)


def score_weights(scores: np.ndarray) -> np.ndarray:
    """Scores as they are when all lie in [0, 1], else their sigmoid."""
    values = scores.astype(np.float64)
    if len(values) and (values.min() < 0 or values.max() > 1):
        return 1.0 / (1.0 + np.exp(-values))
    return values


def zscore_weights(index: GroupIndex, scores: np.ndarray) -> np.ndarray:
    """``exp(z)`` with ``z`` the z-score of each score within its stratum (0 when constant)."""
    groups, n_groups = index.groups, index.n_groups
    values = scores.astype(np.float64)
    count = np.maximum(index.counts, 1)
    mean = np.bincount(groups, values, minlength=n_groups) / count
    var = np.bincount(groups, (values - mean[groups]) ** 2, minlength=n_groups) / count
    std = np.sqrt(var)[groups]
    z = np.where(std > 0, (values - mean[groups]) / np.where(std > 0, std, 1.0), 0.0)
    return np.exp(z)


def percentile_bounds(
    index: GroupIndex, scores: np.ndarray, percentiles: list[float]
) -> dict[float, np.ndarray]:
    """``{q: the q-th percentile of each stratum's scores}`` (linear, like ``numpy.percentile``;
    NaN for an empty stratum). One sort serves every ``q``."""
    sorted_scores = index.sorted_within_groups(scores).astype(np.float64)
    count = index.counts
    start = index.bounds[:-1]
    has = count > 0
    bounds = {}
    for q in dict.fromkeys(percentiles):
        pos = q / 100.0 * np.maximum(count - 1, 0)
        lo = np.floor(pos).astype(np.int64)
        hi = np.ceil(pos).astype(np.int64)
        out = np.full(index.n_groups, np.nan)
        a = sorted_scores[(start + lo)[has]]
        b = sorted_scores[(start + hi)[has]]
        out[has] = a + (pos - lo)[has] * (b - a)
        bounds[q] = out
    return bounds


def score_bin_draws(
    index: GroupIndex,
    scores: np.ndarray,
    strategy: ScoreBinsStrategy,
    rngs: list[np.random.Generator],
) -> list[Draw]:
    """One :class:`Draw` per percentile bin (``n`` at random from the bin, per stratum)."""
    draws = []
    values = scores.astype(np.float64)
    edges = percentile_bounds(index, scores, [q for pair in strategy.bins for q in pair])
    for (low, high), rng in zip(strategy.bins, rngs, strict=True):
        lower = edges[low][index.groups]
        upper = edges[high][index.groups]
        inside = (values >= lower) & ((values < upper) | ((high >= 100) & (values <= upper)))
        members = np.flatnonzero(inside)
        label = f"score_bins {low:g}-{high:g}"
        draw = random_draw(index.subset(members), strategy.n, rng)
        draws.append(Draw(label, members[draw.picked], draw.available, draw.selected, strategy.n))
    return draws
