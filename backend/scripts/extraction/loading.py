"""Read inference outputs (dense ``predictions*.csv``, sparse ``sparse_predictions*.pkl``) into one
window table plus, per chosen class, its scores — reading only the chosen class columns.

Windows of all files are numbered ``0..n-1`` in file order. A class's scores are kept per source
file as a *block*: a float32 array over the block's windows (dense input) or the rows that have a
score and their values (sparse input: NaN, i.e. below the inference floor, is not stored). So a
sparse input stays sparse in memory and a dense one costs 4 bytes per window and class.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from backend.common.extraction_config import INDEX_COLUMNS
from backend.scripts.extraction.dense_csv import FileTable, read_dense_columns


class PredictionsError(ValueError):
    """A prediction file cannot be used; the message names the file and what to do."""


@dataclass
class ScoreBlock:
    """One class's scores over the windows ``offset .. offset + length`` (one source file)."""

    offset: int
    length: int
    dense: np.ndarray | None = None  # float32, one per window (NaN = no score)
    rows: np.ndarray | None = None  # sparse: local window numbers with a score (ascending)
    values: np.ndarray | None = None  # sparse: their float32 scores

    def present(self) -> tuple[np.ndarray, np.ndarray]:
        """``(global rows, scores)`` of the windows that have a score, ascending rows."""
        if self.dense is not None:
            rows = np.flatnonzero(~np.isnan(self.dense))
            return rows + self.offset, self.dense[rows]
        assert self.rows is not None and self.values is not None
        return self.rows.astype(np.int64) + self.offset, self.values


@dataclass
class ClassScores:
    """All blocks of one class."""

    blocks: list[ScoreBlock] = field(default_factory=list)

    def candidates(self, threshold: float | None) -> tuple[np.ndarray, np.ndarray]:
        """``(global rows, float32 scores)`` with a score ``>= threshold`` (any score if None)."""
        rows_parts, score_parts = [], []
        for block in self.blocks:
            rows, scores = block.present()
            if threshold is not None:
                keep = scores >= threshold
                rows, scores = rows[keep], scores[keep]
            rows_parts.append(rows)
            score_parts.append(scores)
        if not rows_parts:
            return np.empty(0, np.int64), np.empty(0, np.float32)
        return np.concatenate(rows_parts), np.concatenate(score_parts).astype(np.float32)

    def lookup(self, rows: np.ndarray) -> np.ndarray:
        """Scores of the given global rows (NaN where the class has none)."""
        out = np.full(len(rows), np.nan, dtype=np.float32)
        for block in self.blocks:
            inside = (rows >= block.offset) & (rows < block.offset + block.length)
            local = rows[inside] - block.offset
            if block.dense is not None:
                out[inside] = block.dense[local]
                continue
            assert block.rows is not None and block.values is not None
            pos = np.searchsorted(block.rows, local)
            pos_ok = np.minimum(pos, max(len(block.rows) - 1, 0))
            hit = (
                (pos < len(block.rows)) & (block.rows[pos_ok] == local)
                if len(block.rows)
                else pos < 0
            )
            found = np.full(len(local), np.nan, dtype=np.float32)
            found[hit] = block.values[pos_ok[hit]]
            out[inside] = found
        return out


@dataclass
class Predictions:
    """The windows of every prediction file and the chosen classes' scores."""

    files: np.ndarray  # distinct `file` values (object array), in first-seen order
    file_codes: np.ndarray  # int32 per window: index into `files`
    start_s: np.ndarray  # float64 per window
    end_s: np.ndarray  # float64 per window
    scores: dict[str, ClassScores]
    sources: list[str]  # prediction files read

    @property
    def n_windows(self) -> int:
        """Number of windows over all files."""
        return len(self.file_codes)


def read_header(path: Path) -> list[str]:
    """Column names of a dense CSV (first line); raises :class:`PredictionsError` if empty."""
    try:
        header = pd.read_csv(path, nrows=0)
    except pd.errors.EmptyDataError as exc:
        raise PredictionsError(f"{path} is empty: it holds no header or rows.") from exc
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise PredictionsError(f"{path} could not be read as a CSV file: {exc}") from exc
    return [str(c) for c in header.columns]


def check_columns(path: Path, columns: list[str], classes: list[str]) -> None:
    """Raise :class:`PredictionsError` naming the file when index or class columns are missing."""
    missing_index = [c for c in INDEX_COLUMNS if c not in columns]
    if missing_index:
        raise PredictionsError(
            f"{path} is not a predictions file: it lacks the column(s) "
            f"{', '.join(missing_index)} (it has {', '.join(columns[:8]) or 'no columns'}). "
            "Choose the folder of an inference job's outputs."
        )
    missing = [c for c in classes if c not in columns]
    if missing:
        known = [c for c in columns if c not in INDEX_COLUMNS]
        raise PredictionsError(
            f"{path} has no score column for {', '.join(repr(c) for c in missing)} (its classes: "
            f"{', '.join(known[:10])}{' …' if len(known) > 10 else ''}). All prediction files "
            "must hold the chosen classes: pick other classes or remove that file."
        )


def _read_dense(
    path: Path, classes: list[str], on_progress: Callable[[float], None] | None = None
) -> FileTable:
    check_columns(path, read_header(path), classes)
    try:
        table = read_dense_columns(path, classes, on_progress)
    except ValueError as exc:
        raise PredictionsError(
            f"{path} has values that are not numbers in the time or score columns: {exc}"
        ) from exc
    if not len(table.codes):
        raise PredictionsError(f"{path} has a header but no rows: it holds no windows.")
    return table


def _read_sparse(path: Path, classes: list[str]) -> pd.DataFrame:
    try:
        frame = pd.read_pickle(path)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
        raise PredictionsError(f"{path} could not be read as a pandas pickle: {exc}") from exc
    if not isinstance(frame, pd.DataFrame):
        raise PredictionsError(f"{path} does not hold a table (found {type(frame).__name__}).")
    if list(frame.index.names) != list(INDEX_COLUMNS):
        frame = frame.set_index(list(INDEX_COLUMNS)) if set(INDEX_COLUMNS) <= set(frame) else frame
    names = [str(n) for n in frame.index.names if n is not None] + [str(c) for c in frame.columns]
    check_columns(path, names, classes)
    if frame.empty:
        raise PredictionsError(f"{path} holds no windows.")
    return frame


def _sparse_windows(path: Path, frame: pd.DataFrame) -> FileTable:
    """Recordings and times from the ``(file, start_time, end_time)`` index."""
    index = frame.index
    assert isinstance(index, pd.MultiIndex)
    index = index.remove_unused_levels()
    codes = np.asarray(index.codes[0], dtype=np.int32)
    if (codes < 0).any():
        raise PredictionsError(f"{path} has windows without a file name.")
    try:
        start = index.get_level_values("start_time").to_numpy(dtype=np.float64)
        end = index.get_level_values("end_time").to_numpy(dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise PredictionsError(f"{path}: start_time/end_time must be numbers (seconds).") from exc
    return FileTable([str(f) for f in index.levels[0]], codes, start, end)


def _block(column: pd.Series, offset: int) -> ScoreBlock:
    """A score block from one column, kept sparse when it is sparse with a NaN fill."""
    dtype = column.dtype
    if isinstance(dtype, pd.SparseDtype) and np.isnan(dtype.fill_value):
        array = column.array
        rows = np.asarray(array.sp_index.indices, dtype=np.int64)
        values = np.asarray(array.sp_values, dtype=np.float32)
        keep = ~np.isnan(values)
        return ScoreBlock(offset, len(column), rows=rows[keep], values=values[keep])
    if isinstance(dtype, pd.SparseDtype):
        column = column.sparse.to_dense()
    try:
        dense = column.to_numpy(dtype=np.float32, na_value=np.nan)
    except (TypeError, ValueError) as exc:
        raise PredictionsError(
            f"the column {column.name!r} holds values that are not numbers"
        ) from exc
    return ScoreBlock(offset, len(column), dense=dense)


def load_predictions(
    paths: list[tuple[Path, str]],
    classes: list[str],
    on_file: Callable[[float, Path], None] | None = None,
) -> Predictions:
    """Read the prediction files (only the chosen class columns).

    Parameters
    ----------
    paths
        ``(path, "dense" | "sparse")`` pairs, e.g. from
        :func:`backend.common.extraction_config.find_prediction_files`.
    classes
        Score columns to keep; every file must have them.
    on_file
        Optional ``callback(files_done, path)`` for progress: after each file (a whole number),
        and while a big CSV is read (a fraction of the current file added).

    Raises
    ------
    PredictionsError
        For an empty file, one that is not a predictions table, or one lacking a class.
    """
    file_index: dict[str, int] = {}
    codes_parts, start_parts, end_parts = [], [], []
    scores = {c: ClassScores() for c in classes}
    offset = 0
    for done, (path, kind) in enumerate(paths, start=1):
        if kind == "sparse":
            frame = _read_sparse(path, classes)
            table = _sparse_windows(path, frame)
            for name in classes:
                try:
                    scores[name].blocks.append(_block(frame[name], offset))
                except PredictionsError as exc:
                    raise PredictionsError(f"{path}: {exc}") from exc
            del frame
        else:

            def within(fraction: float, done: int = done, path: Path = path) -> None:
                if on_file is not None:
                    on_file(done - 1 + fraction, path)

            table = _read_dense(path, classes, within)
            for name in classes:
                block = ScoreBlock(offset, len(table.codes), dense=table.scores.pop(name))
                scores[name].blocks.append(block)
        mapping = np.array([file_index.setdefault(f, len(file_index)) for f in table.files])
        codes_parts.append(mapping[table.codes].astype(np.int32))
        start_parts.append(table.start_s)
        end_parts.append(table.end_s)
        offset += len(table.codes)
        if on_file is not None:
            on_file(done, path)
    return Predictions(
        files=np.array(list(file_index), dtype=object),
        file_codes=np.concatenate(codes_parts) if codes_parts else np.empty(0, np.int32),
        start_s=np.concatenate(start_parts) if start_parts else np.empty(0),
        end_s=np.concatenate(end_parts) if end_parts else np.empty(0),
        scores=scores,
        sources=[str(p) for p, _ in paths],
    )
