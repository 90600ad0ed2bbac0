"""Already-reviewed annotation CSVs: which windows they cover, and how many labels each class has.

Active learning must not send a clip back for review, so every prediction window that overlaps a
*labelled* row of ``labelled_annotation_files`` (same recording, overlapping time, a non-empty
``annotation`` cell) is left out of every strategy. A labelled row's recording and times are its
``source_file``/``source_start_time``/``source_end_time`` when Extraction exported clips, else its
``file``/``start_time``/``end_time``; relative paths resolve against the extraction's
``audio_root``, as the predictions' do. The labelled rows are also the "already known" windows of
the diversity and hybrid strategies (:meth:`LabelledRows.embedding_windows`), and their number per
class drives the hybrid's schedule (:attr:`LabelledRows.counts`):

- a **binary** file (every cell ``yes``/``no``/``uncertain``) counts for the class its name starts
  with (``{class}_annotation_task_…``, as Extraction names it), or for every class when its name
  names none of them;
- a **multiclass** file (cells ``['a', 'b']`` / ``[]``) counts for every class.

The same reading gives each class's *yes* and *no* labels (:attr:`LabelledRows.yes`,
:attr:`LabelledRows.no`), from which the uncertainty and hybrid strategies' "auto" decision
threshold is computed: in a binary file its ``yes``/``no`` cells (``uncertain`` counts for
neither); in a multiclass file a list holding the class is a yes, any other list (``[]`` too) a no.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from backend.common.annotation_values import parse_binary, parse_multiclass
from backend.scripts.extraction.clips import resolve_audio
from backend.scripts.extraction.loading import Predictions
from backend.scripts.extraction.outputs import class_file_name

WINDOW_S = 3.0  # BirdNET's window: the labelled set is embedded in windows of this length
_EDGE_S = 1e-6  # windows that only touch a labelled row do not overlap it


class LabelledFileError(ValueError):
    """A labelled annotation file cannot be used; the message names the file and what to do."""


@dataclass
class LabelledRows:
    """The labelled rows of every file: recording (normalised absolute path) and times."""

    files: np.ndarray  # object array of normalised paths, one per row
    start_s: np.ndarray
    end_s: np.ndarray
    counts: dict[str, int]  # labelled rows per chosen class
    sources: list[str]
    yes: dict[str, int] = field(default_factory=dict)  # "yes" labels per chosen class
    no: dict[str, int] = field(default_factory=dict)  # "no" labels per chosen class

    def __len__(self) -> int:
        return len(self.files)

    def overlap_mask(self, pred: Predictions, audio_root: str | None) -> np.ndarray:
        """``True`` for each prediction window overlapping a labelled row of its recording."""
        mask = np.zeros(pred.n_windows, dtype=bool)
        if not len(self):
            return mask
        names = np.array([normalised_path(str(f), audio_root) for f in pred.files], dtype=object)
        labelled_files = set(self.files.tolist())
        file_hits = np.flatnonzero([n in labelled_files for n in names])
        if not len(file_hits):
            return mask
        windows = np.flatnonzero(np.isin(pred.file_codes, file_hits))
        windows = windows[np.argsort(pred.file_codes[windows], kind="stable")]
        codes = pred.file_codes[windows]
        bounds = np.r_[0, np.flatnonzero(np.diff(codes)) + 1, len(codes)]
        for a, b in zip(bounds[:-1], bounds[1:], strict=True):
            rows = windows[a:b]
            starts, ends = self._merged(names[pred.file_codes[rows[0]]])
            last = np.searchsorted(starts, pred.end_s[rows] - _EDGE_S, side="left") - 1
            hit = (last >= 0) & (ends[np.maximum(last, 0)] > pred.start_s[rows] + _EDGE_S)
            mask[rows] = hit
        return mask

    def _merged(self, file: str) -> tuple[np.ndarray, np.ndarray]:
        """The labelled intervals of ``file`` merged into disjoint ones, sorted by start."""
        rows = self.files == file
        order = np.argsort(self.start_s[rows], kind="stable")
        starts, ends = self.start_s[rows][order], self.end_s[rows][order]
        ends = np.maximum.accumulate(ends)
        new = np.r_[True, starts[1:] > ends[:-1]]
        group = np.cumsum(new) - 1
        merged_ends = np.zeros(group[-1] + 1)
        np.maximum.at(merged_ends, group, ends)
        return starts[new], merged_ends

    def embedding_windows(self) -> pd.DataFrame:
        """One BirdNET window per labelled row (``file``, ``start_s``): centred on a row up to
        3 s long (start clamped at 0), from the start of a longer one (as training cuts them)."""
        length = self.end_s - self.start_s
        centred = np.maximum((self.start_s + self.end_s) / 2.0 - WINDOW_S / 2.0, 0.0)
        starts = np.where(length <= WINDOW_S, centred, self.start_s)
        frame = pd.DataFrame({"file": self.files.astype(str), "start_s": np.round(starts, 3)})
        return frame.drop_duplicates(ignore_index=True)


def normalised_path(file: str, audio_root: str | None) -> str:
    """The absolute, normalised path a ``file`` value names (relative to ``audio_root``)."""
    return os.path.normpath(os.path.abspath(resolve_audio(file, audio_root)))


def _column(table: pd.DataFrame, clip: str, plain: str) -> pd.Series:
    """``source_*`` values where the clip columns are filled, else the plain column."""
    values = table[plain] if plain in table else pd.Series("", index=table.index)
    if clip in table:
        values = table[clip].where(table[clip].str.strip() != "", values)
    return values


def _times(path: Path, values: pd.Series, what: str) -> np.ndarray:
    numbers = pd.to_numeric(values.str.strip(), errors="coerce")
    bad = numbers.isna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0]) + 2  # header is line 1
        raise LabelledFileError(
            f"The labelled annotation file {path} has '{values.iloc[row - 2]}' in {what} on line "
            f"{row}: times must be numbers of seconds."
        )
    return numbers.to_numpy(dtype=np.float64)


def _is_binary(cells: pd.Series) -> bool:
    try:
        for cell in cells:
            parse_binary(cell)
    except ValueError:
        return False
    return True


def _classes_of(path: Path, cells: pd.Series, classes: list[str]) -> list[str]:
    """The classes whose label counts this file's labelled rows add to."""
    if not _is_binary(cells):
        return list(classes)
    prefixes = {c: class_file_name(c, "").removesuffix(".csv") for c in classes}
    named = [c for c, prefix in prefixes.items() if path.name.startswith(prefix)]
    if not named:
        return list(classes)
    return [max(named, key=lambda c: len(prefixes[c]))]


def _listed(cell: str) -> list[str] | None:
    """The classes of a multiclass cell; None when the cell is not a list of classes."""
    try:
        return parse_multiclass(cell)
    except ValueError:
        return None


def _yes_no(cells: pd.Series, counted: list[str]) -> dict[str, tuple[int, int]]:
    """``{class: (yes, no)}`` of one file's labelled cells, for the classes they count for."""
    if _is_binary(cells):
        labels = [parse_binary(cell) for cell in cells]
        tally = (labels.count("yes"), labels.count("no"))
        return dict.fromkeys(counted, tally)
    lists = [found for found in map(_listed, cells) if found is not None]
    return {
        name: (sum(name in found for found in lists), sum(name not in found for found in lists))
        for name in counted
    }


def read_labelled_file(
    path: Path, classes: list[str], audio_root: str | None
) -> tuple[pd.DataFrame, dict[str, tuple[int, int]]]:
    """The labelled rows of one CSV (``file``, ``start_s``, ``end_s``) and, for each class they
    count for, their ``(yes, no)`` labels.

    Raises
    ------
    LabelledFileError
        When the file is missing, not a CSV, or lacks ``file``/``start_time``/``annotation``.
    """
    if not path.is_file():
        raise LabelledFileError(
            f"The labelled annotation file {path} does not exist. Choose a reviewed annotation "
            "task CSV, or remove it from labelled_annotation_files."
        )
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise LabelledFileError(
            f"The labelled annotation file {path} could not be read as a CSV file: {exc}"
        ) from exc
    missing = [c for c in ("file", "start_time", "annotation") if c not in table.columns]
    if missing:
        raise LabelledFileError(
            f"The labelled annotation file {path} lacks the column(s) {', '.join(missing)} "
            f"(it has {', '.join(map(str, table.columns[:8])) or 'no columns'}). Choose an "
            "annotation task CSV written by Extraction and reviewed in Review."
        )
    labelled = table[table["annotation"].str.strip() != ""]
    files = _column(labelled, "source_file", "file").str.strip()
    starts = _times(path, _column(labelled, "source_start_time", "start_time"), "start_time")
    end_values = _column(labelled, "source_end_time", "end_time")
    has_end = end_values.str.strip() != ""
    ends = starts + WINDOW_S
    if has_end.any():
        ends[has_end.to_numpy()] = _times(path, end_values[has_end], "end_time")
    if (files == "").any():
        raise LabelledFileError(f"The labelled annotation file {path} has rows without a file.")
    rows = pd.DataFrame(
        {
            "file": [normalised_path(f, audio_root) for f in files],
            "start_s": starts,
            "end_s": np.maximum(ends, starts),
        }
    )
    cells = labelled["annotation"]
    return rows, _yes_no(cells, _classes_of(path, cells, classes))


def read_labelled_files(
    paths: list[str], classes: list[str], audio_root: str | None
) -> LabelledRows:
    """The labelled rows of every file in ``paths`` (see the module docstring)."""
    parts = []
    counts = dict.fromkeys(classes, 0)
    yes = dict.fromkeys(classes, 0)
    no = dict.fromkeys(classes, 0)
    for text in paths:
        rows, counted = read_labelled_file(Path(text), classes, audio_root)
        parts.append(rows)
        for name, (n_yes, n_no) in counted.items():
            counts[name] += len(rows)
            yes[name] += n_yes
            no[name] += n_no
    table = (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame({"file": [], "start_s": [], "end_s": []})
    )
    return LabelledRows(
        files=table["file"].to_numpy(dtype=object),
        start_s=table["start_s"].to_numpy(dtype=np.float64),
        end_s=table["end_s"].to_numpy(dtype=np.float64),
        counts=counts,
        sources=list(paths),
        yes=yes,
        no=no,
    )
