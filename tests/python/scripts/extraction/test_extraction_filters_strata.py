"""Date and time-of-day filters from recorder names, and every stratification dimension."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from extraction_tables import layout_table, run, write_dense

ALL = {"kind": "random", "n": 1000}

LAYOUT = {
    "site_a/20210501_040000.WAV": 2,  # 04:00:00, 04:00:03
    "site_a/20210508_235958.WAV": 2,  # 23:59:58, 00:00:01 on 2021-05-09 (crosses midnight)
    "site_b/20210502_120000.WAV": 2,
    "site_b/clip_without_time.wav": 2,
}


def windows(table: pd.DataFrame) -> set[tuple[str, float]]:
    return {(f.split("/")[-1], s) for f, s in zip(table["file"], table["start_time"], strict=True)}


def test_time_windows_wrap_midnight_and_use_file_start_plus_offset(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", layout_table(LAYOUT))

    result = run(tmp_path, strategies=[ALL], time_windows=[{"start": "23:59", "end": "04:00"}])

    assert windows(result["tables"][0]) == {
        ("20210508_235958.WAV", 0.0),
        ("20210508_235958.WAV", 3.0),
    }
    assert any("clip_without_time.wav" in line for line in result["log"])


def test_date_windows_are_inclusive_days_of_the_window_time(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", layout_table(LAYOUT))

    result = run(
        tmp_path,
        strategies=[ALL],
        date_windows=[
            {"start": "2021-05-02", "end": "2021-05-02"},
            {"start": "2021-05-09", "end": "2021-05-09"},
        ],
    )

    assert windows(result["tables"][0]) == {
        ("20210502_120000.WAV", 0.0),
        ("20210502_120000.WAV", 3.0),
        ("20210508_235958.WAV", 3.0),  # starts 00:00:01 on the 9th
    }


def test_date_window_and_week_strata(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", layout_table(LAYOUT))

    result = run(
        tmp_path,
        strategies=[{"kind": "top", "n": 1}],
        stratify_date_windows=[
            {"start": "2021-05-01", "end": "2021-05-02"},
            {"start": "2021-05-08", "end": "2021-05-10"},
        ],
        stratify_by_week=True,
    )

    assert list(result["summary"]["stratum"]) == [
        "date=2021-05-01..2021-05-02, week=2021-W17",
        "date=2021-05-08..2021-05-10, week=2021-W18",
    ]
    assert list(result["summary"]["available"]) == [4, 2]


def test_file_and_subfolder_strata(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", layout_table(LAYOUT))

    result = run(
        tmp_path,
        strategies=[{"kind": "top", "n": 1}],
        stratify_by_file=True,
        stratify_by_subfolder=True,
    )

    assert len(result["summary"]) == 4
    assert set(result["summary"]["available"]) == {2}
    assert "subfolder=site_b, file=site_b/clip_without_time.wav" in set(
        result["summary"]["stratum"]
    )
    assert len(result["tables"][0]) == 4


def test_metadata_columns_join_on_the_subfolder(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", layout_table())
    metadata = tmp_path / "sites.csv"
    metadata.write_text("folder,habitat,region\nsite_a,forest,north\nsite_b,meadow,north\n")

    result = run(
        tmp_path,
        strategies=[{"kind": "top", "n": 1}],
        metadata_csv=str(metadata),
        metadata_columns=["habitat", "region"],
    )

    assert list(result["summary"]["stratum"]) == [
        "habitat=forest, region=north",
        "habitat=meadow, region=north",
    ]
    assert list(result["summary"]["available"]) == [20, 4]


def test_absolute_paths_use_the_folder_relative_to_audio_root(tmp_path: Path) -> None:
    frame = layout_table()
    frame["file"] = str(tmp_path / "audio") + "/" + frame["file"]
    write_dense(tmp_path / "pred", frame)

    result = run(tmp_path, strategies=[{"kind": "top", "n": 1}], stratify_by_subfolder=True)

    assert list(result["summary"]["stratum"]) == ["subfolder=site_a", "subfolder=site_b"]
