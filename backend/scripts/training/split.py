"""Hold out whole recordings for validation, so no recording has windows on both sides.

Recordings are grouped by which classes they hold positives of (their "signature"); from each
group, ``round(fraction × n)`` recordings chosen with the seed go to validation (at least one and
never all when the group has two or more), so every kind of recording is represented on both sides
where possible. Windows of clips cut from one long recording by Extraction are separate files and
so separate recordings here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


class SplitError(ValueError):
    """Too few recordings to hold some out; the message says what to add."""


def split_by_recording(
    windows: pd.DataFrame, labels: np.ndarray, fraction: float, seed: int
) -> np.ndarray:
    """Boolean mask of the validation windows (``windows`` has a ``file`` column, and a
    ``recording`` column when clips were cut from longer recordings: then every clip of one
    recording lands on the same side).

    Raises
    ------
    SplitError
        When fewer than two recordings are labelled or validation would be empty.
    """
    key = "recording" if "recording" in windows.columns else "file"
    files = windows[key].astype(str).to_numpy()
    positives = pd.DataFrame(np.nan_to_num(labels, nan=0.0) == 1).groupby(files).any()
    signatures: dict[tuple[bool, ...], list[str]] = {}
    for file, row in positives.iterrows():
        signatures.setdefault(tuple(bool(v) for v in row), []).append(str(file))
    if len(positives) < 2:
        raise SplitError(
            "Validation holds out whole recordings, but the labels come from a single "
            "recording: add labels from more recordings or choose an evaluation set."
        )
    rng = np.random.default_rng(seed)
    held_out: set[str] = set()
    for signature in sorted(signatures):
        group = sorted(signatures[signature])
        count = int(round(fraction * len(group)))
        if len(group) >= 2:
            count = min(max(count, 1), len(group) - 1)
        order = rng.permutation(len(group))
        held_out.update(group[i] for i in order[:count])
    if not held_out:
        raise SplitError(
            "Too few recordings to hold some out for validation: add labels from more "
            "recordings, raise the validation fraction or choose an evaluation set."
        )
    return np.isin(files, sorted(held_out))
