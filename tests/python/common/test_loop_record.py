"""The active-learning loop record: rounds are appended atomically under a lock (real concurrent
processes), a corrupt file is reported and kept, and the learning curve is derived from the
rounds."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from backend.common.loop_record import (
    LOCK_FILE,
    LOOP_FILE,
    _locked,
    append_round,
    learning_curve,
    read_loop,
)

REPO_ROOT = Path(__file__).resolve().parents[3]


def round_record(n_labels: int, mean_ap: float | None, **extra: object) -> dict:
    return {
        "finished_at": "2026-11-22T05:00:00+00:00",
        "job_dir": "/abs/job",
        "model_file": "/abs/job/model.dipper.pt",
        "model_type": "shallow",
        "classes": ["A", "B"],
        "n_labels": n_labels,
        "label_counts": {"A": {"positive": 10, "negative": 50}},
        "mean_average_precision": mean_ap,
        "average_precision": {"A": 0.9, "B": None},
        "evaluation": "split",
        "annotation_files": ["/abs/a.csv"],
        "audio_roots": ["/abs/audio"],
        **extra,
    }


def test_a_folder_without_a_record_reads_as_no_rounds(tmp_path: Path) -> None:
    assert read_loop(tmp_path) == {"version": 1, "rounds": []}
    assert read_loop(tmp_path / "not-created") == {"version": 1, "rounds": []}


def test_rounds_are_numbered_in_order_and_written_as_json(tmp_path: Path) -> None:
    loop_dir = tmp_path / "loop"  # created by the first append

    first = append_round(loop_dir, round_record(100, 0.5))
    second = append_round(loop_dir, round_record(220, 0.7))

    assert (first["round"], second["round"]) == (1, 2)
    on_disk = json.loads((loop_dir / LOOP_FILE).read_text(encoding="utf-8"))
    assert on_disk["version"] == 1
    assert [r["round"] for r in on_disk["rounds"]] == [1, 2]
    assert [r["n_labels"] for r in on_disk["rounds"]] == [100, 220]
    assert read_loop(loop_dir) == on_disk
    leftovers = [p.name for p in loop_dir.iterdir() if p.name not in (LOOP_FILE, LOCK_FILE)]
    assert leftovers == []


def test_a_failed_write_leaves_the_previous_file_whole(tmp_path: Path) -> None:
    append_round(tmp_path, round_record(100, 0.5))
    before = (tmp_path / LOOP_FILE).read_bytes()

    with pytest.raises(TypeError):
        append_round(tmp_path, round_record(200, 0.6, model_file=object()))  # not JSON

    assert (tmp_path / LOOP_FILE).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([LOOP_FILE, LOCK_FILE])


def test_concurrent_jobs_never_lose_a_round(tmp_path: Path) -> None:
    """Four real processes append 15 rounds each at once: all 60 are kept, numbered 1–60."""
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from backend.common.loop_record import append_round
        for i in range(15):
            append_round(Path({str(tmp_path)!r}), {{"job_dir": sys.argv[1] + "/" + str(i)}})
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script, f"job{p}"], cwd=REPO_ROOT) for p in range(4)
    ]
    assert [proc.wait(timeout=60) for proc in procs] == [0, 0, 0, 0]

    rounds = read_loop(tmp_path)["rounds"]
    assert [r["round"] for r in rounds] == list(range(1, 61))
    assert sorted(r["job_dir"] for r in rounds) == sorted(
        f"job{p}/{i}" for p in range(4) for i in range(15)
    )


def test_the_lock_times_out_with_a_message_while_another_holder_keeps_it(tmp_path: Path) -> None:
    lock = tmp_path / LOCK_FILE
    with _locked(lock), pytest.raises(TimeoutError, match="try again"), _locked(lock, 0.2):
        pass  # pragma: no cover - the inner lock is never acquired
    with _locked(lock, 0.2):  # released: acquired at once
        pass


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ('{"version": 1}', "has no list of rounds"),
        ('{"rounds": []}', "has no version number"),
        ('{"version": 1, "rounds": [3]}', "rounds that are not objects"),
        ('{"version": 9, "rounds": []}', "written by a newer Dipper"),
    ],
)
def test_a_corrupt_record_is_a_clear_error_naming_the_file(
    tmp_path: Path, content: str, message: str
) -> None:
    (tmp_path / LOOP_FILE).write_text(content, encoding="utf-8")

    with pytest.raises(ValueError, match=message) as info:
        read_loop(tmp_path)

    assert str(tmp_path / LOOP_FILE) in str(info.value)


def test_appending_to_a_corrupt_record_keeps_it_as_a_backup_and_says_so(tmp_path: Path) -> None:
    (tmp_path / LOOP_FILE).write_text('{"version": 1, "rounds": [', encoding="utf-8")

    record = append_round(tmp_path, round_record(50, 0.4))

    backups = list(tmp_path.glob(f"{LOOP_FILE}.corrupt-*.bak"))
    assert len(backups) == 1
    assert backups[0].read_text(encoding="utf-8") == '{"version": 1, "rounds": ['
    loop = read_loop(tmp_path)
    assert record["round"] == 1
    assert [r["n_labels"] for r in loop["rounds"]] == [50]
    assert len(loop["warnings"]) == 1
    assert backups[0].name in loop["warnings"][0]
    assert "could not be read" in loop["warnings"][0]


def test_learning_curve_points_per_round_mean_and_class() -> None:
    loop = {
        "version": 1,
        "rounds": [
            {**round_record(100, 0.5), "round": 1, "average_precision": {"A": 0.6, "B": 0.4}},
            {**round_record(200, None), "round": 2, "average_precision": {"A": 0.8, "B": None}},
            {**round_record(300, 0.9), "round": 3, "evaluation": "evaluation set"},
            {"round": 4, "n_labels": "many", "mean_average_precision": 0.99},
        ],
    }

    curve = learning_curve(loop)

    assert curve["mean"] == [
        {"round": 1, "n_labels": 100.0, "value": 0.5},
        {"round": 3, "n_labels": 300.0, "value": 0.9},
    ]
    assert curve["per_class"] == {
        "A": [
            {"round": 1, "n_labels": 100.0, "value": 0.6},
            {"round": 2, "n_labels": 200.0, "value": 0.8},
            {"round": 3, "n_labels": 300.0, "value": 0.9},
        ],
        "B": [{"round": 1, "n_labels": 100.0, "value": 0.4}],
    }
    assert curve["evaluation_kinds"] == ["split", "evaluation set"]
    assert curve["mixed_evaluation"] is True
    assert learning_curve({"version": 1, "rounds": []})["mixed_evaluation"] is False


def test_nan_scores_and_numpy_numbers_are_written_as_strict_json(tmp_path: Path) -> None:
    import numpy as np

    record = round_record(
        np.int64(120),
        float("nan"),
        average_precision={"A": np.float32(0.75), "B": np.float64("nan")},
        label_counts={"A": {"positive": np.int64(3), "negative": 9}},
        thresholds=np.array([0.25, 0.5]),
    )

    written = append_round(tmp_path, record)

    text = (tmp_path / LOOP_FILE).read_text(encoding="utf-8")
    assert "NaN" not in text
    strict = json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in the file"))
    assert strict["rounds"][0] == written
    assert written["mean_average_precision"] is None
    assert written["average_precision"] == {"A": 0.75, "B": None}
    assert written["n_labels"] == 120
    assert written["label_counts"]["A"] == {"positive": 3, "negative": 9}
    assert written["thresholds"] == [0.25, 0.5]


def test_a_hand_edited_nan_reads_as_null(tmp_path: Path) -> None:
    (tmp_path / LOOP_FILE).write_text(
        '{"version": 1, "rounds": [{"round": 1, "mean_average_precision": NaN}]}',
        encoding="utf-8",
    )

    assert read_loop(tmp_path)["rounds"][0]["mean_average_precision"] is None
