"""Read each label source into rows ``(file, start_s, end_s, class, label, source)``.

``label`` is 1 (the class is present in the window) or 0 (reviewed: absent). Every row is one
window of the embedding model (``WINDOW_S`` = 3 s, BirdNET's) starting at ``start_s``:

- a labelled interval up to 3 s long gets ONE window centred on it (start clamped at 0);
- a longer interval is covered by consecutive 3 s windows from its start, the last one ending at
  or after the interval's end (``ceil(length / 3)`` windows);
- an annotation row without ``end_time`` is taken as a 3 s interval.

Sources: Review annotation CSVs (binary: ``yes`` → 1, ``no`` → 0, ``uncertain``/empty ignored;
multiclass: listed classes → 1 and every other class → 0, ``[]`` → 0 for every class, empty →
ignored), Raven selection tables (see :func:`read_raven_table`) and a folder of labelled recordings
(see :func:`read_label_folder`). Errors are :class:`LabelError` messages that name the file.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from backend.common.annotation_values import parse_binary, parse_multiclass
from backend.common.configs import AUDIO_EXTENSIONS
from backend.common.training_config import AnnotationFile, RavenTable

WINDOW_S = 3.0
NEGATIVE_FOLDER = "negative"
RAVEN_SPECIES_COLUMNS = ("Species", "Annotation", "Class", "Label", "Common Name", "Species Code")
ROW_COLUMNS = ["file", "start_s", "end_s", "class", "label", "source"]
# Optional column: the recording a row's audio comes from, when ``file`` is a clip cut from it
# (Extraction's clip exports keep it as ``source_file``); the split keeps its clips together.
RECORDING_COLUMN = "recording"


class LabelError(ValueError):
    """A label source that cannot be used; the message names the file and what to change."""


def window_starts(start_s: float, end_s: float, window_s: float = WINDOW_S) -> list[float]:
    """Start times (s, rounded to ms) of the windows that represent the interval start–end."""
    length_s = max(0.0, end_s - start_s)
    if length_s <= window_s + 1e-9:
        return [round(max(0.0, start_s + length_s / 2 - window_s / 2), 3)]
    count = math.ceil(length_s / window_s - 1e-9)
    return [round(start_s + k * window_s, 3) for k in range(count)]


def _rows(file: str, start_s: float, end_s: float, labels: dict[str, int], source: str) -> list:
    out = []
    for start in window_starts(start_s, end_s):
        for name, value in labels.items():
            out.append((file, start, round(start + WINDOW_S, 3), name, value, source))
    return out


def _resolve(path_text: str, root: Path) -> str:
    path = Path(path_text).expanduser()
    return str(path if path.is_absolute() else (root / path).resolve())


def read_annotation_file(item: AnnotationFile, classes: list[str]) -> pd.DataFrame:
    """Rows of one Review CSV; ``classes`` are every class known (for multiclass negatives)."""
    path = Path(item.path)
    try:
        table = pd.read_csv(path, dtype={"annotation": str}, keep_default_na=False)
    except FileNotFoundError as exc:
        raise LabelError(f"The annotation file {path} does not exist.") from exc
    except (OSError, ValueError) as exc:
        raise LabelError(f"The annotation file {path} is not a readable CSV: {exc}") from exc
    missing = [c for c in ("file", "start_time", "annotation") if c not in table.columns]
    if missing:
        raise LabelError(
            f"The annotation file {path} has no {', '.join(missing)} column(s): choose an "
            "annotation task made by Extraction and reviewed in Review."
        )
    root = Path(item.audio_root) if item.audio_root else path.parent
    rows: list = []
    recordings: dict[str, str] = {}  # clip file → the recording it was cut from (clip exports)
    for number, record in enumerate(table.to_dict("records"), start=2):
        try:
            start_s = float(record["start_time"])
            end_text = record.get("end_time", "")
            end_s = float(end_text) if str(end_text).strip() != "" else start_s + WINDOW_S
            labels = _row_labels(record["annotation"], item.class_name, classes)
        except ValueError as exc:
            raise LabelError(f"{path}, line {number}: {exc}") from exc
        if labels:
            file = _resolve(str(record["file"]), root)
            rows += _rows(file, start_s, end_s, labels, str(path))
            source_file = str(record.get("source_file", "")).strip()
            if source_file:
                recordings[file] = f"source:{source_file}"
    frame = pd.DataFrame(rows, columns=ROW_COLUMNS)
    if recordings:
        frame[RECORDING_COLUMN] = frame["file"].map(recordings).fillna(frame["file"])
    return frame


def _row_labels(cell: str, class_name: str | None, classes: list[str]) -> dict[str, int]:
    text = (cell or "").strip()
    if class_name is not None:
        if text.startswith("["):
            raise ValueError(
                f"'{cell}' is a multiclass label but a class name ({class_name}) was given for "
                "this file: clear the class name to read it as a multiclass task"
            )
        verdict = parse_binary(text)
        return {class_name: 1} if verdict == "yes" else {class_name: 0} if verdict == "no" else {}
    if text.lower() in ("yes", "no", "uncertain"):
        raise ValueError(
            f"'{cell}' is a binary label: give this file's class name (the class its yes/no "
            "answers are about)"
        )
    present = parse_multiclass(text)
    if present is None:
        return {}
    labels = {name: 0 for name in classes}
    labels.update({name: 1 for name in present})
    return labels


def read_raven_table(item: RavenTable) -> pd.DataFrame:
    """Rows of a Raven selection table; the recording is taken as fully annotated.

    Each selection gives positive windows of its class (the interval rule above). For every class
    of the table, the 3 s grid windows (0, 3, 6 … s) of the recording that overlap no selection of
    that class are negatives of it.
    """
    path = Path(item.path)
    try:
        table = pd.read_csv(path, sep="\t", keep_default_na=False)
    except FileNotFoundError as exc:
        raise LabelError(f"The Raven selection table {path} does not exist.") from exc
    except (OSError, ValueError) as exc:
        raise LabelError(f"{path} is not a readable Raven selection table: {exc}") from exc
    times = [c for c in ("Begin Time (s)", "End Time (s)") if c not in table.columns]
    if times:
        raise LabelError(f"The Raven table {path} has no {' / '.join(times)} column.")
    column = item.species_column or next(
        (c for c in RAVEN_SPECIES_COLUMNS if c in table.columns), None
    )
    if column is None or column not in table.columns:
        raise LabelError(
            f"The Raven table {path} has no species column (looked for "
            f"{item.species_column or ', '.join(RAVEN_SPECIES_COLUMNS)}): name it in the config."
        )
    audio = item.audio_file
    rows: list = []
    spans: dict[str, list[tuple[float, float]]] = {}
    for record in table.to_dict("records"):
        name = str(record[column]).strip()
        begin_s, end_s = float(record["Begin Time (s)"]), float(record["End Time (s)"])
        if not name:
            continue
        spans.setdefault(name, []).append((begin_s, end_s))
        rows += _rows(audio, begin_s, end_s, {name: 1}, str(path))
    duration_s = _duration_s(audio)
    if duration_s is not None:
        grid = [round(k * WINDOW_S, 3) for k in range(max(1, math.ceil(duration_s / WINDOW_S)))]
        for name, intervals in spans.items():
            for start in grid:
                end = start + WINDOW_S
                if all(e <= start or b >= end for b, e in intervals):
                    rows.append((audio, start, round(end, 3), name, 0, str(path)))
    return pd.DataFrame(rows, columns=ROW_COLUMNS)


def _duration_s(file: str) -> float | None:
    import soundfile

    try:
        info = soundfile.info(file)
    except Exception:  # a missing file is reported with the others by the caller
        return None
    return float(info.frames) / float(info.samplerate)


def read_label_folder(folder: Path) -> pd.DataFrame:
    """Rows of a folder of labelled recordings: ``folder/<class>/**/<audio file>``.

    Every recording is a positive of its subfolder's class and a negative of every other
    subfolder's class over its whole length (cut into 3 s windows from 0 s). Recordings in a
    subfolder named ``negative`` are negatives of every class.
    """
    if not folder.is_dir():
        raise LabelError(f"The labelled recordings folder {folder} does not exist.")
    subfolders = sorted(p for p in folder.iterdir() if p.is_dir())
    names = [p.name for p in subfolders if p.name != NEGATIVE_FOLDER]
    if not names:
        raise LabelError(
            f"{folder} has no subfolders: put the recordings of each class in a subfolder named "
            "after the class."
        )
    rows: list = []
    for sub in subfolders:
        labels = {name: int(name == sub.name) for name in names}
        for file in sorted(sub.rglob("*")):
            if file.suffix.lower() not in AUDIO_EXTENSIONS or not file.is_file():
                continue
            duration_s = _duration_s(str(file))
            if duration_s is None:
                raise LabelError(f"{file} in the labelled recordings folder cannot be read.")
            starts = [k * WINDOW_S for k in range(max(1, math.ceil(duration_s / WINDOW_S - 1e-9)))]
            for start in starts:
                for name, value in labels.items():
                    rows.append((str(file), start, start + WINDOW_S, name, value, str(folder)))
    return pd.DataFrame(rows, columns=ROW_COLUMNS)
