"""The selection engine: filters → strata → every strategy, per class, into one set of windows.

Windows overlapping already-labelled rows are dropped with the filters. The diversity and hybrid
strategies need embeddings: every class's pools are gathered first and embedded in one call
(:func:`~backend.scripts.extraction.model_strategies.embed_pools`), then every strategy draws. Pure
numpy/pandas (no audio, no torch; embeddings come through a callable), so tests call
:func:`select_windows` directly on a constructed table. Duplicates: a window that several strategies
pick for the same class appears once, its ``strategy`` listing them all (``"random; top"``); the
summary still counts it under each strategy that picked it. Randomness is seeded per (seed, class
name, strategy, bin), so a run is reproducible and adding a class does not change the draws of
another.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from backend.common.extraction_config import (
    DiversityStrategy,
    ExtractionConfig,
    HybridStrategy,
    ScoreBinsStrategy,
    UncertaintyStrategy,
)
from backend.scripts.extraction.filters import WindowTimes, filter_mask, window_times
from backend.scripts.extraction.group_ranking import GroupIndex
from backend.scripts.extraction.loading import Predictions
from backend.scripts.extraction.model_strategies import (
    EmbeddingsFn,
    ModelInputs,
    class_threshold,
    embed_pools,
    embedding_draw,
    pool_members,
    threshold_log_lines,
    uncertainty_draw,
)
from backend.scripts.extraction.strata import Strata, build_strata
from backend.scripts.extraction.strategies import (
    Draw,
    random_draw,
    score_bin_draws,
    score_weights,
    top_draw,
    weighted_draw,
    zscore_weights,
)

if TYPE_CHECKING:  # labelled imports outputs, which imports this module
    from backend.scripts.extraction.labelled import LabelledRows

SUMMARY_COLUMNS = ["class", "stratum", "strategy", "available", "requested", "selected", "note"]


@dataclass
class ClassSelection:
    """The windows chosen for one class (each once), ascending window number."""

    name: str
    rows: np.ndarray
    scores: np.ndarray
    strata: np.ndarray  # stratum number per row
    strategies: list[str]  # "random; top" per row


@dataclass
class Selection:
    """Everything the outputs need."""

    classes: list[ClassSelection]
    summary: pd.DataFrame
    strata: Strata
    times: WindowTimes
    notes: list[str] = field(default_factory=list)


def _rng(seed: int, class_name: str, strategy: int, part: int) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(class_name.encode()), strategy, part])


@dataclass
class _Candidates:
    """One class's candidates: window rows, scores and stratum numbers."""

    name: str
    rows: np.ndarray
    scores: np.ndarray
    groups: np.ndarray
    pools: dict[int, np.ndarray] = field(default_factory=dict)  # strategy position → members


def _draws_for(
    config: ExtractionConfig,
    name: str,
    groups: np.ndarray,
    scores: np.ndarray,
    n_groups: int,
    model_inputs: ModelInputs | None = None,
) -> list[Draw]:
    index = GroupIndex(groups, n_groups)
    inputs = model_inputs if model_inputs is not None else ModelInputs()
    draws: list[Draw] = []
    for position, strategy in enumerate(config.strategies):
        rng = _rng(config.seed, name, position, 0)
        if isinstance(strategy, UncertaintyStrategy):
            threshold = class_threshold(strategy, name, inputs)
            draws.append(uncertainty_draw(index, scores, strategy, threshold))
        elif isinstance(strategy, DiversityStrategy | HybridStrategy):
            assert model_inputs is not None
            hybrid_threshold = (
                class_threshold(strategy, name, inputs)
                if isinstance(strategy, HybridStrategy)
                else None
            )
            draws.append(
                embedding_draw(
                    index,
                    scores,
                    strategy,
                    model_inputs.pools[(name, position)],
                    model_inputs.labelled,
                    model_inputs.n_labelled.get(name, 0),
                    _rng(config.seed, name, position, 1),
                    hybrid_threshold,
                )
            )
        elif isinstance(strategy, ScoreBinsStrategy):
            rngs = [_rng(config.seed, name, position, b) for b in range(len(strategy.bins))]
            draws.extend(score_bin_draws(index, scores, strategy, rngs))
        elif strategy.kind == "random":
            draws.append(random_draw(index, strategy.n, rng))
        elif strategy.kind == "top":
            draws.append(top_draw(index, scores, strategy.n))
        elif strategy.kind == "score_weighted":
            weights = score_weights(scores)
            draws.append(weighted_draw(index, weights, strategy.n, rng, strategy.kind))
        else:
            weights = zscore_weights(index, scores)
            draws.append(weighted_draw(index, weights, strategy.n, rng, strategy.kind))
    return draws


def _merge(draws: list[Draw]) -> tuple[np.ndarray, list[str]]:
    """Unique picked positions and, for each, the labels of the draws that picked it."""
    labels = list(dict.fromkeys(d.label for d in draws))
    bit = {label: 1 << i for i, label in enumerate(labels)}
    positions = np.concatenate([d.picked for d in draws]) if draws else np.empty(0, np.int64)
    masks = np.concatenate([np.full(len(d.picked), bit[d.label], np.int64) for d in draws])
    if not len(positions):
        return positions.astype(np.int64), []
    order = np.argsort(positions, kind="stable")
    positions, masks = positions[order], masks[order]
    starts = np.flatnonzero(np.r_[True, positions[1:] != positions[:-1]])
    merged = np.bitwise_or.reduceat(masks, starts)
    text = {}
    names = []
    for mask in merged.tolist():
        if mask not in text:
            text[mask] = "; ".join(lbl for lbl in labels if mask & bit[lbl])
        names.append(text[mask])
    return positions[starts], names


def _summary_parts(
    name: str, draws: list[Draw], strata: Strata, present: np.ndarray
) -> list[dict[str, np.ndarray | str | int]]:
    """Summary columns of one class: a dict of arrays per draw (one row per present stratum)."""
    labels = np.array(strata.labels, dtype=object)
    parts: list[dict[str, np.ndarray | str | int]] = []
    for draw in draws:
        available = draw.available[present]
        note = np.where(
            available == 0,
            "no windows to draw from",
            np.where(available < draw.requested, "fewer windows than requested: all taken", ""),
        ).astype(object)
        if draw.notes is not None:
            extra = draw.notes[present]
            note = np.where(
                extra == "", note, np.where(note == "", extra, note + "; " + extra)
            ).astype(object)
        parts.append(
            {
                "class": name,
                "stratum": labels[present],
                "strategy": draw.label,
                "available": available,
                "requested": draw.requested,
                "selected": draw.selected[present],
                "note": note,
            }
        )
    return parts


def _summary_frame(parts: list[dict[str, np.ndarray | str | int]], rows: int) -> pd.DataFrame:
    """One table from the per-draw parts (scalars repeated over each part's rows)."""
    if not parts:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    columns = {}
    for column in SUMMARY_COLUMNS:
        pieces = [
            np.asarray(p[column])
            if np.ndim(p[column])
            else np.full(rows, p[column], dtype=object if isinstance(p[column], str) else None)
            for p in parts
        ]
        columns[column] = np.concatenate(pieces)
    return pd.DataFrame(columns)


def _pooled(
    config: ExtractionConfig, name: str, groups: np.ndarray, n_groups: int
) -> dict[int, np.ndarray]:
    """``{strategy position: pooled candidate positions}`` of the diversity/hybrid strategies."""
    pools = {}
    for position, strategy in enumerate(config.strategies):
        if isinstance(strategy, DiversityStrategy | HybridStrategy):
            rng = _rng(config.seed, name, position, 0)
            pools[position] = pool_members(GroupIndex(groups, n_groups), strategy.max_pool, rng)
    return pools


def select_windows(
    config: ExtractionConfig,
    pred: Predictions,
    on_class: Callable[[int, str], None] | None = None,
    labelled: LabelledRows | None = None,
    embeddings: EmbeddingsFn | None = None,
) -> Selection:
    """Apply the config's threshold, filters, strata and strategies to loaded predictions.

    Parameters
    ----------
    config
        The extraction config.
    pred
        Loaded predictions (:func:`backend.scripts.extraction.loading.load_predictions`).
    on_class
        Optional ``callback(done_count, class_name)`` after each class.
    labelled
        Rows of the already-labelled files: windows overlapping them are never picked; their
        embeddings and per-class counts feed diversity and hybrid.
    embeddings
        Embeddings of windows, needed by diversity and hybrid (only pooled candidates and the
        labelled windows are asked for, in one call).
    """
    times = window_times(pred)
    keep = filter_mask(times, config.date_windows, config.time_windows)
    notes = []
    if labelled is not None:
        overlap = labelled.overlap_mask(pred, config.audio_root)
        keep &= ~overlap
        notes.append(
            f"{int(overlap.sum())} window(s) overlap the {len(labelled)} labelled row(s) of "
            f"{len(labelled.sources)} labelled file(s) and are never picked"
        )
        if len(labelled) and not overlap.any():
            notes.append(
                "No prediction window overlaps a labelled row: do the labelled files name the "
                "same recordings as the predictions (relative paths start at audio_root)?"
            )
    strata = build_strata(config, pred, times)
    window_stratum = np.where(keep, strata.codes, -1)
    n_groups = len(strata.labels)
    present = np.unique(window_stratum[window_stratum >= 0])
    candidates: list[_Candidates] = []
    for name in config.classes:
        rows, scores = pred.scores[name].candidates(config.score_threshold)
        groups = window_stratum[rows]
        valid = groups >= 0
        rows, scores, groups = rows[valid], scores[valid], groups[valid]
        pools = _pooled(config, name, groups, n_groups)
        candidates.append(_Candidates(name, rows, scores, groups, pools))
    pooled = {
        (c.name, position): (members, c.rows[members])
        for c in candidates
        for position, members in c.pools.items()
    }
    model_inputs = embed_pools(pred, pooled, labelled, embeddings)
    notes.extend(threshold_log_lines(config.strategies, list(config.classes), model_inputs))
    selections: list[ClassSelection] = []
    summaries: list[dict[str, np.ndarray | str | int]] = []
    for done, c in enumerate(candidates, start=1):
        draws = _draws_for(config, c.name, c.groups, c.scores, n_groups, model_inputs)
        positions, labels = _merge(draws)
        selections.append(
            ClassSelection(
                c.name, c.rows[positions], c.scores[positions], c.groups[positions], labels
            )
        )
        summaries.extend(_summary_parts(c.name, draws, strata, present))
        if on_class is not None:
            on_class(done, c.name)
    uses_time = (
        config.date_windows
        or config.time_windows
        or config.stratify_date_windows
        or config.stratify_by_week
    )
    if uses_time and times.unparsed_files:
        shown = ", ".join(times.unparsed_files[:5])
        notes.append(
            f"{len(times.unparsed_files)} recording(s) have names without a recorder timestamp "
            f"(YYYYMMDD_HHMMSS) and were left out by the date/time options: {shown}"
            + (" …" if len(times.unparsed_files) > 5 else "")
        )
    summary = _summary_frame(summaries, len(present))
    return Selection(selections, summary, strata, times, notes)
