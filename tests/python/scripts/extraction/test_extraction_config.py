"""The extraction config: strict validation with messages naming the problem, JSON-safe dumps, and
which files of a predictions folder count as inference outputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from backend.common.extraction_config import (
    ExtractionConfig,
    find_prediction_files,
    predictions_subfolder,
)

BASE: dict[str, Any] = {
    "predictions_dir": "/data/job",
    "classes": ["robin"],
    "output_dir": "/data/out",
    "strategies": [{"kind": "top", "n": 3}],
}


def errors(**fields: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        ExtractionConfig.model_validate({**BASE, **fields})
    return str(caught.value)


def test_defaults_and_json_round_trip() -> None:
    config = ExtractionConfig.model_validate(
        {
            **BASE,
            "date_windows": [{"start": "2021-05-01", "end": "2021-05-07"}],
            "time_windows": [{"start": "22:00", "end": "02:30"}],
            "strategies": [{"kind": "score_bins", "n": 2}],
        }
    )

    dumped = config.model_dump()  # what the server stores: must be plain JSON
    assert json.loads(json.dumps(dumped)) == dumped
    assert dumped["date_windows"] == [{"start": "2021-05-01", "end": "2021-05-07"}]
    assert dumped["time_windows"] == [{"start": "22:00", "end": "02:30"}]
    assert dumped["strategies"][0]["bins"] == [[0, 75], [75, 90], [90, 95], [95, 100]]
    assert (config.mode, config.seed, config.export_clips) == ("binary", 0, False)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"classes": []}, "at least 1"),
        ({"strategies": []}, "at least 1"),
        ({"strategies": [{"kind": "best", "n": 1}]}, "does not match any of the expected tags"),
        ({"strategies": [{"kind": "random", "n": 0}]}, "greater than or equal to 1"),
        ({"strategies": [{"kind": "score_bins", "n": 1, "bins": [[50, 10]]}]}, "0 <= low < high"),
        ({"export_clips": True}, "clip_duration_s"),
        ({"output_dir": "relative/out"}, "absolute"),
        ({"date_windows": [{"start": "2021-05-09", "end": "2021-05-01"}]}, "before it starts"),
        ({"date_windows": [{"start": "May 1", "end": "2021-05-01"}]}, "YYYY-MM-DD"),
        ({"time_windows": [{"start": "25:00", "end": "02:00"}]}, "HH:MM"),
        ({"metadata_columns": ["habitat"]}, "need a metadata_csv"),
        ({"mode": "both"}, "binary"),
        ({"unknown": 1}, "Extra inputs"),
    ],
)
def test_bad_fields_are_named(fields: dict[str, Any], message: str) -> None:
    assert message in errors(**fields)


def test_prediction_files_are_found_recursively(tmp_path: Path) -> None:
    for rel in [
        "predictions.csv",
        "a/predictions__site_a__day1.csv",
        "a/sparse_predictions__site_b.pkl",
        "a/failed_files.csv",
        ".chunks/predictions.csv",
        "robin_annotation_task_20210101_000000.csv",
    ]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")

    found = find_prediction_files(tmp_path)

    assert [(p.relative_to(tmp_path).as_posix(), kind) for p, kind in found] == [
        ("a/predictions__site_a__day1.csv", "dense"),
        ("a/sparse_predictions__site_b.pkl", "sparse"),
        ("predictions.csv", "dense"),
    ]
    assert predictions_subfolder(found[0][0], tmp_path) == "a/site_a/day1"
    assert predictions_subfolder(found[2][0], tmp_path) == ""
