"""The "auto" decision threshold of uncertainty and hybrid: per class, no / (yes + no) of its labels
in the labelled files (binary files: yes/no cells of the class they are about; multiclass files:
the class in the list or not; 'uncertain' counts for neither), 0.5 with a note when a class lacks a
yes or a no. Constructed CSVs whose right thresholds and picks are known by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from extraction_tables import make_config, ramp_table, run, write_dense
from test_active_learning_selection import FILE, cache_for, picked_scores, unit, write_recording

from backend.scripts.extraction.labelled import read_labelled_files
from backend.scripts.extraction.model_strategies import decision_threshold

HEADER = ["file", "start_time", "end_time", "annotation"]


def labels_csv(path: Path, cells: list[str], file: str = "other.wav") -> Path:
    """One labelled row per cell, in a recording the predictions do not hold (nothing overlaps)."""
    rows = [(file, 3.0 * i, 3.0 * i + 3.0, cell) for i, cell in enumerate(cells)]
    pd.DataFrame(rows, columns=HEADER).to_csv(path, index=False)
    return path


def summary_notes(result: dict, strategy: str) -> dict[str, str]:
    summary = result["summary"]
    rows = summary[summary["strategy"] == strategy]
    return dict(zip(rows["class"], rows["note"], strict=True))


def test_yes_and_no_are_counted_per_class_as_the_label_counts_are(tmp_path: Path) -> None:
    robin = labels_csv(
        tmp_path / "robin_annotation_task_20260101_000000.csv",
        ["yes"] * 7 + ["no"] * 93 + ["uncertain"] * 5 + [""] * 4,
    )
    unnamed = labels_csv(tmp_path / "mine.csv", ["yes", "no", "no"])  # about every class
    multiclass = labels_csv(
        tmp_path / "annotation_task_20260101_000000.csv",
        ["['robin']", "['wren']", "['robin', 'wren']", "[]", ""],
    )

    rows = read_labelled_files(
        [str(robin), str(unnamed), str(multiclass)], ["robin", "wren"], str(tmp_path)
    )

    assert rows.yes == {"robin": 7 + 1 + 2, "wren": 1 + 2}
    assert rows.no == {"robin": 93 + 2 + 2, "wren": 2 + 2}
    # the hybrid's label count still counts every labelled row, 'uncertain' included
    assert rows.counts == {"robin": 105 + 3 + 4, "wren": 3 + 4}


@pytest.mark.parametrize(
    ("setting", "yes", "no", "value", "note"),
    [
        (None, 7, 93, 0.93, "threshold 0.93 (auto: 7 yes, 93 no)"),
        (None, 1, 2, 2 / 3, "threshold 0.6667 (auto: 1 yes, 2 no)"),
        (None, 4, 0, 0.5, "threshold 0.5 (auto needs yes and no labels: 4 yes, 0 no)"),
        (None, 0, 0, 0.5, "threshold 0.5 (auto needs yes and no labels: 0 yes, 0 no)"),
        (0.3, 7, 93, 0.3, "threshold 0.3"),
    ],
)
def test_decision_threshold(
    setting: float | None, yes: int, no: int, value: float, note: str
) -> None:
    chosen = decision_threshold(setting, yes, no)

    assert chosen.value == pytest.approx(value)
    assert chosen.note == note
    assert chosen.fallback == (setting is None and not (yes and no))


def test_threshold_is_auto_by_default_and_a_number_still_works(tmp_path: Path) -> None:
    config = make_config(
        tmp_path,
        strategies=[
            {"kind": "uncertainty", "n": 1},
            {"kind": "hybrid", "n": 1, "threshold": 0.25},
        ],
    )

    assert [s.threshold for s in config.strategies] == [None, 0.25]  # type: ignore[union-attr]
    assert config.model_dump(mode="json")["strategies"][0]["threshold"] is None


def test_auto_uncertainty_picks_around_the_share_of_no_labels(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", ramp_table(100))  # robin = 0.01 … 1.00
    labelled = labels_csv(
        tmp_path / "robin_annotation_task_1.csv", ["yes"] * 7 + ["no"] * 93 + ["uncertain"] * 9
    )

    auto = run(
        tmp_path,
        strategies=[{"kind": "uncertainty", "n": 3}],
        labelled_annotation_files=[str(labelled)],
    )
    fixed = run(
        tmp_path,
        strategies=[{"kind": "uncertainty", "n": 3, "threshold": 0.5}],
        labelled_annotation_files=[str(labelled)],
    )

    assert picked_scores(auto, "uncertainty") == [0.92, 0.93, 0.94]
    assert summary_notes(auto, "uncertainty") == {"robin": "threshold 0.93 (auto: 7 yes, 93 no)"}
    assert (
        "Decision threshold of robin (uncertainty/hybrid): 0.93, auto from its labels "
        "(7 yes, 93 no)"
    ) in auto["log"]
    assert picked_scores(fixed, "uncertainty") == [0.49, 0.5, 0.51]
    assert summary_notes(fixed, "uncertainty") == {"robin": "threshold 0.5"}
    assert not any("Decision threshold" in line for line in fixed["log"])


def test_each_class_gets_its_own_auto_threshold_from_a_multiclass_file(tmp_path: Path) -> None:
    frame = ramp_table(100)
    frame["wren"] = frame["robin"]  # same scores: only the thresholds tell the classes apart
    write_dense(tmp_path / "pred", frame)
    labelled = labels_csv(
        tmp_path / "annotation_task_1.csv",
        ["['robin']", "['robin']", "['robin', 'wren']", "['wren']", "[]"],
    )  # robin: 3 yes, 2 no → 0.4; wren: 2 yes, 3 no → 0.6

    result = run(
        tmp_path,
        classes=["robin", "wren"],
        strategies=[{"kind": "uncertainty", "n": 1}],
        labelled_annotation_files=[str(labelled)],
    )

    robin, wren = result["tables"]
    assert robin["score"].round(2).tolist() == [0.4]
    assert wren["score"].round(2).tolist() == [0.6]
    assert summary_notes(result, "uncertainty") == {
        "robin": "threshold 0.4 (auto: 3 yes, 2 no)",
        "wren": "threshold 0.6 (auto: 2 yes, 3 no)",
    }


def test_without_yes_or_no_labels_auto_falls_back_to_one_half_and_says_why(
    tmp_path: Path,
) -> None:
    write_dense(tmp_path / "pred", ramp_table(100))
    only_yes = labels_csv(tmp_path / "robin_annotation_task_1.csv", ["yes"] * 4 + ["uncertain"])

    result = run(
        tmp_path,
        strategies=[{"kind": "uncertainty", "n": 1}],
        labelled_annotation_files=[str(only_yes)],
    )
    unlabelled = run(tmp_path, strategies=[{"kind": "uncertainty", "n": 1}])

    assert picked_scores(result, "uncertainty") == [0.5]
    assert summary_notes(result, "uncertainty") == {
        "robin": "threshold 0.5 (auto needs yes and no labels: 4 yes, 0 no)"
    }
    assert (
        "Decision threshold of robin (uncertainty/hybrid): 0.5, because auto needs both yes and "
        "no labels of robin in the labelled annotation files and they hold 4 yes, 0 no. Add the "
        "reviewed tasks the model was trained on to the labelled files, or set a threshold."
    ) in result["log"]
    assert picked_scores(unlabelled, "uncertainty") == [0.5]
    assert any("they hold 0 yes, 0 no" in line for line in unlabelled["log"])


def test_auto_hybrid_with_many_labels_picks_around_its_threshold(tmp_path: Path) -> None:
    path = write_recording(tmp_path, FILE)
    cache_for(tmp_path).store(
        str(path), {3.0 * i: unit(i % 8, noise=0.01, seed=i) for i in range(40)}
    )
    write_dense(tmp_path / "pred", ramp_table(40).assign(file=FILE))  # robin = 0.01 … 0.40
    # 1,400 yes and 600 no → 0.3, in a recording that is gone (counted, not embedded)
    labelled = labels_csv(
        tmp_path / "robin_annotation_task_old.csv", ["yes"] * 1400 + ["no"] * 600, "gone.wav"
    )

    result = run(
        tmp_path,
        strategies=[{"kind": "hybrid", "n": 2}],
        embedding_cache_dir=str(tmp_path / "cache"),
        labelled_annotation_files=[str(labelled)],
    )

    scores = picked_scores(result, "hybrid")
    assert len(scores) == 2 and all(abs(s - 0.3) <= 0.035 for s in scores), scores
    assert summary_notes(result, "hybrid") == {"robin": "threshold 0.3 (auto: 1400 yes, 600 no)"}
