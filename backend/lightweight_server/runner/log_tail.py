"""Follow a job's ``log.txt`` and pull the latest progress out of new lines."""

from __future__ import annotations

from collections import deque
from pathlib import Path

from backend.common.job_protocol import parse_progress_line

REATTACH_LOOKBACK_BYTES = 64 * 1024


class LogFollower:
    """Reads only the bytes appended since the last call.

    Parameters
    ----------
    path:
        The log file.
    from_end:
        Start near the end of the file (used when re-attaching after a restart).
    """

    def __init__(self, path: Path, from_end: bool = False) -> None:
        self.path = path
        self.offset = 0
        self._partial = b""
        if from_end:
            try:
                self.offset = max(0, path.stat().st_size - REATTACH_LOOKBACK_BYTES)
            except OSError:
                self.offset = 0

    def read_progress(self) -> tuple[float | None, str] | None:
        """Latest progress found in the new lines, or ``None`` when there is none."""
        try:
            with open(self.path, "rb") as fh:
                fh.seek(self.offset)
                chunk = fh.read()
        except OSError:
            return None
        if not chunk:
            return None
        self.offset += len(chunk)
        data = self._partial + chunk
        # tqdm redraws with carriage returns: treat them as line ends too.
        lines = data.replace(b"\r", b"\n").split(b"\n")
        self._partial = lines.pop()
        latest = None
        for raw in lines:
            parsed = parse_progress_line(raw.decode("utf-8", errors="replace"))
            if parsed is not None:
                latest = parsed
        return latest


def tail_lines(path: Path, max_lines: int) -> list[str]:
    """The last ``max_lines`` lines of a text file (progress redraws split on ``\\r``)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            fh.seek(max(0, size - 512 * 1024))
            data = fh.read()
    except OSError:
        return []
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    lines: deque[str] = deque(maxlen=max_lines)
    for line in text.split("\n"):
        line = line.rsplit("\r", 1)[-1]
        if line:
            lines.append(line)
    return list(lines)
