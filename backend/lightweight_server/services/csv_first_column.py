"""Count the rows of a big CSV and collect the distinct values of its first column, fast.

Predictions CSVs hold one row per window and list each recording's windows one after another, so
the first column (``file``) changes rarely. Each 4 MiB block is handled with numpy: newline
positions give the line starts, the first ``PREFIX_BYTES`` of every line are gathered into a byte
matrix, cut at the first comma, and compared with the previous line's; only lines where the value
changes are decoded. Quoted fields (``"a,b.wav"``, as pyarrow writes every string) are handled
too; fields holding escaped quotes or longer than the prefix are decoded one by one (exact,
slower). About 1 s of CPU for a 700 MB file of 1,000,000 rows, against ~9 s for a
Python loop over lines.
"""

from __future__ import annotations

import csv
import io
from typing import BinaryIO

import numpy as np

BLOCK_BYTES = 4 * 1024 * 1024
PREFIX_BYTES = 256
_NEWLINE, _COMMA, _QUOTE = 10, 44, 34


def _decode_field(line: bytes) -> str:
    """The first CSV field of one raw line."""
    if line.startswith(b'"'):
        return next(csv.reader(io.StringIO(line.decode("utf-8", "replace"))))[0]
    return line.split(b",", 1)[0].rstrip(b"\r\n").decode("utf-8", "replace")


class _FirstColumn:
    def __init__(self) -> None:
        self.rows = 0
        self.values: dict[str, None] = {}
        self.last: bytes | None = None  # raw first field of the last line seen

    def block(self, data: bytes) -> None:
        """Handle whole lines (``data`` ends with a newline)."""
        arr = np.frombuffer(data, dtype=np.uint8)
        ends = np.flatnonzero(arr == _NEWLINE)
        starts = np.r_[0, ends[:-1] + 1]
        lengths = ends - starts
        keep = (lengths > 0) & ~((lengths == 1) & (arr[np.maximum(ends - 1, 0)] == 13))
        starts, ends = starts[keep], ends[keep]
        if not len(starts):
            return
        self.rows += len(starts)
        offsets = np.arange(PREFIX_BYTES)
        gather = np.minimum(starts[:, None] + offsets, ends[:, None])  # newline past the end
        prefix = arr[gather]
        is_comma = prefix == _COMMA
        has_comma = is_comma.any(axis=1)
        comma_at = np.where(has_comma, is_comma.argmax(axis=1), PREFIX_BYTES)
        # a quoted field ("a,b.wav") ends at its closing quote, which a comma must follow
        quoted = prefix[:, 0] == _QUOTE
        closing = prefix[:, 1:] == _QUOTE
        close_at = np.where(closing.any(axis=1), closing.argmax(axis=1) + 1, PREFIX_BYTES - 1)
        after_close = prefix[np.arange(len(prefix)), np.minimum(close_at + 1, PREFIX_BYTES - 1)]
        quoted_ok = quoted & (close_at + 1 < PREFIX_BYTES) & (after_close == _COMMA)
        field_end = np.where(quoted, close_at + 1, comma_at)  # the raw field, quotes included
        exact = np.where(quoted, quoted_ok, has_comma)
        prefix = np.where(offsets[None, :] < field_end[:, None], prefix, 0)
        changed = np.r_[True, (prefix[1:] != prefix[:-1]).any(axis=1)] | ~exact
        for i in np.flatnonzero(changed).tolist():
            start = int(starts[i])
            if exact[i]:
                raw = data[start : start + int(field_end[i])]
                if raw == self.last:
                    continue
                self.last = raw
                value = raw[1:-1] if quoted[i] else raw
                self.values[value.decode("utf-8", "replace")] = None
            else:
                line = data[start : int(ends[i])]
                self.last = None
                self.values[_decode_field(line)] = None


def scan_first_column(fh: BinaryIO) -> tuple[int, list[str]]:
    """``(rows, distinct first-column values in first-seen order)`` of the rest of ``fh``.

    ``fh`` is a binary file positioned after the header line. Empty lines are not rows.
    """
    state = _FirstColumn()
    carry = b""
    while True:
        chunk = fh.read(BLOCK_BYTES)
        if not chunk:
            break
        data = carry + chunk
        cut = data.rfind(b"\n") + 1
        if cut:
            state.block(data[:cut])
        carry = data[cut:]
    if carry.strip():
        state.block(carry + b"\n")
    return state.rows, list(state.values)
