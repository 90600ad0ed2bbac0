"""Read and write annotation CSV files cell for cell (no type conversion: nothing is reformatted).

Cells stay the exact strings of the file: pandas would turn ``0.10`` into ``0.1`` and empty cells
into ``NaN``. Writes go to a temp file in the same folder, are fsynced, then ``os.replace``d over
the target, so a crash at any moment leaves either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import csv
import glob
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from backend.lightweight_server.errors import InvalidAnnotationFile, PathNotFound

MAX_CSV_BYTES = 512 * 1024 * 1024
STALE_TEMP_AGE_S = 600.0
csv.field_size_limit(16 * 1024 * 1024)


@dataclass
class CsvTable:
    """A CSV file as strings: the header, the data rows, and how to write it back the same way."""

    columns: list[str]
    rows: list[list[str]]
    line_terminator: str = "\n"
    has_bom: bool = False
    mtime_ns: int = 0

    def column_index(self, name: str) -> int | None:
        """Position of a column, or ``None`` when the file has no such column."""
        return self.columns.index(name) if name in self.columns else None

    def ensure_column(self, name: str) -> int:
        """Position of ``name``, appending an empty column when the file has none."""
        index = self.column_index(name)
        if index is None:
            self.columns.append(name)
            index = len(self.columns) - 1
        return index


def _line_terminator(raw_head: bytes) -> str:
    position = raw_head.find(b"\n")
    return "\r\n" if position > 0 and raw_head[position - 1 : position] == b"\r" else "\n"


def read_csv_table(path: Path) -> CsvTable:
    """Read a comma-separated UTF-8 file into strings.

    Raises
    ------
    PathNotFound
        There is no file at ``path``.
    InvalidAnnotationFile
        The file is empty, too large, not UTF-8 text, or not parseable as CSV.
    """
    if not path.is_file():
        raise PathNotFound(f"No annotation file at '{path}'. Check the path and try again.")
    stat = path.stat()
    if stat.st_size > MAX_CSV_BYTES:
        raise InvalidAnnotationFile(f"'{path.name}' is too large to review (over 512 MB).")
    try:
        with path.open("rb") as raw:
            head = raw.read(65536)
        with path.open("r", encoding="utf-8-sig", newline="") as handle:
            records = list(csv.reader(handle))
    except UnicodeDecodeError as exc:
        raise InvalidAnnotationFile(
            f"'{path.name}' is not a UTF-8 text CSV file. Choose the annotation task CSV "
            "(file,start_time,end_time,annotation,…), or re-save this file as CSV UTF-8."
        ) from exc
    except csv.Error as exc:
        raise InvalidAnnotationFile(f"'{path.name}' is not a readable CSV file ({exc}).") from exc
    if not records or not any(cell.strip() for cell in records[0]):
        raise InvalidAnnotationFile(
            f"'{path.name}' is empty: an annotation file needs a header row with at least the "
            "columns file and start_time."
        )
    rows = [row for row in records[1:] if row]
    return CsvTable(
        columns=[name.strip() for name in records[0]],
        rows=rows,
        line_terminator=_line_terminator(head),
        has_bom=head.startswith(b"\xef\xbb\xbf"),
        mtime_ns=stat.st_mtime_ns,
    )


def write_csv_atomic(path: Path, table: CsvTable) -> int:
    """Write ``table`` to ``path`` atomically; return the new file's ``mtime_ns``.

    Rows shorter than the header (e.g. after a column was appended) are padded with empty cells.
    """
    width = len(table.columns)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(
            fd, "w", encoding="utf-8-sig" if table.has_bom else "utf-8", newline=""
        ) as fh:
            writer = csv.writer(fh, lineterminator=table.line_terminator)
            writer.writerow(table.columns)
            for row in table.rows:
                writer.writerow(row + [""] * (width - len(row)) if len(row) < width else row)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_folder(path.parent)
    remove_stale_temp_files(path)
    return path.stat().st_mtime_ns


def remove_stale_temp_files(path: Path, min_age_s: float = STALE_TEMP_AGE_S) -> int:
    """Delete temp files an interrupted save of ``path`` left behind (older than ``min_age_s``).

    Returns the number removed. Younger ones may belong to a save still running elsewhere.
    """
    removed = 0
    cutoff = time.time() - min_age_s
    for candidate in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if candidate.is_file() and candidate.stat().st_mtime < cutoff:
                candidate.unlink()
                removed += 1
    return removed


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
