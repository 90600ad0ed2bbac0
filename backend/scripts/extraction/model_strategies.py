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

Uncertainty and hybrid compare scores with a *decision threshold* (:func:`decision_threshold`): the
strategy's number when set, else "auto": per class, ``balanced_threshold(yes, no)`` of the class's
labels in the labelled files (``no / (yes + no)``, where Dipper's class-balanced heads put the
undecided score), or 0.5 while the class lacks a yes or a no label. The summary's note names the
threshold used (``threshold 0.93 (auto: 7 yes, 93 no)``) and :func:`threshold_log_lines` explains
each auto threshold in the job log.

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

from backend.common.extraction_config import (
    DiversityStrategy,
    HybridStrategy,
    Strategy,
    UncertaintyStrategy,
)
from backend.scripts.active_learning.selection import (
    balanced_threshold,
    hybrid_pick,
    k_center_greedy,
    uncertainty_key,
)
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
    yes_no: dict[str, tuple[int, int]] = field(default_factory=dict)  # (yes, no) labels per class


@dataclass(frozen=True)
class DecisionThreshold:
    """The decision threshold uncertainty or hybrid uses for one class, and how it was chosen."""

    value: float  # a probability
    note: str  # for the summary, e.g. "threshold 0.93 (auto: 7 yes, 93 no)"
    fallback: bool = False  # auto, but the class lacks a yes or a no label: 0.5


def _shown(value: float) -> str:
    return f"{value:.4g}"


def decision_threshold(setting: float | None, yes: int, no: int) -> DecisionThreshold:
    """The threshold for a class with ``yes`` and ``no`` labels.

    Parameters
    ----------
    setting
        The strategy's ``threshold``: a probability is used as it is; None is "auto".
    yes, no
        The class's yes and no labels in the labelled files (``uncertain`` counts for neither).

    Returns
    -------
    DecisionThreshold
        Auto is ``balanced_threshold(yes, no)`` = ``no / (yes + no)``, or 0.5 (``fallback``)
        when either count is zero.
    """
    if setting is not None:
        return DecisionThreshold(setting, f"threshold {_shown(setting)}")
    if yes > 0 and no > 0:
        value = balanced_threshold(yes, no)
        return DecisionThreshold(value, f"threshold {_shown(value)} (auto: {yes} yes, {no} no)")
    note = f"threshold 0.5 (auto needs yes and no labels: {yes} yes, {no} no)"
    return DecisionThreshold(0.5, note, fallback=True)


def class_threshold(
    strategy: UncertaintyStrategy | HybridStrategy, name: str, inputs: ModelInputs
) -> DecisionThreshold:
    """:func:`decision_threshold` of ``strategy`` for class ``name``."""
    yes, no = inputs.yes_no.get(name, (0, 0))
    return decision_threshold(strategy.threshold, yes, no)


def threshold_log_lines(
    strategies: list[Strategy], classes: list[str], inputs: ModelInputs
) -> list[str]:
    """One log line per class on its auto decision threshold (none when every threshold is set).

    A class without a yes or a no label gets 0.5, and the line says what to do about it.
    """
    if not any(
        isinstance(s, UncertaintyStrategy | HybridStrategy) and s.threshold is None
        for s in strategies
    ):
        return []
    lines = []
    for name in classes:
        yes, no = inputs.yes_no.get(name, (0, 0))
        chosen = decision_threshold(None, yes, no)
        if not chosen.fallback:
            lines.append(
                f"Decision threshold of {name} (uncertainty/hybrid): {_shown(chosen.value)}, "
                f"auto from its labels ({yes} yes, {no} no)"
            )
        else:
            lines.append(
                f"Decision threshold of {name} (uncertainty/hybrid): 0.5, because auto needs both "
                f"yes and no labels of {name} in the labelled annotation files and they hold "
                f"{yes} yes, {no} no. Add the reviewed tasks the model was trained on to the "
                "labelled files, or set a threshold."
            )
    return lines


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
    inputs = ModelInputs()
    if labelled is not None:
        inputs.n_labelled = dict(labelled.counts)
        inputs.yes_no = {name: (labelled.yes[name], labelled.no[name]) for name in labelled.yes}
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


def uncertainty_draw(
    index: GroupIndex,
    scores: np.ndarray,
    strategy: UncertaintyStrategy,
    threshold: DecisionThreshold,
) -> Draw:
    """The ``n`` candidates per stratum closest to ``threshold`` (ties: the earlier window)."""
    key = uncertainty_key(scores, threshold.value)
    picked = index.first_n(key, strategy.n)
    selected = np.minimum(index.counts, strategy.n)
    notes = np.full(index.n_groups, threshold.note, dtype=object)
    return Draw(strategy.kind, picked, index.counts, selected, strategy.n, notes)


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
    threshold: DecisionThreshold | None = None,
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
    threshold
        The hybrid's decision threshold for this class (:func:`class_threshold`); unused by
        diversity.
    """
    probabilities = score_weights(scores)  # one reading (probability or logit) for the class
    pool_groups = index.groups[pool.members]
    picked: list[np.ndarray] = []
    selected = np.zeros(index.n_groups, dtype=np.int64)
    hybrid = isinstance(strategy, HybridStrategy)
    if hybrid and threshold is None:
        raise ValueError("the hybrid strategy needs its class's decision threshold")
    first = [threshold.note] if hybrid and threshold is not None else []
    notes = np.full(index.n_groups, "; ".join(first), dtype=object)
    usable = labelled if labelled is not None and len(labelled) else None
    for g in np.unique(pool_groups).tolist():
        in_group = pool_groups == g
        members = pool.members[in_group & pool.ok]
        vectors = pool.vectors[in_group & pool.ok]
        parts = list(first)
        if index.counts[g] > strategy.max_pool:
            parts.append(f"chosen from a random {strategy.max_pool} of {index.counts[g]}")
        lost = int(in_group.sum() - len(members))
        if lost:
            parts.append(f"{lost} without an embedding (recording unreadable)")
        notes[g] = "; ".join(parts)
        if not len(members):
            continue
        if hybrid and threshold is not None:
            chosen = hybrid_pick(
                probabilities[members],
                vectors,
                strategy.n,
                threshold.value,
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
