"""Read the index and chosen class columns of a dense ``predictions*.csv`` in bounded memory.

With pyarrow (the torch environment has it) the file is cut at line ends into parts of ~96 MiB, each
read by pyarrow's multi-threaded reader converting only the wanted columns (``file`` as a
dictionary, so recording names are decoded once per block, scores straight to float32) and handed
to numpy before the next part. A cell holding a line break (a quoted file name with a newline) is
not supported. Without pyarrow, pandas reads chunks of 200,000 rows with ``usecols``. Memory holds
the kept columns plus one part.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

Progress = Callable[[float], None]
BLOCK_BYTES = 16 * 1024 * 1024
PART_BYTES = 96 * 1024 * 1024  # read and converted at a time
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
        """Join the blocks, one column at a time, dropping each column's blocks once joined
        (so memory holds the blocks plus one joined column, not two copies of everything)."""

        def join(parts: list[np.ndarray], dtype: type) -> np.ndarray:
            joined = np.concatenate(parts) if parts else np.empty(0, dtype)
            parts.clear()
            return joined

        scores = {}
        for name in list(self.scores):
            scores[name] = join(self.scores.pop(name), np.float32)
        return FileTable(
            files=list(self.index),
            codes=join(self.codes, np.int32),
            start_s=join(self.starts, np.float64),
            end_s=join(self.ends, np.float64),
            scores=scores,
        )


def _read_with_pyarrow(path: Path, classes: list[str], on_progress: Progress | None) -> FileTable:
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    types = {c: pa.float32() for c in classes}
    types.update(
        file=pa.dictionary(pa.int32(), pa.string()), start_time=pa.float64(), end_time=pa.float64()
    )
    convert = pa_csv.ConvertOptions(
        include_columns=["file", "start_time", "end_time", *classes], column_types=types
    )
    with open(path, "rb") as handle:
        header = handle.readline()
        column_names = next(csv.reader([header.decode("utf-8-sig")]))
        parts = _line_aligned_parts(handle, len(header), path.stat().st_size)
        out = _Collector(classes)
        # Each part is read by pyarrow's multi-threaded reader (its streaming reader parses on one
        # core only, ~2x slower on two cores) and handed to numpy before the next one is read, so
        # memory holds the kept columns plus one part's parsing.
        for done, (start, end) in enumerate(parts, start=1):
            handle.seek(start)
            table = pa_csv.read_csv(
                pa.BufferReader(handle.read(end - start)),
                read_options=pa_csv.ReadOptions(
                    column_names=column_names, block_size=BLOCK_BYTES, use_threads=True
                ),
                convert_options=convert,
                # the system allocator: buffers freed after the hand-over go back to malloc (or
                # the OS), where numpy's joined columns reuse them; pyarrow's own pool keeps them
                memory_pool=pa.system_memory_pool(),
            )
            for batch in table.to_batches():
                _add_arrow_batch(out, batch, classes)
            del table
            if on_progress is not None:
                on_progress(done / len(parts))
    return out.table()


def _line_aligned_parts(handle: Any, first: int, size: int) -> list[tuple[int, int]]:
    """Byte ranges of ~``PART_BYTES`` from ``first`` to ``size``, each ending after a newline."""
    parts = []
    start = first
    while start < size:
        handle.seek(min(start + PART_BYTES, size))
        handle.readline()  # to the end of the line the cut fell in
        end = min(handle.tell(), size)
        parts.append((start, end))
        start = end
    return parts


def _add_arrow_batch(out: _Collector, batch: Any, classes: list[str]) -> None:
    files = batch.column("file")
    names = [str(v) for v in files.dictionary.to_pylist()]
    codes = files.indices.fill_null(0).to_numpy(zero_copy_only=False)
    scores = {
        # zero-copy views of the arrow buffers: each column's memory is freed once it is joined
        c: batch.column(c).to_numpy(zero_copy_only=False).astype(np.float32, copy=False)
        for c in classes
    }
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
