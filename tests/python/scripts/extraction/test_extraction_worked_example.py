"""The worked example of docs/extraction.md, so the page stays true."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from extraction_tables import run, write_dense

SCORES = [0.10, 0.92, 0.35, 0.97, 0.55, 0.81, 0.20, 0.66]


@pytest.mark.parametrize(
    ("strategy", "expected"),
    [
        ({"kind": "top", "n": 2}, [(3.0, 0.92, "top"), (9.0, 0.97, "top")]),
        ({"kind": "random", "n": 2}, [(3.0, 0.92, "random"), (21.0, 0.66, "random")]),
        (
            {"kind": "score_bins", "n": 1, "bins": [[0, 50], [50, 100]]},
            [(6.0, 0.35, "score_bins 0-50"), (15.0, 0.81, "score_bins 50-100")],
        ),
        (
            {"kind": "score_weighted", "n": 2},
            [(12.0, 0.55, "score_weighted"), (15.0, 0.81, "score_weighted")],
        ),
        (
            {"kind": "zscore_weighted", "n": 2},
            [(9.0, 0.97, "zscore_weighted"), (15.0, 0.81, "zscore_weighted")],
        ),
    ],
)
def test_each_strategy_picks_what_the_docs_say(
    tmp_path: Path, strategy: dict, expected: list
) -> None:
    frame = pd.DataFrame(
        {
            "file": "site_a/20210502_040000.WAV",
            "start_time": [3.0 * i for i in range(8)],
            "end_time": [3.0 * i + 3 for i in range(8)],
            "robin": SCORES,
        }
    )
    write_dense(tmp_path / "pred", frame)

    result = run(tmp_path, score_threshold=0.3, strategies=[strategy], seed=0)

    table = result["tables"][0]
    picks = list(zip(table["start_time"], table["score"].round(2), table["strategy"], strict=True))
    assert picks == expected
