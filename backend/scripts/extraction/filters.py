"""Window timestamps (recorder file name + ``start_time``) and the date / time-of-day filters.

Times are handled as float seconds since 1970-01-01 of the naive recorder clock (recorders do not
say their time zone, so none is assumed): a window's time is its file's start time plus its
``start_time``. Windows of files whose names hold no timestamp get NaN and are dropped by every
date or time filter and by date / week strata; the job lists those files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np

from backend.common.extraction_config import DateWindow, TimeWindow
from backend.common.recorder_timestamps import parse_recorder_timestamp
from backend.scripts.extraction.loading import Predictions

DAY_S = 86400.0
_EPOCH = datetime(1970, 1, 1)


@dataclass
class WindowTimes:
    """Per-window recorder time and the files whose names could not be parsed."""

    epoch_s: np.ndarray  # float64 per window, NaN when the file name holds no timestamp
    unparsed_files: list[str]


def window_times(pred: Predictions) -> WindowTimes:
    """Parse each file name once; a window's time = file start + ``start_time``."""
    file_epoch = np.full(len(pred.files), np.nan)
    unparsed = []
    for code, name in enumerate(pred.files):
        stamp = parse_recorder_timestamp(str(name))
        if stamp is None:
            unparsed.append(str(name))
        else:
            file_epoch[code] = (stamp - _EPOCH).total_seconds()
    return WindowTimes(file_epoch[pred.file_codes] + pred.start_s, unparsed)


def _day_number(day: date) -> int:
    return (day - _EPOCH.date()).days


def date_window_index(epoch_s: np.ndarray, windows: Sequence[DateWindow]) -> np.ndarray:
    """Index of the first date window holding each time (inclusive days), ``-1`` if none/NaN."""
    days = np.floor(epoch_s / DAY_S)
    index = np.full(len(epoch_s), -1, dtype=np.int64)
    for i in range(len(windows) - 1, -1, -1):  # first window wins on overlap
        first, last = _day_number(windows[i].start_date), _day_number(windows[i].end_date)
        inside = (days >= first) & (days <= last)
        index[inside] = i
    return index


def in_time_windows(epoch_s: np.ndarray, windows: Sequence[TimeWindow]) -> np.ndarray:
    """Whether each time of day lies in any window (start included, end excluded; wraps
    midnight when end < start; start == end means the whole day). NaN times are outside."""
    of_day = np.mod(epoch_s, DAY_S)
    keep = np.zeros(len(epoch_s), dtype=bool)
    for window in windows:
        start, end = window.seconds()
        if start == end:
            keep |= ~np.isnan(epoch_s)
        elif start < end:
            keep |= (of_day >= start) & (of_day < end)
        else:
            keep |= (of_day >= start) | (of_day < end)
    return keep


def filter_mask(
    times: WindowTimes, date_windows: Sequence[DateWindow], time_windows: Sequence[TimeWindow]
) -> np.ndarray:
    """Windows kept by the date and time-of-day filters (all when neither is set)."""
    keep = np.ones(len(times.epoch_s), dtype=bool)
    if date_windows:
        keep &= date_window_index(times.epoch_s, date_windows) >= 0
    if time_windows:
        keep &= in_time_windows(times.epoch_s, time_windows)
    return keep


def iso_week_labels(epoch_s: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """``(codes, labels)``: ISO week (``2021-W18``) of each time; code ``-1`` for NaN."""
    days = np.floor(epoch_s / DAY_S)
    valid = ~np.isnan(days)
    codes = np.full(len(days), -1, dtype=np.int64)
    if not valid.any():
        return codes, []
    day = days[valid].astype(np.int64)
    first = int(day.min())
    offset = day - first  # days span a few years at most: index a table instead of sorting
    present = np.flatnonzero(np.bincount(offset))
    epoch = _EPOCH.date().toordinal()
    week_of_day = {}
    for d in present.tolist():
        year, week, _ = date.fromordinal(epoch + first + d).isocalendar()
        week_of_day[d] = f"{year}-W{week:02d}"
    labels = sorted(set(week_of_day.values()))
    position = {label: i for i, label in enumerate(labels)}
    table = np.full(int(present.max()) + 1, -1, dtype=np.int64)
    for d, label in week_of_day.items():
        table[d] = position[label]
    codes[valid] = table[offset]
    return codes, labels
