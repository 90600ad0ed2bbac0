"""The active-learning strategies of Extraction: they use the model's scores and BirdNET embeddings.

Like the other strategies they run per class and per stratum on the candidates left after the
threshold, the filters and the already-labelled windows; the picking itself is
:mod:`backend.scripts.active_learning.selection`:

- ``uncertainty``: the ``n`` candidates with the smallest ``uncertainty_key`` (score closest to the
  decision threshold; logits are compared through their sigmoid). Needs no embedding.
- ``diversity``: k-center greedy on the embeddings of the stratum's pool, far from the labelled
  windows and from each other.
- ``hybrid``: ``hybrid_pick``, k-center greedy inside the most uncertain part of the pool, a part
  that shrinks as the class's labels (``n_labelled``) grow.

The *pool* of diversity and hybrid is every candidate of the stratum, or a random ``max_pool`` of
them when it has more (:func:`pool_members`), so the embedding work per stratum is bounded; only
pooled candidates are embedded. Pooled candidates whose recording could not be read have no
embedding and are left out; the summary's note says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from backend.common.extraction_config import DiversityStrategy, HybridStrategy, UncertaintyStrategy
from backend.scripts.active_learning.selection import hybrid_pick, k_center_greedy, uncertainty_key
from backend.scripts.extraction.group_ranking import GroupIndex
from backend.scripts.extraction.loading import Predictions
from backend.scripts.extraction.strategies import Draw, score_weights

if TYPE_CHECKING:  # labelled imports outputs, which imports the selection engine
    from backend.scripts.extraction.labelled import LabelledRows

EmbeddingsFn = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
"""``embeddings(files, starts_s)`` → ``(X, ok)``, e.g.
:class:`~backend.scripts.extraction.embeddings.CandidateEmbeddings`."""


@dataclass
class PoolVectors:
    """Embeddings of one pool: ``vectors[i]`` belongs to candidate ``members[i]`` when ``ok[i]``."""

    members: np.ndarray  # candidate positions, ascending
    vectors: np.ndarray  # float32 (len(members), size)
    ok: np.ndarray  # bool per member


@dataclass
class ModelInputs:
    """What diversity and hybrid use besides the scores."""

    pools: dict[tuple[str, int], PoolVectors] = field(default_factory=dict)  # (class, strategy)
    labelled: np.ndarray | None = None  # embeddings of the labelled windows
    n_labelled: dict[str, int] = field(default_factory=dict)  # labels per class


def embed_pools(
    pred: Predictions,
    pools: dict[tuple[str, int], tuple[np.ndarray, np.ndarray]],
    labelled: LabelledRows | None,
    embeddings: EmbeddingsFn | None,
) -> ModelInputs:
    """Embed every pooled candidate and every labelled window in one call (one cache read per
    recording).

    Parameters
    ----------
    pred
        The predictions (window files and start times).
    pools
        ``{(class, strategy position): (candidate positions, their window rows)}``.
    labelled
        The already-labelled rows (their windows are embedded too), or None.
    embeddings
        The embedding source; needed when ``pools`` is not empty.
    """
    inputs = ModelInputs(n_labelled=dict(labelled.counts) if labelled is not None else {})
    if not pools:
        return inputs
    if embeddings is None:
        raise ValueError("the diversity and hybrid strategies need window embeddings")
    rows = np.unique(np.concatenate([window_rows for _, window_rows in pools.values()]))
    files = pred.files[pred.file_codes[rows]]
    starts = pred.start_s[rows]
    reference = labelled.embedding_windows() if labelled is not None else None
    if reference is not None and len(reference):
        files = np.concatenate([files, reference["file"].to_numpy(dtype=object)])
        starts = np.concatenate([starts, reference["start_s"].to_numpy(dtype=np.float64)])
    vectors, ok = embeddings(files, starts)
    if len(files) > len(rows):
        inputs.labelled = vectors[len(rows) :][ok[len(rows) :]]
    for key, (members, window_rows) in pools.items():
        where = np.searchsorted(rows, window_rows)
        inputs.pools[key] = PoolVectors(members, vectors[where], ok[where])
    return inputs


def uncertainty_draw(index: GroupIndex, scores: np.ndarray, strategy: UncertaintyStrategy) -> Draw:
    """The ``n`` candidates per stratum closest to the threshold (ties: the earlier window)."""
    key = uncertainty_key(scores, strategy.threshold)
    picked = index.first_n(key, strategy.n)
    selected = np.minimum(index.counts, strategy.n)
    return Draw(strategy.kind, picked, index.counts, selected, strategy.n)


def pool_members(index: GroupIndex, max_pool: int, rng: np.random.Generator) -> np.ndarray:
    """Candidate positions of the pools: all of a stratum's, or a random ``max_pool`` of them."""
    return index.first_n(rng.random(len(index.groups)), max_pool)


def embedding_draw(
    index: GroupIndex,
    scores: np.ndarray,
    strategy: DiversityStrategy | HybridStrategy,
    pool: PoolVectors,
    labelled: np.ndarray | None,
    n_labelled: int,
    rng: np.random.Generator,
) -> Draw:
    """``n`` candidates per stratum by k-center greedy (diversity) or ``hybrid_pick`` (hybrid).

    Parameters
    ----------
    index
        The class's candidates by stratum.
    scores
        The class's candidate scores (probabilities or logits, as in the predictions).
    strategy
        A diversity or hybrid strategy.
    pool
        The pooled candidates and their embeddings (:func:`pool_members`).
    labelled
        Embeddings of the already-labelled windows (or None): k-center greedy keeps away from them.
    n_labelled
        Labels of this class so far (the hybrid's schedule).
    rng
        Chooses k-center greedy's first pick when nothing is labelled.
    """
    probabilities = score_weights(scores)  # one reading (probability or logit) for the class
    pool_groups = index.groups[pool.members]
    picked: list[np.ndarray] = []
    selected = np.zeros(index.n_groups, dtype=np.int64)
    notes = np.full(index.n_groups, "", dtype=object)
    usable = labelled if labelled is not None and len(labelled) else None
    for g in np.unique(pool_groups).tolist():
        in_group = pool_groups == g
        members = pool.members[in_group & pool.ok]
        vectors = pool.vectors[in_group & pool.ok]
        parts = []
        if index.counts[g] > strategy.max_pool:
            parts.append(f"chosen from a random {strategy.max_pool} of {index.counts[g]}")
        lost = int(in_group.sum() - len(members))
        if lost:
            parts.append(f"{lost} without an embedding (recording unreadable)")
        notes[g] = "; ".join(parts)
        if not len(members):
            continue
        if isinstance(strategy, HybridStrategy):
            chosen = hybrid_pick(
                probabilities[members],
                vectors,
                strategy.n,
                strategy.threshold,
                labelled=usable,
                n_labelled=n_labelled,
                rng=rng,
            )
        else:
            chosen = k_center_greedy(vectors, strategy.n, labelled=usable, rng=rng)
        picked.append(members[chosen])
        selected[g] = len(chosen)
    positions = np.sort(np.concatenate(picked)) if picked else np.empty(0, np.int64)
    return Draw(strategy.kind, positions, index.counts, selected, strategy.n, notes)
