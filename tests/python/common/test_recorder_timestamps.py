"""Recording start times from recorder file names."""

from __future__ import annotations

from datetime import datetime

import pytest

from backend.common.recorder_timestamps import parse_many, parse_recorder_timestamp


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("20210502_040000.WAV", datetime(2021, 5, 2, 4, 0, 0)),  # AudioMoth
        ("SITE_20210502_040000.wav", datetime(2021, 5, 2, 4, 0, 0)),  # SongMeter
        ("SMM01234_20210502_233015.wav", datetime(2021, 5, 2, 23, 30, 15)),
        ("20210502T040000.wav", datetime(2021, 5, 2, 4, 0, 0)),
        ("site-b-20210502-040001.flac", datetime(2021, 5, 2, 4, 0, 1)),
        ("/data/20190101_000000/site_a/20210502_040000.WAV", datetime(2021, 5, 2, 4, 0, 0)),
        (r"C:\data\site_a\20210502_040000.WAV", datetime(2021, 5, 2, 4, 0, 0)),
        ("20200101_000000_then_20210502_040000.wav", datetime(2021, 5, 2, 4, 0, 0)),
    ],
)
def test_recorder_names_parse(name: str, expected: datetime) -> None:
    assert parse_recorder_timestamp(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        "song_1.wav",
        "/data/20210502_040000/clip.wav",  # the stamp is in a folder, not the file name
        "20211340_250000.wav",  # not a real date and time
        "120210502_040000.wav",  # nine digits: not a date
        "20210502_0400.wav",
    ],
)
def test_other_names_do_not_parse(name: str) -> None:
    assert parse_recorder_timestamp(name) is None


def test_parse_many_reports_each_distinct_unparsed_name_once() -> None:
    parsed, unparsed = parse_many(["a/20210502_040000.WAV", "x.wav", "x.wav", "y.wav"])

    assert parsed == {"a/20210502_040000.WAV": datetime(2021, 5, 2, 4)}
    assert unparsed == ["x.wav", "y.wav"]
