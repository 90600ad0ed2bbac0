"""Read the index and chosen class columns of a dense ``predictions*.csv`` in bounded memory.

With pyarrow (the torch environment has it) the file is streamed in 16 MiB blocks by its
multi-threaded reader, converting only the wanted columns (``file`` as a dictionary, so recording
names are decoded once per block, scores straight to float32). Without it, pandas reads chunks of
200,000 rows with ``usecols``. Either way memory holds the kept columns plus one block.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

Progress = Callable[[float], None]
BLOCK_BYTES = 16 * 1024 * 1024
PANDAS_CHUNK_ROWS = 200_000


@dataclass
class FileTable:
    """One prediction file's windows: recordings (codes into ``files``), times, class scores."""

    files: list[str]
    codes: np.ndarray  # int32 per window
    start_s: np.ndarray
    end_s: np.ndarray
    scores: dict[str, np.ndarray] = field(default_factory=dict)  # float32 per window


class _Collector:
    """Appends blocks, mapping each block's recording names to one list."""

    def __init__(self, classes: list[str]) -> None:
        self.index: dict[str, int] = {}
        self.codes: list[np.ndarray] = []
        self.starts: list[np.ndarray] = []
        self.ends: list[np.ndarray] = []
        self.scores: dict[str, list[np.ndarray]] = {c: [] for c in classes}

    def add(self, names: list[str], local_codes: np.ndarray, start, end, scores) -> None:
        mapping = np.array([self.index.setdefault(n, len(self.index)) for n in names], np.int32)
        self.codes.append(mapping[local_codes] if len(mapping) else local_codes.astype(np.int32))
        self.starts.append(np.asarray(start, dtype=np.float64))
        self.ends.append(np.asarray(end, dtype=np.float64))
        for name, values in scores.items():
            self.scores[name].append(np.asarray(values, dtype=np.float32))

    def table(self) -> FileTable:
        def join(parts: list[np.ndarray], dtype: type) -> np.ndarray:
            return np.concatenate(parts) if parts else np.empty(0, dtype)

        return FileTable(
            files=list(self.index),
            codes=join(self.codes, np.int32),
            start_s=join(self.starts, np.float64),
            end_s=join(self.ends, np.float64),
            scores={n: join(p, np.float32) for n, p in self.scores.items()},
        )


def _read_with_pyarrow(path: Path, classes: list[str], on_progress: Progress | None) -> FileTable:
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    types = {c: pa.float32() for c in classes}
    types.update(
        file=pa.dictionary(pa.int32(), pa.string()), start_time=pa.float64(), end_time=pa.float64()
    )
    rows_estimate = _estimate_rows(path)  # pyarrow reads ahead: its file position says little
    reader = pa_csv.open_csv(
        path,
        read_options=pa_csv.ReadOptions(block_size=BLOCK_BYTES),
        convert_options=pa_csv.ConvertOptions(
            include_columns=["file", "start_time", "end_time", *classes], column_types=types
        ),
    )
    out = _Collector(classes)
    rows = 0
    for batch in reader:
        _add_arrow_batch(out, batch, classes)
        rows += batch.num_rows
        if on_progress is not None:
            on_progress(min(rows / rows_estimate, 1.0))
    return out.table()


def _add_arrow_batch(out: _Collector, batch: Any, classes: list[str]) -> None:
    files = batch.column("file")
    names = [str(v) for v in files.dictionary.to_pylist()]
    codes = files.indices.fill_null(0).to_numpy(zero_copy_only=False)
    scores = {c: batch.column(c).to_numpy(zero_copy_only=False).astype(np.float32) for c in classes}
    start = batch.column("start_time").to_numpy(zero_copy_only=False)
    end = batch.column("end_time").to_numpy(zero_copy_only=False)
    out.add(names, codes, start, end, scores)


def _read_with_pandas(path: Path, classes: list[str], on_progress: Progress | None) -> FileTable:
    import pandas as pd

    dtypes: dict[str, object] = {c: np.float32 for c in classes}
    dtypes.update(file=str, start_time=np.float64, end_time=np.float64)
    out = _Collector(classes)
    chunks = pd.read_csv(
        path,
        usecols=["file", "start_time", "end_time", *classes],
        dtype=dtypes,
        chunksize=PANDAS_CHUNK_ROWS,
    )
    rows_estimate = _estimate_rows(path)
    for chunk in chunks:
        codes, names = pd.factorize(chunk["file"])
        out.add(
            [str(n) for n in names],
            codes.astype(np.int32),
            chunk["start_time"].to_numpy(),
            chunk["end_time"].to_numpy(),
            {c: chunk[c].to_numpy(dtype=np.float32, na_value=np.nan) for c in classes},
        )
        if on_progress is not None:
            on_progress(min(sum(len(c) for c in out.codes) / rows_estimate, 1.0))
    return out.table()


def _estimate_rows(path: Path) -> float:
    """Rows of the file, estimated from the line lengths of its first 256 KiB."""
    with open(path, "rb") as fh:
        head = fh.read(256 * 1024)
    lines = max(head.count(b"\n"), 1)
    return max(path.stat().st_size / (len(head) / lines), 1.0)


def read_dense_columns(
    path: Path, classes: list[str], on_progress: Progress | None = None
) -> FileTable:
    """The windows and the ``classes`` score columns of a dense predictions CSV.

    Raises
    ------
    ValueError
        When a time or score cell is not a number (pyarrow's or pandas' message).

    ``on_progress(fraction)`` is called after each block with the share of the file read.
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return _read_with_pandas(path, classes, on_progress)
    return _read_with_pyarrow(path, classes, on_progress)
