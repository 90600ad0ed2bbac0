"""The CNN's inputs: labelled windows as clips of the CNN's length, and which recordings open.

The label readers cut every label into 3 s windows (:mod:`.label_readers`). A CNN trained on
``clip_duration_s`` clips gets one clip per window, centred on the window's centre (start clamped
at 0 s; past the end of a recording OpenSoundscape pads with silence), so the same labels train
either model type. :func:`clip_table` is the one-hot table OpenSoundscape reads: a
``(file, start_time, end_time)`` index and one column per class of 1 / 0 / NaN (NaN = not
labelled for that class, left out of the loss).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from backend.scripts.training.label_readers import WINDOW_S


def clip_bounds(start_s: np.ndarray, clip_duration_s: float) -> tuple[np.ndarray, np.ndarray]:
    """``(starts, ends)`` of the clips centred on the 3 s windows starting at ``start_s``."""
    centre = np.asarray(start_s, dtype=np.float64) + WINDOW_S / 2
    starts = np.round(np.maximum(0.0, centre - clip_duration_s / 2), 3)
    return starts, np.round(starts + clip_duration_s, 3)


def clip_table(
    windows: pd.DataFrame, labels: np.ndarray, classes: list[str], clip_duration_s: float
) -> pd.DataFrame:
    """One row per window: a ``(file, start_time, end_time)`` index and the class labels."""
    starts, ends = clip_bounds(windows["start_s"].to_numpy(), clip_duration_s)
    index = pd.MultiIndex.from_arrays(
        [windows["file"].astype(str).to_numpy(), starts, ends],
        names=["file", "start_time", "end_time"],
    )
    return pd.DataFrame(np.asarray(labels, dtype=np.float64), index=index, columns=classes)


def clip_windows(table: pd.DataFrame) -> pd.DataFrame:
    """The ``file, start_s, end_s`` windows of a clip table (for the output tables)."""
    frame = table.index.to_frame(index=False)
    return pd.DataFrame(
        {"file": frame["file"], "start_s": frame["start_time"], "end_s": frame["end_time"]}
    )


def unreadable_recordings(files: list[str]) -> dict[str, str]:
    """``{file: reason}`` for the recordings that cannot be opened as audio."""
    import soundfile

    failed: dict[str, str] = {}
    for file in files:
        try:
            info = soundfile.info(file)
            if info.frames == 0:
                raise ValueError("the recording is empty")
        except Exception as exc:  # any decoding problem: skip the file and list it
            failed[file] = f"{type(exc).__name__}: {exc}"
    return failed
