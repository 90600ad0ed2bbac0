"""BirdNET's location + date species filter, through the real preview script and meta-model."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.torch

REPO_ROOT = Path(__file__).resolve().parents[3]
GREAT_TIT = "Parus major_Great Tit"
HOATZIN = "Opisthocomus hoazin_Hoatzin"  # South America only
OXFORD = {"latitude": 51.75, "longitude": -1.25}


def preview(torch_python: Path, request: dict) -> tuple[int, dict]:
    done = subprocess.run(
        [str(torch_python), "-m", "backend.scripts.species_filter"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)),
        timeout=120,
    )
    return done.returncode, json.loads(done.stdout.strip().splitlines()[-1])


def names(answer: dict) -> list[str]:
    return [s["name"] for s in answer["species"]]


def test_britain_in_may_keeps_great_tit_and_drops_a_south_american_bird(
    torch_python: Path,
) -> None:
    code, answer = preview(torch_python, {**OXFORD, "date": "2024-05-17"})

    assert code == 0, answer
    assert answer["week"] == 19 and answer["total"] == 6522
    assert GREAT_TIT in names(answer) and HOATZIN not in names(answer)
    assert 50 < answer["count"] < 400 and answer["count"] == len(answer["species"])
    scores = [s["occurrence"] for s in answer["species"]]
    assert scores == sorted(scores, reverse=True) and min(scores) >= 0.03


def test_the_amazon_keeps_the_hoatzin_and_antarctica_keeps_far_fewer(torch_python: Path) -> None:
    _, amazon = preview(torch_python, {"latitude": -3.1, "longitude": -60.0, "date": "2024-05-17"})
    _, britain = preview(torch_python, {**OXFORD, "date": "2024-05-17"})
    _, antarctica = preview(torch_python, {"latitude": -75.0, "longitude": 0.0})

    assert HOATZIN in names(amazon) and GREAT_TIT not in names(amazon)
    assert GREAT_TIT not in names(antarctica)
    assert antarctica["count"] * 5 < britain["count"]


def test_whole_year_and_a_lower_threshold_keep_more(torch_python: Path) -> None:
    _, may = preview(torch_python, {**OXFORD, "date": "2024-05-17"})
    _, year = preview(torch_python, OXFORD)
    _, strict = preview(torch_python, {**OXFORD, "date": "2024-05-17", "min_occurrence": 0.5})

    assert year["week"] == -1 and year["count"] > may["count"]
    assert strict["count"] < may["count"] and set(names(strict)) <= set(names(may))


def test_a_bad_request_exits_2_with_the_reason(torch_python: Path) -> None:
    code, answer = preview(torch_python, {"latitude": 95, "longitude": 0})
    assert code == 2 and "latitude" in answer["error"]
