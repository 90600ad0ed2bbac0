"""Recording start times parsed from recorder file names (AudioMoth, SongMeter and similar).

Autonomous recorders name each file by the moment it starts: AudioMoth ``20210502_040000.WAV``,
SongMeter ``SITE_20210502_040000.wav`` (any prefix), and variants joining date and time with ``T``
or ``-`` (``20210502T040000``, ``20210502-040000``). The timestamp is the last
``YYYYMMDD[_T-]HHMMSS`` group of the file name (not of its folders) that is a real date and time.
Both the server's scan and the extraction script use this module, so they agree on which files
have a timestamp.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import PurePath

_STAMP = re.compile(r"(?<!\d)(\d{8})[_T-](\d{6})(?!\d)")


def parse_recorder_timestamp(path: str | PurePath) -> datetime | None:
    """The recording start time encoded in a recorder file name, or ``None``.

    Parameters
    ----------
    path
        A file path or name; only the final component is looked at. Windows separators are
        understood on every platform.

    Returns
    -------
    datetime or None
        A naive datetime (recorders write local or UTC time without saying which), or ``None``
        when the name holds no valid ``YYYYMMDD_HHMMSS`` (``T`` or ``-`` also accepted).

    Examples
    --------
    >>> parse_recorder_timestamp("/data/site_a/20210502_040000.WAV")
    datetime.datetime(2021, 5, 2, 4, 0)
    >>> parse_recorder_timestamp("SMA01234_20210502T233000.wav")
    datetime.datetime(2021, 5, 2, 23, 30)
    >>> parse_recorder_timestamp("song_1.wav") is None
    True
    """
    name = str(path).replace("\\", "/").rsplit("/", 1)[-1]
    for date_part, time_part in reversed(_STAMP.findall(name)):
        try:
            return datetime.strptime(date_part + time_part, "%Y%m%d%H%M%S")
        except ValueError:
            continue  # e.g. 20211340_250000 is not a date
    return None


def parse_many(paths: Iterable[str]) -> tuple[dict[str, datetime], list[str]]:
    """Parse each distinct path once.

    Returns
    -------
    (parsed, unparsed)
        ``{path: start time}`` for names holding a timestamp, and the other paths in the order
        first seen.
    """
    parsed: dict[str, datetime] = {}
    unparsed: list[str] = []
    for path in dict.fromkeys(paths):
        stamp = parse_recorder_timestamp(path)
        if stamp is None:
            unparsed.append(path)
        else:
            parsed[path] = stamp
    return parsed, unparsed
