"""The extraction job's config (``kind: "extraction"``) and which prediction files it reads.

``python -m backend.scripts.extraction --config cfg.json`` turns a folder of inference outputs into
annotation tasks; docs/extraction.md explains every field. The server validates the same model when
a task is created, and its scan lists prediction files with :func:`find_prediction_files`, so the
form and the job see the same files.
"""

from __future__ import annotations

import os
import re
from datetime import date, time
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

DEFAULT_SCORE_BINS: list[list[float]] = [[0, 75], [75, 90], [90, 95], [95, 100]]
INDEX_COLUMNS = ("file", "start_time", "end_time")
_DENSE = re.compile(r"^predictions(__.+)?\.csv$", re.IGNORECASE)
_SPARSE = re.compile(r"^sparse_predictions(__.+)?\.pkl$", re.IGNORECASE)


def _absolute(value: str, what: str) -> str:
    if not value or not Path(value).expanduser().is_absolute():
        raise ValueError(f"must be an absolute {what}")
    return value


class DateWindow(BaseModel):
    """Inclusive range of days, ``YYYY-MM-DD`` to ``YYYY-MM-DD`` (kept as text in the JSON)."""

    model_config = ConfigDict(extra="forbid")

    start: str
    end: str

    @field_validator("start", "end", mode="before")
    @classmethod
    def _iso_day(cls, value: object) -> str:
        text = value.isoformat() if isinstance(value, date) else str(value).strip()[:10]
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError as exc:
            raise ValueError(f"'{value}' is not a date written YYYY-MM-DD") from exc

    @model_validator(mode="after")
    def _ordered(self) -> DateWindow:
        if self.end < self.start:
            raise ValueError(f"date window ends ({self.end}) before it starts ({self.start})")
        return self

    @property
    def start_date(self) -> date:
        """First day."""
        return date.fromisoformat(self.start)

    @property
    def end_date(self) -> date:
        """Last day (included)."""
        return date.fromisoformat(self.end)

    def label(self) -> str:
        """``2021-05-01..2021-05-07``."""
        return f"{self.start}..{self.end}"


class TimeWindow(BaseModel):
    """Time of day from ``start`` (included) to ``end`` (excluded), ``HH:MM`` (or ``HH:MM:SS``).

    ``end`` before ``start`` wraps midnight (``22:00``–``02:00``); equal times mean all day.
    """

    model_config = ConfigDict(extra="forbid")

    start: str
    end: str

    @field_validator("start", "end", mode="before")
    @classmethod
    def _clock(cls, value: object) -> str:
        text = value.isoformat() if isinstance(value, time) else str(value).strip()
        try:
            parsed = time.fromisoformat(text)
        except ValueError as exc:
            raise ValueError(f"'{value}' is not a time of day written HH:MM") from exc
        return parsed.isoformat(timespec="seconds" if parsed.second else "minutes")

    def seconds(self) -> tuple[float, float]:
        """``(start, end)`` as seconds after midnight."""
        a, b = time.fromisoformat(self.start), time.fromisoformat(self.end)
        return (
            a.hour * 3600.0 + a.minute * 60 + a.second,
            b.hour * 3600.0 + b.minute * 60 + b.second,
        )


_AUTO_THRESHOLD_HELP = (
    "Decision threshold (0-1); null = auto: per class, no / (yes + no) of its labels in "
    "labelled_annotation_files (0.5 when it has no yes or no label)."
)


class _CountStrategy(BaseModel):
    """A strategy that picks ``n`` windows per stratum (its ``kind`` names which)."""

    model_config = ConfigDict(extra="forbid")
    n: int = Field(ge=1)


class RandomStrategy(_CountStrategy):
    """``n`` windows drawn uniformly at random."""

    kind: Literal["random"] = "random"


class ScoreBinsStrategy(_CountStrategy):
    """``n`` random windows from each score-percentile bin (percentiles after the threshold)."""

    kind: Literal["score_bins"] = "score_bins"
    bins: list[list[float]] = Field(default_factory=lambda: [b[:] for b in DEFAULT_SCORE_BINS])

    @field_validator("bins")
    @classmethod
    def _valid_bins(cls, value: list[list[float]]) -> list[list[float]]:
        if not value:
            raise ValueError("give at least one percentile bin, e.g. [[0,75],[75,100]]")
        for pair in value:
            if len(pair) != 2 or not 0 <= pair[0] < pair[1] <= 100:
                raise ValueError(
                    f"bin {pair} is not [low, high] with 0 <= low < high <= 100 (percentiles)"
                )
        return value


class TopStrategy(_CountStrategy):
    """The ``n`` highest-scoring windows."""

    kind: Literal["top"] = "top"


class ScoreWeightedStrategy(_CountStrategy):
    """``n`` windows drawn at random with probability growing with the score."""

    kind: Literal["score_weighted"] = "score_weighted"


class ZScoreWeightedStrategy(_CountStrategy):
    """``n`` windows drawn at random with weight ``exp(z-score)`` within the stratum."""

    kind: Literal["zscore_weighted"] = "zscore_weighted"


class UncertaintyStrategy(_CountStrategy):
    """Active learning: the ``n`` windows whose score is closest to the decision threshold.

    Scores are read as probabilities when all the class's candidate scores lie in [0, 1], else
    as logits (their sigmoid is compared with the threshold). ``threshold`` None (the default) is
    "auto": per class, the share of "no" among its yes/no labels in ``labelled_annotation_files``.
    """

    kind: Literal["uncertainty"] = "uncertainty"
    threshold: float | None = Field(default=None, gt=0.0, lt=1.0, description=_AUTO_THRESHOLD_HELP)


class _PooledStrategy(_CountStrategy):
    """A strategy that embeds at most ``max_pool`` candidates per stratum."""

    max_pool: int = Field(
        default=2000,
        ge=1,
        description="Candidates embedded per stratum at most (a random sample when more).",
    )

    @model_validator(mode="after")
    def _pool_holds_n(self) -> _PooledStrategy:
        if self.max_pool < self.n:
            raise ValueError(
                f"max_pool ({self.max_pool}) must be at least n ({self.n}): it is how many "
                "candidates per stratum are embedded to choose the n from"
            )
        return self


class DiversityStrategy(_PooledStrategy):
    """Active learning: ``n`` windows spread out in BirdNET embedding space (k-center greedy),
    far from each other and from the already-labelled windows."""

    kind: Literal["diversity"] = "diversity"


class HybridStrategy(_PooledStrategy):
    """Active learning: diversity while a class has few labels, uncertainty as labels accumulate
    (k-center greedy inside a pool of the most uncertain windows that shrinks with the labels)."""

    kind: Literal["hybrid"] = "hybrid"
    threshold: float | None = Field(default=None, gt=0.0, lt=1.0, description=_AUTO_THRESHOLD_HELP)


EMBEDDING_STRATEGIES = ("diversity", "hybrid")

Strategy = Annotated[
    RandomStrategy
    | ScoreBinsStrategy
    | TopStrategy
    | ScoreWeightedStrategy
    | ZScoreWeightedStrategy
    | UncertaintyStrategy
    | DiversityStrategy
    | HybridStrategy,
    Field(discriminator="kind"),
]


class ExtractionConfig(BaseModel):
    """Config for ``python -m backend.scripts.extraction`` (annotation tasks from predictions)."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["extraction"] = "extraction"
    predictions_dir: str = Field(
        description="Folder of inference outputs, searched recursively for predictions*.csv and "
        "sparse_predictions*.pkl."
    )
    audio_root: str | None = Field(
        default=None, description="Where relative `file` paths resolve (None: they are absolute)."
    )
    classes: list[str] = Field(min_length=1, description="Score columns to draw windows for.")
    score_threshold: float | None = Field(default=None, description="Drop scores below it.")
    date_windows: list[DateWindow] = Field(default_factory=list)
    time_windows: list[TimeWindow] = Field(default_factory=list)
    stratify_by_subfolder: bool = False
    stratify_by_file: bool = False
    stratify_by_week: bool = False
    stratify_date_windows: list[DateWindow] = Field(default_factory=list)
    metadata_csv: str | None = Field(default=None, description="CSV with a `folder` column.")
    metadata_columns: list[str] = Field(default_factory=list)
    strategies: list[Strategy] = Field(min_length=1)
    seed: int = 0
    mode: Literal["binary", "multiclass"] = "binary"
    output_dir: str = Field(description="Folder the annotation task CSVs are written to.")
    export_clips: bool = False
    clip_duration_s: float | None = Field(default=None, gt=0)
    labelled_annotation_files: list[str] = Field(
        default_factory=list,
        description="Reviewed annotation CSVs: windows overlapping their labelled rows are never "
        "picked again, and they are the labelled set of the diversity and hybrid strategies.",
    )
    embedding_cache_dir: str | None = Field(
        default=None,
        description="Embedding cache of diversity/hybrid (empty: <Dipper data folder>/"
        "embedding_cache, shared with training and inference).",
    )
    job_dir: str | None = Field(default=None, description="Set by the server: the job folder.")

    @field_validator("predictions_dir", "output_dir")
    @classmethod
    def _absolute_dirs(cls, value: str) -> str:
        return _absolute(value, "folder path")

    @field_validator("audio_root")
    @classmethod
    def _absolute_root(cls, value: str | None) -> str | None:
        return None if not value else _absolute(value, "folder path")

    @field_validator("metadata_csv")
    @classmethod
    def _absolute_csv(cls, value: str | None) -> str | None:
        return None if not value else _absolute(value, "file path")

    @field_validator("labelled_annotation_files")
    @classmethod
    def _absolute_labelled(cls, value: list[str]) -> list[str]:
        paths = [v.strip() for v in value if v.strip()]
        for path in paths:
            if not Path(path).expanduser().is_absolute():
                raise ValueError(f"'{path}' must be an absolute file path (a reviewed CSV)")
        return list(dict.fromkeys(paths))

    @field_validator("embedding_cache_dir")
    @classmethod
    def _absolute_cache(cls, value: str | None) -> str | None:
        return None if value is None or not value.strip() else _absolute(value, "folder path")

    @field_validator("classes", "metadata_columns")
    @classmethod
    def _distinct_names(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(v for v in value if v.strip()))

    @model_validator(mode="after")
    def _consistent(self) -> ExtractionConfig:
        if not self.classes:
            raise ValueError("choose at least one class")
        if self.export_clips and self.clip_duration_s is None:
            raise ValueError("exporting clips needs clip_duration_s (total clip length, seconds)")
        if self.metadata_columns and not self.metadata_csv:
            raise ValueError("metadata_columns need a metadata_csv")
        if self.metadata_columns and "folder" in self.metadata_columns:
            raise ValueError("'folder' is the join column of the metadata CSV, not a stratum")
        return self

    def uses_embeddings(self) -> bool:
        """Whether a strategy needs embeddings of the candidate windows (diversity, hybrid)."""
        return any(s.kind in EMBEDDING_STRATEGIES for s in self.strategies)


def prediction_format(name: str) -> Literal["dense", "sparse"] | None:
    """``"dense"`` for ``predictions*.csv``, ``"sparse"`` for ``sparse_predictions*.pkl``."""
    if _DENSE.match(name):
        return "dense"
    if _SPARSE.match(name):
        return "sparse"
    return None


def find_prediction_files(predictions_dir: Path) -> list[tuple[Path, Literal["dense", "sparse"]]]:
    """Every inference output under ``predictions_dir`` (recursive, hidden folders skipped).

    Returns
    -------
    list of (path, format)
        Sorted by path; ``format`` is ``"dense"`` (``predictions*.csv``) or ``"sparse"``
        (``sparse_predictions*.pkl``).
    """
    found: list[tuple[Path, Literal["dense", "sparse"]]] = []
    for folder, dirs, names in os.walk(predictions_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            kind = prediction_format(name)
            if kind is not None and not name.startswith("."):
                found.append((Path(folder) / name, kind))
    return sorted(found)


def predictions_subfolder(path: Path, predictions_dir: Path) -> str:
    """The audio subfolder an output covers: its folder under ``predictions_dir`` joined with
    the ``__a__b`` suffix inference's "separate by subfolders" adds (``a/b``); ``""`` if none."""
    parts = [p for p in path.parent.relative_to(predictions_dir).parts if p != "."]
    stem = path.name.rsplit(".", 1)[0]
    if "__" in stem:
        parts.extend(stem.split("__")[1:])
    return "/".join(parts)
