"""What the Training form's label sources hold, read before any training: classes and counts.

``POST /api/training/labels`` answers with one summary per source — the classes found, how many
positive and negative labels each class has, the mode of an annotation CSV and the problems that
would stop the training job (a missing file, a missing column, a binary file without its class) —
plus every class found and a warning for each class without positives or without negatives.

Counts are in the unit a source labels: an annotation CSV in **labels** (reviewed rows: ``yes`` /
``no`` in binary files; a listed class / an unlisted one in multiclass files), a Raven table in
**windows** (3 s windows, by the training job's rules: a selection gives one window up to 3 s and
``ceil(length / 3)`` beyond; the grid windows of the recording that overlap no selection of a class
are its negatives) and a folder of labelled recordings in **recordings** (a recording is a positive
of its subfolder's class and a negative of the others). Nothing here decodes audio: Raven negatives
need only the recording's length (``soundfile.info``).
"""

from __future__ import annotations

import csv
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend.common.annotation_values import parse_binary, parse_multiclass
from backend.common.configs import AUDIO_EXTENSIONS
from backend.lightweight_server.errors import DipperError
from backend.lightweight_server.services.annotation_csv import read_csv_table
from backend.lightweight_server.services.path_guard import PathGuard

WINDOW_S = 3.0
NEGATIVE_FOLDER = "negative"
RAVEN_SPECIES_COLUMNS = ("Species", "Annotation", "Class", "Label", "Common Name", "Species Code")
RAVEN_TIME_COLUMNS = ("Begin Time (s)", "End Time (s)")
MAX_FOLDER_FILES = 200_000
_TASK_NAME = re.compile(r"^(?P<name>.+?)_annotation_task_\d")


@dataclass
class AnnotationSource:
    """A Review CSV: binary when ``class_name`` is set, multiclass otherwise."""

    path: str
    class_name: str | None = None
    audio_root: str | None = None


@dataclass
class RavenSource:
    """A Raven selection table and the recording it annotates."""

    path: str
    audio_file: str
    species_column: str | None = None


class _Counts:
    """Positive and negative counts per class, in first-seen class order."""

    def __init__(self) -> None:
        self.by_class: dict[str, dict[str, int]] = {}

    def add(self, name: str, positive: int = 0, negative: int = 0) -> None:
        entry = self.by_class.setdefault(name, {"positive": 0, "negative": 0})
        entry["positive"] += positive
        entry["negative"] += negative


def _source(kind: str, path: str, unit: str) -> dict[str, Any]:
    return {"kind": kind, "path": path, "unit": unit, "rows": 0, "counts": {}, "problems": []}


def suggested_class_name(path: str) -> str | None:
    """The class of a binary task written by Extraction (``{class}_annotation_task_….csv``)."""
    match = _TASK_NAME.match(Path(path).name)
    return match.group("name") if match else None


def summarise_annotation_file(guard: PathGuard, item: AnnotationSource) -> dict[str, Any]:
    """Mode, classes and label counts of one Review CSV, with what would stop training."""
    out = _source("annotation_file", item.path, "labels")
    class_name = (item.class_name or "").strip() or None
    out.update(
        class_name=class_name,
        mode=None,
        suggested_class_name=suggested_class_name(item.path),
        not_reviewed=0,
        uncertain=0,
        audio_files=0,
        missing_audio_files=0,
    )
    problems: list[str] = out["problems"]
    try:
        path = guard.check(item.path, "annotation file")
        table = read_csv_table(path)
        root = guard.check(item.audio_root, "audio root") if item.audio_root else path.parent
    except DipperError as exc:
        problems.append(exc.message)
        return out
    missing = [c for c in ("file", "start_time", "annotation") if c not in table.columns]
    if missing:
        problems.append(
            f"{path.name} has no {', '.join(missing)} column: choose an annotation task made by "
            "Extraction and reviewed in Review."
        )
        return out
    width = len(table.columns)
    cells = [row + [""] * (width - len(row)) for row in table.rows]
    file_i, ann_i = table.columns.index("file"), table.columns.index("annotation")
    out["rows"] = len(cells)
    annotations = [row[ann_i] for row in cells]
    lists = sum(a.strip().startswith("[") for a in annotations)
    binary = sum(a.strip().lower() in ("yes", "no", "uncertain") for a in annotations)
    mode = "multiclass" if lists and not binary else "binary" if binary and not lists else None
    out["mode"] = mode or ("binary" if class_name else "multiclass" if lists else None)
    counts = _Counts()
    labelled_files: set[str] = set()
    if lists and binary:
        problems.append(
            f"{path.name} mixes yes/no labels and class lists: a file is either binary or "
            "multiclass. Fix the annotation column in Review."
        )
    elif class_name and lists:
        problems.append(
            f"{path.name} holds multiclass labels (class lists), but a class was given for its "
            "yes/no labels: choose “multiclass” for this file."
        )
    elif not class_name and binary:
        suggestion = out["suggested_class_name"]
        hint = f" (its name suggests “{suggestion}”)" if suggestion else ""
        problems.append(f"{path.name} holds yes/no labels: give the class they are about{hint}.")
    elif class_name or lists:
        _count_rows(out, cells, file_i, ann_i, class_name, counts, labelled_files, problems)
    labelled = sum(c["positive"] + c["negative"] for c in counts.by_class.values())
    if not problems and labelled == 0:
        problems.append(f"{path.name} has no reviewed labels yet: review some clips first.")
    _check_audio(out, labelled_files, root, problems)
    out["counts"] = counts.by_class
    return out


def _count_rows(
    out: dict[str, Any],
    cells: list[list[str]],
    file_i: int,
    ann_i: int,
    class_name: str | None,
    counts: _Counts,
    labelled_files: set[str],
    problems: list[str],
) -> None:
    """Count the labels of a binary (``class_name``) or multiclass file into ``counts``."""
    present_rows: list[list[str]] = []
    for number, row in enumerate(cells, start=2):
        try:
            if class_name:
                verdict = parse_binary(row[ann_i])
                if verdict in ("yes", "no"):
                    counts.add(class_name, positive=int(verdict == "yes"))
                    counts.add(class_name, negative=int(verdict == "no"))
                    labelled_files.add(row[file_i].strip())
                elif verdict == "uncertain":
                    out["uncertain"] += 1
                else:
                    out["not_reviewed"] += 1
                continue
            present = parse_multiclass(row[ann_i])
        except ValueError as exc:
            problems.append(f"Line {number}: {exc}")
            return
        if present is None:
            out["not_reviewed"] += 1
            continue
        present_rows.append(present)
        labelled_files.add(row[file_i].strip())
        for name in present:
            counts.add(name)
    known = list(counts.by_class)
    for present in present_rows:
        for name in known:
            counts.add(name, positive=int(name in present), negative=int(name not in present))


def _check_audio(out: dict[str, Any], files: set[str], root: Path, problems: list[str]) -> None:
    """Count the labelled recordings that are not where their paths point."""
    resolved = {os.path.normpath(os.path.join(root, os.path.expanduser(f))) for f in files if f}
    missing = [p for p in resolved if not os.path.isfile(p)]
    out["audio_files"], out["missing_audio_files"] = len(resolved), len(missing)
    if resolved and len(missing) == len(resolved):
        problems.append(
            f"None of the {len(resolved)} labelled recordings was found under {root} (e.g. "
            f"{sorted(missing)[0]}): set the audio root to the folder the file paths start from."
        )


def summarise_raven_table(guard: PathGuard, item: RavenSource) -> dict[str, Any]:
    """Classes and window counts of a Raven selection table (the recording fully annotated)."""
    out = _source("raven_table", item.path, "windows")
    out.update(species_column=None, audio_file=item.audio_file, duration_s=None)
    problems: list[str] = out["problems"]
    try:
        path = guard.check(item.path, "Raven selection table")
        audio = guard.check(item.audio_file, "recording") if item.audio_file.strip() else None
        records = _read_tsv(path)
    except DipperError as exc:
        problems.append(exc.message)
        return out
    header, rows = records[0] if records else [], records[1:]
    out["rows"] = len(rows)
    absent = [c for c in RAVEN_TIME_COLUMNS if c not in header]
    column = item.species_column or next((c for c in RAVEN_SPECIES_COLUMNS if c in header), None)
    if absent:
        problems.append(f"{path.name} has no {' / '.join(absent)} column: is it a Raven table?")
        return out
    if column is None or column not in header:
        looked = item.species_column or ", ".join(RAVEN_SPECIES_COLUMNS)
        problems.append(f"{path.name} has no species column (looked for {looked}): name it.")
        return out
    out["species_column"] = column
    begin_i, end_i, name_i = (header.index(c) for c in (*RAVEN_TIME_COLUMNS, column))
    spans: dict[str, list[tuple[float, float]]] = {}
    counts = _Counts()
    for number, row in enumerate(rows, start=2):
        cells = row + [""] * (len(header) - len(row))
        name = cells[name_i].strip()
        if not name:
            continue
        try:
            begin_s, end_s = float(cells[begin_i]), float(cells[end_i])
        except ValueError:
            problems.append(f"Line {number} of {path.name}: the begin/end times are not numbers.")
            return out
        spans.setdefault(name, []).append((begin_s, end_s))
        length_s = max(0.0, end_s - begin_s)
        counts.add(name, positive=1 if length_s <= WINDOW_S else math.ceil(length_s / WINDOW_S))
    if audio is None:
        problems.append("Choose the recording this table annotates.")
    else:
        duration_s = _duration_s(audio)
        out["duration_s"] = duration_s
        if duration_s is None:
            problems.append(f"The recording {audio} is missing or unreadable.")
        else:
            grid = [k * WINDOW_S for k in range(max(1, math.ceil(duration_s / WINDOW_S)))]
            for name, intervals in spans.items():
                free = sum(all(e <= s or b >= s + WINDOW_S for b, e in intervals) for s in grid)
                counts.add(name, negative=free)
    if not spans and not problems:
        problems.append(f"{path.name} has no selections with a species.")
    out["counts"] = counts.by_class
    return out


def _read_tsv(path: Path) -> list[list[str]]:
    if not path.is_file():
        raise DipperError(f"No Raven selection table at {path}. Check the path.")
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as handle:
            return [row for row in csv.reader(handle, delimiter="\t") if row]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DipperError(f"{path.name} is not a readable tab-separated table ({exc}).") from exc


def _duration_s(path: Path) -> float | None:
    import soundfile

    try:
        info = soundfile.info(str(path))
    except Exception:  # missing or not audio: reported by the caller
        return None
    return float(info.frames) / float(info.samplerate) if info.samplerate else None


def summarise_label_folder(guard: PathGuard, folder_text: str) -> dict[str, Any]:
    """Recordings per class of a folder whose subfolders are classes."""
    out = _source("folder", folder_text, "recordings")
    problems: list[str] = out["problems"]
    try:
        folder = guard.check(folder_text, "labelled recordings folder")
    except DipperError as exc:
        problems.append(exc.message)
        return out
    if not folder.is_dir():
        problems.append(f"There is no folder at {folder}.")
        return out
    per_folder: dict[str, int] = {}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        found = 0
        for _dirpath, _dirs, names in os.walk(sub):
            found += sum(Path(n).suffix.lower() in AUDIO_EXTENSIONS for n in names)
            if found > MAX_FOLDER_FILES:
                break
        per_folder[sub.name] = found
    classes = [name for name in per_folder if name != NEGATIVE_FOLDER]
    if not classes:
        problems.append(
            f"{folder} has no subfolders: put the recordings of each class in a subfolder named "
            "after the class (and recordings of none of them in 'negative')."
        )
        return out
    total = sum(per_folder.values())
    out["rows"] = total
    out["counts"] = {
        name: {"positive": per_folder[name], "negative": total - per_folder[name]}
        for name in classes
    }
    empty = [name for name, n in per_folder.items() if n == 0]
    if empty:
        problems.append(f"No recordings in: {', '.join(empty)}.")
    return out


def summarise_label_sources(
    guard: PathGuard,
    annotation_files: list[AnnotationSource],
    raven_tables: list[RavenSource],
    folder_labels_dir: str | None,
) -> dict[str, Any]:
    """``{"sources": [...], "classes": [...], "totals": {class: {positive, negative}},
    "warnings": [...]}`` for the label sources of a training config (or its evaluation set)."""
    sources = [summarise_annotation_file(guard, item) for item in annotation_files]
    sources += [summarise_raven_table(guard, item) for item in raven_tables]
    if folder_labels_dir and folder_labels_dir.strip():
        sources.append(summarise_label_folder(guard, folder_labels_dir))
    totals = _Counts()
    for source in sources:
        for name, count in source["counts"].items():
            totals.add(name, count["positive"], count["negative"])
    warnings = [
        f"{name} has no {what} labels: add {what} examples or leave the class out."
        for name, count in totals.by_class.items()
        for what in ("positive", "negative")
        if count[what] == 0
    ]
    return {
        "sources": sources,
        "classes": list(totals.by_class),
        "totals": totals.by_class,
        "warnings": warnings,
    }
