"""Inference results: score post-processing, resumable per-chunk storage and the final outputs.

Each finished chunk of files is saved in the job folder's hidden ``.chunks/`` folder
(``chunk_NNNNN.pkl`` scores + ``chunk_NNNNN.json`` files/failures) and then its files are appended
to the ledger ``.chunks/done_files.txt`` (flushed and fsynced). A rerun in the same job folder
(Retry) keeps the chunks whose files are all in the ledger, skips those files, and at the end
merges every chunk into the outputs, then removes ``.chunks/``:

- dense (``sparse_save_threshold`` null): ``predictions.csv``, columns
  ``file,start_time,end_time,<one column per class>``, scores with 5 significant digits;
- sparse: ``sparse_predictions.pkl``, a pandas DataFrame indexed by ``(file, start_time,
  end_time)`` with one ``Sparse[float32, nan]`` column per class; NaN = below the floor;
- with ``split_by_subfolder``: one output per folder that holds recordings, named by its path
  relative to the audio folder with ``/`` written ``__`` (``predictions__site_a__day1.csv``);
  recordings directly in the audio folder go to the plain name.
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import io
import json
import os
import re
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STATE_DIR = ".chunks"
LEDGER_FILE = "done_files.txt"
FAILED_FILES_FILE = "failed_files.csv"
DENSE_NAME = "predictions"
SPARSE_NAME = "sparse_predictions"
UNSAFE_NAME_CHARS = re.compile(r'[<>:"\\|?*\x00-\x1f]')


def apply_activation(scores: Any, activation: str) -> Any:
    """Apply ``"logits"`` (unchanged), ``"sigmoid"`` or ``"softmax"`` (over classes, per row)."""
    import numpy as np
    import pandas as pd

    if activation == "logits":
        return scores
    values = scores.to_numpy(dtype=np.float64)
    if activation == "sigmoid":
        values = 1.0 / (1.0 + np.exp(-values))
    elif activation == "softmax":
        shifted = np.exp(values - values.max(axis=1, keepdims=True))
        values = shifted / shifted.sum(axis=1, keepdims=True)
    else:
        raise ValueError(f"Unknown activation '{activation}'.")
    return pd.DataFrame(values.astype(np.float32), index=scores.index, columns=scores.columns)


def read_class_names(path: Path) -> list[str]:
    """Class names from a text file: one per line, blank lines and ``#`` comments skipped."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise ValueError(f"The subset classes file {path} could not be read: {exc}") from exc
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def resolve_class_subset(
    wanted: Sequence[str], file: str | None, model_classes: Sequence[str]
) -> list[str] | None:
    """The classes to keep (model order), or ``None`` to keep all.

    Raises ``ValueError`` naming each unknown class with its closest model class names.
    """
    names = list(dict.fromkeys([*wanted, *(read_class_names(Path(file)) if file else [])]))
    if not names:
        return None
    known = set(model_classes)
    unknown = [n for n in names if n not in known]
    if unknown:
        hints = []
        for name in unknown[:10]:
            close = difflib.get_close_matches(name, model_classes, n=3, cutoff=0.5)
            hints.append(f"'{name}'" + (f" (did you mean {', '.join(close)}?)" if close else ""))
        more = f" and {len(unknown) - 10} more" if len(unknown) > 10 else ""
        raise ValueError(
            f"{len(unknown)} subset class(es) are not classes of this model: "
            f"{'; '.join(hints)}{more}."
        )
    chosen = set(names)
    return [c for c in model_classes if c in chosen]


def apply_floor(scores: Any, threshold: float | None) -> Any:
    """Scores below ``threshold`` become NaN (non-detections); unchanged when ``None``."""
    if threshold is None:
        return scores
    return scores.mask(scores < threshold)


def output_name(group: str, sparse: bool) -> str:
    """File name of one output: ``predictions.csv`` / ``sparse_predictions.pkl``, with
    ``__<relative folder, / → __>`` before the extension for a subfolder group."""
    base, ext = (SPARSE_NAME, ".pkl") if sparse else (DENSE_NAME, ".csv")
    if not group:
        return base + ext
    safe = UNSAFE_NAME_CHARS.sub("_", group.replace("\\", "/").strip("/")).replace("/", "__")
    return f"{base}__{safe}{ext}"


def subfolder_groups(files: Iterable[Path], audio_dir: Path | None) -> dict[str, str]:
    """``{file: folder relative to audio_dir}`` ("" for files directly in it; an absolute folder
    without its leading ``/`` for files outside it)."""
    groups = {}
    for path in files:
        parent = path.parent
        try:
            rel = parent.relative_to(audio_dir).as_posix() if audio_dir else None
        except ValueError:
            rel = None
        if rel is None:
            rel = parent.as_posix().lstrip("/").replace(":", "")
        groups[str(path)] = "" if rel == "." else rel
    return groups


@dataclass
class ResumeState:
    """What earlier runs in this job folder finished."""

    done: set[str] = field(default_factory=set)
    failed: dict[str, str] = field(default_factory=dict)
    audio_s: float = 0.0


class ChunkStore:
    """Finished chunks of one job in ``<job_dir>/.chunks/``, with the ``done_files.txt`` ledger."""

    def __init__(self, job_dir: Path) -> None:
        self.dir = job_dir / STATE_DIR
        self.ledger = self.dir / LEDGER_FILE
        self._next = 1

    def resume(self) -> ResumeState:
        """Load what earlier runs finished; drop chunks whose files are not all in the ledger."""
        state = ResumeState()
        if not self.dir.is_dir():
            self.dir.mkdir(parents=True)
            return state
        ledger = set(self._ledger_lines())
        kept: list[str] = []
        for meta_path in sorted(self.dir.glob("chunk_*.json")):
            meta = self._read_meta(meta_path)
            pkl = meta_path.with_suffix(".pkl")
            complete = meta is not None and all(f in ledger for f in meta["files"])
            if complete and meta is not None and (pkl.exists() or not meta["has_scores"]):
                kept.extend(meta["files"])
                state.failed.update(meta["failed"])
                state.audio_s += float(meta["audio_s"])
                self._next = int(meta_path.stem.split("_")[1]) + 1
            else:
                meta_path.unlink(missing_ok=True)
                pkl.unlink(missing_ok=True)
        known = {p.stem for p in self.dir.glob("chunk_*.json")}
        for stray in self.dir.glob("chunk_*"):  # scores without a record, temp files
            if stray.stem not in known or stray.suffix not in (".json", ".pkl"):
                stray.unlink(missing_ok=True)
        self._rewrite_ledger(kept)
        state.done = set(kept)
        return state

    def add(
        self, scores: Any | None, files: Sequence[Path], failed: dict[str, str], audio_s: float
    ) -> None:
        """Save one finished chunk, then record its files in the ledger (durably)."""
        stem = f"chunk_{self._next:05d}"
        if scores is not None:
            tmp = self.dir / f"{stem}.pkl.tmp"
            scores.to_pickle(tmp)
            os.replace(tmp, self.dir / f"{stem}.pkl")
        meta = {
            "files": [str(p) for p in files],
            "failed": failed,
            "audio_s": audio_s,
            "has_scores": scores is not None,
        }
        tmp = self.dir / f"{stem}.json.tmp"
        tmp.write_text(json.dumps(meta), encoding="utf-8")
        os.replace(tmp, self.dir / f"{stem}.json")
        with open(self.ledger, "a", encoding="utf-8") as fh:
            fh.write("".join(f"{p}\n" for p in files))
            fh.flush()
            os.fsync(fh.fileno())
        self._next += 1

    def frames(self) -> Iterator[Any]:
        """The saved score frames, in chunk order."""
        import pandas as pd

        for pkl in sorted(self.dir.glob("chunk_*.pkl")):
            yield pd.read_pickle(pkl)

    def clear(self) -> None:
        """Remove the saved chunks and the ledger (after the outputs are written)."""
        shutil.rmtree(self.dir, ignore_errors=True)

    def _ledger_lines(self) -> list[str]:
        try:
            text = self.ledger.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        lines = text.split("\n")
        return [line for line in lines[:-1] if line]  # the last piece lacks its newline

    def _rewrite_ledger(self, files: list[str]) -> None:
        tmp = self.ledger.with_name(LEDGER_FILE + ".tmp")
        tmp.write_text("".join(f"{f}\n" for f in files), encoding="utf-8")
        os.replace(tmp, self.ledger)

    @staticmethod
    def _read_meta(path: Path) -> dict[str, Any] | None:
        with contextlib.suppress(OSError, ValueError):
            meta = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(meta, dict) and {"files", "failed", "audio_s", "has_scores"} <= set(meta):
                return meta
        return None


def write_outputs(
    frames: Iterable[Any], job_dir: Path, groups: dict[str, str], sparse: bool
) -> list[Path]:
    """Merge chunk frames into the outputs (one per group); return their paths."""
    writers: dict[str, _DenseCsv | _SparseParts] = {}
    for frame in frames:
        if sparse:
            frame = frame.astype(_sparse_dtype())
        by_group = frame.index.get_level_values("file").map(lambda f: groups.get(f, ""))
        for group in by_group.unique():
            part = frame[by_group == group]
            if group not in writers:
                path = job_dir / output_name(group, sparse)
                writers[group] = _SparseParts(path) if sparse else _DenseCsv(path)
            writers[group].append(part)
    return [writer.finish() for _, writer in sorted(writers.items())]


def _sparse_dtype() -> Any:
    import numpy as np
    import pandas as pd

    return pd.SparseDtype(np.float32, np.nan)


class _DenseCsv:
    """Appends frames to ``<path>.partial`` as CSV; :meth:`finish` renames it to ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        self._rows = 0

    def append(self, scores: Any) -> None:
        import numpy as np

        values = scores.to_numpy(dtype=np.float64)
        if np.isnan(values).any():  # rare (dense logits have no gaps): let pandas write blanks
            self._append_with_pandas(scores)
            return
        # One C-level format per row is ~5x faster than pandas' per-cell float_format here.
        row_format = ",".join(["%.5g"] * values.shape[1])
        files = scores.index.get_level_values("file")
        starts = scores.index.get_level_values("start_time")
        ends = scores.index.get_level_values("end_time")
        with open(self.partial, "a" if self._rows else "w", encoding="utf-8", newline="") as fh:
            if not self._rows:
                fh.write(_csv_line(["file", "start_time", "end_time", *map(str, scores.columns)]))
            for i in range(len(values)):
                head = _csv_line([str(files[i]), str(float(starts[i])), str(float(ends[i]))])
                fh.write(head[:-1] + "," + row_format % tuple(values[i].tolist()) + "\n")
        self._rows += len(values)

    def _append_with_pandas(self, scores: Any) -> None:
        frame = scores.reset_index()
        for column in ("start_time", "end_time"):
            frame[column] = frame[column].astype(float).astype(str)
        frame.to_csv(
            self.partial,
            mode="a" if self._rows else "w",
            header=not self._rows,
            index=False,
            float_format="%.5g",
        )
        self._rows += len(frame)

    def finish(self) -> Path:
        os.replace(self.partial, self.path)
        return self.path


class _SparseParts:
    """Collects sparse frames; :meth:`finish` pickles their concatenation atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parts: list[Any] = []

    def append(self, scores: Any) -> None:
        self.parts.append(scores)

    def finish(self) -> Path:
        import pandas as pd

        frame = pd.concat(self.parts) if len(self.parts) > 1 else self.parts[0]
        tmp = self.path.with_name(self.path.name + ".partial")
        frame.to_pickle(tmp)
        os.replace(tmp, self.path)
        return self.path


def _csv_line(fields: Sequence[str]) -> str:
    """One CSV line (quoted only where needed, ``\\n`` ending), like pandas writes it."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(fields)
    return buffer.getvalue()


def write_failed_files(path: Path, failed: dict[str, str]) -> None:
    """``failed_files.csv`` with columns ``file,reason`` (written atomically)."""
    tmp = path.with_name(path.name + ".partial")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["file", "reason"])
        out.writerows(sorted(failed.items()))
    os.replace(tmp, path)
