"""Already-labelled annotation files in Extraction: which windows they exclude (every strategy),
how labels are counted per class, and clear messages for bad files and bad strategy settings."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from extraction_tables import layout_table, make_config, ramp_table, run, write_dense
from pydantic import ValidationError

from backend.scripts.extraction.labelled import LabelledFileError, read_labelled_files

TOP = {"kind": "top", "n": 3}


def write_csv(path: Path, rows: list[tuple], columns: list[str]) -> Path:
    pd.DataFrame(rows, columns=columns).to_csv(path, index=False)
    return path


def test_labelled_windows_are_never_picked_by_any_strategy(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", ramp_table(10))  # one file, robin = 0.01 … 0.10
    audio = tmp_path / "audio"
    labelled = write_csv(
        tmp_path / "robin_annotation_task_1.csv",
        [
            (str(audio / "20210501_040000.WAV"), 27.0, 30.0, "yes"),  # absolute: window 9
            ("20210501_040000.WAV", 24.5, 25.5, "uncertain"),  # inside window 8
            ("20210501_040000.WAV", 18.0, 21.0, ""),  # not reviewed: window 6 stays
            ("20210501_040000.WAV", 15.0, 15.0, "no"),  # zero length at an edge: overlaps none
            ("other.WAV", 21.0, 24.0, "no"),  # another recording: window 7 stays
        ],
        ["file", "start_time", "end_time", "annotation"],
    )

    result = run(tmp_path, strategies=[TOP], labelled_annotation_files=[str(labelled)])

    table = result["tables"][0]
    assert table["start_time"].tolist() == [15.0, 18.0, 21.0]  # the best three not labelled
    assert result["summary"].iloc[0]["available"] == 8
    assert any("2 window(s) overlap the 4 labelled row(s) of 1" in line for line in result["log"])


def test_labelled_rows_matching_no_window_are_pointed_out(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", ramp_table(4))
    labelled = write_csv(
        tmp_path / "task.csv",
        [("clips/x.wav", 0.0, 3.0, "yes")],
        ["file", "start_time", "end_time", "annotation"],
    )

    result = run(tmp_path, strategies=[TOP], labelled_annotation_files=[str(labelled)])

    assert len(result["tables"][0]) == 3
    assert any("No prediction window overlaps a labelled row" in line for line in result["log"])


def test_labels_count_for_the_class_in_the_file_name_or_for_every_class(tmp_path: Path) -> None:
    header = ["file", "start_time", "end_time", "annotation"]
    robin = write_csv(
        tmp_path / "robin_annotation_task_20260101_000000.csv",
        [("a.wav", 0, 3, "yes"), ("a.wav", 3, 6, "no"), ("a.wav", 6, 9, "")],
        header,
    )
    unnamed = write_csv(tmp_path / "mine.csv", [("a.wav", 9, 12, "no")], header)
    multiclass = write_csv(
        tmp_path / "annotation_task_20260101_000000.csv",
        [("a.wav", 12, 15, "['robin']"), ("a.wav", 15, 18, "[]")],
        header,
    )

    rows = read_labelled_files(
        [str(robin), str(unnamed), str(multiclass)], ["robin", "wren"], str(tmp_path)
    )

    assert rows.counts == {"robin": 2 + 1 + 2, "wren": 1 + 2}
    assert len(rows) == 5
    assert rows.embedding_windows()["start_s"].tolist() == [0.0, 3.0, 9.0, 12.0, 15.0]


def test_end_time_may_be_missing_and_short_rows_get_a_centred_window(tmp_path: Path) -> None:
    labelled = write_csv(
        tmp_path / "t.csv",
        [("a.wav", 10.0, "yes"), ("a.wav", 0.5, "no")],
        ["file", "start_time", "annotation"],
    )
    labelled_short = write_csv(
        tmp_path / "s.csv",
        [("a.wav", 4.0, 5.0, "yes"), ("a.wav", 0.0, 1.0, "no")],
        ["file", "start_time", "end_time", "annotation"],
    )

    rows = read_labelled_files([str(labelled), str(labelled_short)], ["robin"], str(tmp_path))

    assert rows.end_s.tolist() == [13.0, 3.5, 5.0, 1.0]
    # 3 s rows start their window; 4–5 s → 3–6 s; 0–1 s → clamped at 0 s
    assert rows.embedding_windows()["start_s"].tolist() == [10.0, 0.5, 3.0, 0.0]


def test_a_missing_labelled_file_stops_the_job_with_what_to_do(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", ramp_table(4))
    missing = tmp_path / "reviewed.csv"

    with pytest.raises(LabelledFileError) as caught:
        run(tmp_path, strategies=[TOP], labelled_annotation_files=[str(missing)])

    assert str(caught.value) == (
        f"The labelled annotation file {missing} does not exist. Choose a reviewed annotation "
        "task CSV, or remove it from labelled_annotation_files."
    )
    assert not (tmp_path / "out").exists()


def test_a_labelled_file_without_file_or_start_time_names_the_columns(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", ramp_table(4))
    bad = write_csv(tmp_path / "labels.csv", [("x", "yes")], ["path", "annotation"])

    with pytest.raises(LabelledFileError) as caught:
        run(tmp_path, strategies=[TOP], labelled_annotation_files=[str(bad)])

    message = str(caught.value)
    assert f"{bad} lacks the column(s) file, start_time (it has path, annotation)" in message
    assert "Choose an annotation task CSV written by Extraction" in message


def test_a_time_that_is_not_a_number_names_the_line(tmp_path: Path) -> None:
    bad = write_csv(
        tmp_path / "labels.csv",
        [("a.wav", "0", "yes"), ("a.wav", "ten", "no")],
        ["file", "start_time", "annotation"],
    )

    with pytest.raises(LabelledFileError, match=r"has 'ten' in start_time on line 3"):
        read_labelled_files([str(bad)], ["robin"], None)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"strategies": [{"kind": "uncertainty", "n": 1, "threshold": 1.0}]}, "less than 1"),
        ({"strategies": [{"kind": "hybrid", "n": 1, "threshold": 0}]}, "greater than 0"),
        (
            {"strategies": [{"kind": "diversity", "n": 5, "max_pool": 4}]},
            "max_pool (4) must be at least n (5)",
        ),
        ({"labelled_annotation_files": ["reviewed.csv"]}, "must be an absolute file path"),
        ({"embedding_cache_dir": "cache"}, "must be an absolute folder path"),
        ({"strategies": [{"kind": "diversity", "n": 1, "pool": 4}]}, "Extra inputs"),
    ],
)
def test_bad_active_learning_settings_are_refused(
    tmp_path: Path, fields: dict, expected: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        make_config(tmp_path, **fields)

    assert expected in str(caught.value)


def test_uncertainty_respects_strata_and_labelled_windows_together(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", layout_table())  # site_b: robin 0.20 … 0.23 at 0–12 s
    labelled = write_csv(
        tmp_path / "wren_annotation_task_x.csv",
        [("site_b/20210501_040000.WAV", 0.0, 3.0, "no")],  # site_b's 0.20
        ["file", "start_time", "end_time", "annotation"],
    )

    result = run(
        tmp_path,
        stratify_by_subfolder=True,
        strategies=[{"kind": "uncertainty", "n": 2, "threshold": 0.1}],
        labelled_annotation_files=[str(labelled)],
    )

    table = result["tables"][0]
    site_b = table[table["stratum"] == "subfolder=site_b"]["score"].round(2).tolist()
    assert sorted(site_b) == [0.21, 0.22]
