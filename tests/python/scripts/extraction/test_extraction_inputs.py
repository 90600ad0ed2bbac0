"""Inputs: sparse .pkl gives the same selections as the equivalent dense CSV; several files (one
per subfolder); bad inputs fail with a message naming the file and leave the output folder empty."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from extraction_tables import layout_table, make_config, run, write_dense, write_sparse

from backend.scripts.extraction.loading import PredictionsError
from backend.scripts.extraction.run import run_extraction
from backend.scripts.job_io import Reporter

EVERY_STRATEGY = [
    {"kind": "random", "n": 3},
    {"kind": "top", "n": 2},
    {"kind": "score_bins", "n": 1},
    {"kind": "score_weighted", "n": 2},
    {"kind": "zscore_weighted", "n": 2},
]


def gappy_table() -> pd.DataFrame:
    """Like a sparse output: scores below a floor of 0.05 are missing (NaN)."""
    frame = layout_table()
    frame["robin"] = frame["robin"].where(frame["robin"] >= 0.05)
    frame["wren"] = frame["wren"].where(frame.index % 3 != 0)
    return frame


@pytest.mark.parametrize("mode", ["binary", "multiclass"])
def test_sparse_pickle_selects_what_the_dense_csv_selects(tmp_path: Path, mode: str) -> None:
    frame = gappy_table()
    write_dense(tmp_path / "dense" / "pred", frame)
    write_sparse(tmp_path / "sparse" / "pred", frame)
    options = dict(
        classes=["robin", "wren"],
        strategies=EVERY_STRATEGY,
        stratify_by_subfolder=True,
        mode=mode,
        seed=3,
        score_threshold=0.1,
    )

    dense = run(tmp_path / "dense", **options)
    sparse = run(tmp_path / "sparse", **options)

    assert len(dense["tables"]) == (2 if mode == "binary" else 1)
    for a, b in zip(dense["tables"], sparse["tables"], strict=True):
        pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(dense["summary"], sparse["summary"])
    assert len(dense["tables"][0]) >= 8


def test_one_file_per_subfolder_is_read_as_one_table(tmp_path: Path) -> None:
    frame = layout_table()
    site_a = frame[frame["file"].str.startswith("site_a")]
    site_b = frame[frame["file"].str.startswith("site_b")]
    write_dense(tmp_path / "pred", site_a, "predictions__site_a.csv")
    write_sparse(tmp_path / "pred" / "more", site_b, "sparse_predictions__site_b.pkl")

    result = run(tmp_path, strategies=[{"kind": "top", "n": 1}], stratify_by_subfolder=True)

    assert list(result["summary"]["available"]) == [20, 4]
    assert sorted(result["tables"][0]["score"].round(2)) == [0.19, 0.23]


def bad_case(tmp_path: Path, case: str) -> str:
    pred = tmp_path / "pred"
    pred.mkdir()
    if case == "empty":
        (pred / "predictions.csv").write_text("")
        return "is empty"
    if case == "header only":
        (pred / "predictions.csv").write_text("file,start_time,end_time,robin\n")
        return "no rows"
    if case == "not predictions":
        (pred / "predictions.csv").write_text("species,count\nrobin,3\n")
        return "is not a predictions file"
    if case == "mismatched columns":
        write_dense(pred, layout_table(), "predictions__a.csv")
        write_dense(pred, layout_table().drop(columns=["robin"]), "predictions__b.csv")
        return "has no score column for 'robin'"
    if case == "not numbers":
        (pred / "predictions.csv").write_text("file,start_time,end_time,robin\na.wav,0,3,high\n")
        return "not numbers"
    if case == "bad pickle":
        (pred / "sparse_predictions.pkl").write_bytes(b"not a pickle")
        return "could not be read as a pandas pickle"
    if case == "nothing":
        return "No predictions"
    raise AssertionError(case)


@pytest.mark.parametrize(
    "case",
    [
        "empty",
        "header only",
        "not predictions",
        "mismatched columns",
        "not numbers",
        "bad pickle",
        "nothing",
    ],
)
def test_bad_input_names_the_file_and_writes_nothing(tmp_path: Path, case: str) -> None:
    expected = bad_case(tmp_path, case)
    config = make_config(tmp_path)

    with pytest.raises(PredictionsError) as caught:
        run_extraction(config, Reporter(emit=lambda _line: None))

    assert expected in str(caught.value)
    if case != "nothing":
        assert str(tmp_path / "pred") in str(caught.value)
    out = tmp_path / "out"
    assert not out.exists() or list(out.iterdir()) == []


def test_a_failure_while_writing_leaves_no_partial_files(tmp_path: Path, monkeypatch) -> None:
    write_dense(tmp_path / "pred", layout_table())
    from backend.scripts.extraction import outputs

    def broken_json(self, final, data):  # the last staged file fails
        raise OSError("disk full")

    monkeypatch.setattr(outputs.StagedFiles, "write_json", broken_json)
    with pytest.raises(OSError, match="disk full"):
        run(tmp_path, classes=["robin", "wren"])
    assert list((tmp_path / "out").iterdir()) == []


def test_float32_scores_are_read_only_for_the_chosen_classes(tmp_path: Path) -> None:
    from backend.scripts.extraction.loading import load_predictions

    path = write_dense(tmp_path / "pred", layout_table())
    pred = load_predictions([(path, "dense")], ["wren"])

    assert list(pred.scores) == ["wren"]
    block = pred.scores["wren"].blocks[0]
    assert block.dense is not None and block.dense.dtype == np.float32 and len(block.dense) == 24
