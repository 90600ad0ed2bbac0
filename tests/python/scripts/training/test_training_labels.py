"""Label sources → one table: Review CSVs (binary, multiclass), Raven tables, labelled folders,
the window rule, and the errors users see."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import soundfile

from backend.common.training_config import AnnotationFile, LabelSources, RavenTable
from backend.scripts.training.label_readers import LabelError, window_starts
from backend.scripts.training.labels import label_matrix, read_labels


def wav(path: Path, seconds: float) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    soundfile.write(path, np.zeros(int(seconds * 8000), np.float32), 8000)
    return str(path)


def csv(path: Path, rows: list[tuple], columns=("file", "start_time", "end_time", "annotation")):
    pd.DataFrame(rows, columns=list(columns)).to_csv(path, index=False)
    return str(path)


def labels(rows: pd.DataFrame) -> set[tuple]:
    return {
        (Path(f).name, s, c, v)
        for f, s, c, v in rows[["file", "start_s", "class", "label"]].itertuples(index=False)
    }


def test_window_rule_centres_short_labels_and_tiles_long_ones() -> None:
    assert window_starts(10.0, 11.0) == [9.0]
    assert window_starts(0.5, 1.5) == [0.0]  # clamped at the start of the file
    assert window_starts(2.0, 5.0) == [2.0]
    assert window_starts(2.0, 9.5) == [2.0, 5.0, 8.0]


def test_binary_csv_yes_no_and_ignored_rows(tmp_path: Path) -> None:
    for name in ("a.wav", "b.wav", "c.wav", "d.wav"):
        wav(tmp_path / "clips" / name, 3)
    path = csv(
        tmp_path / "owl.csv",
        [
            ("clips/a.wav", 0, 3, "yes"),
            ("clips/b.wav", 0, 3, "no"),
            ("clips/c.wav", 0, 3, "uncertain"),
            ("clips/d.wav", 0, 3, ""),
        ],
    )
    result = read_labels(
        LabelSources(annotation_files=[AnnotationFile(path=path, class_name="owl")]), []
    )
    assert result.classes == ["owl"]
    assert labels(result.rows) == {("a.wav", 0.0, "owl", 1), ("b.wav", 0.0, "owl", 0)}
    assert Path(result.rows["file"][0]).parent == tmp_path / "clips"  # relative to the CSV folder


def test_multiclass_csv_lists_positives_and_empty_list_is_negative_for_all(tmp_path: Path) -> None:
    for name in ("a.wav", "b.wav", "c.wav"):
        wav(tmp_path / name, 3)
    path = csv(
        tmp_path / "m.csv",
        [("a.wav", 0, 3, "['owl', 'jay']"), ("b.wav", 0, 3, "[]"), ("c.wav", 0, 3, "['owl']")],
    )
    result = read_labels(LabelSources(annotation_files=[AnnotationFile(path=path)]), [])
    assert result.classes == ["owl", "jay"]
    assert labels(result.rows) == {
        ("a.wav", 0.0, "owl", 1),
        ("a.wav", 0.0, "jay", 1),
        ("b.wav", 0.0, "owl", 0),
        ("b.wav", 0.0, "jay", 0),
        ("c.wav", 0.0, "owl", 1),
        ("c.wav", 0.0, "jay", 0),
    }
    windows, matrix = label_matrix(result.rows, ["jay", "owl"])
    assert windows["file"].map(lambda f: Path(f).name).tolist() == ["a.wav", "b.wav", "c.wav"]
    assert matrix.tolist() == [[1, 1], [0, 0], [0, 1]]


def test_raven_table_positive_windows_and_negative_grid(tmp_path: Path) -> None:
    audio = wav(tmp_path / "rec.wav", 12)
    table = tmp_path / "rec.Table.1.selections.txt"
    pd.DataFrame(
        {
            "Selection": [1, 2],
            "Begin Time (s)": [1.0, 7.0],
            "End Time (s)": [2.0, 8.0],
            "Species": ["owl", "owl"],
        }
    ).to_csv(table, sep="\t", index=False)
    source = LabelSources(raven_tables=[RavenTable(path=str(table), audio_file=audio)])
    result = read_labels(source, [])
    # positives centred on 1–2 s and 7–8 s; grid windows 0,3,6,9: 0 and 6 overlap selections
    assert labels(result.rows) == {
        ("rec.wav", 0.0, "owl", 1),
        ("rec.wav", 6.0, "owl", 1),
        ("rec.wav", 3.0, "owl", 0),
        ("rec.wav", 9.0, "owl", 0),
    }


def test_label_folder_subfolder_is_the_class(tmp_path: Path) -> None:
    wav(tmp_path / "labels" / "owl" / "o.wav", 4)
    wav(tmp_path / "labels" / "jay" / "j.wav", 2)
    wav(tmp_path / "labels" / "negative" / "n.wav", 1)
    result = read_labels(LabelSources(folder_labels_dir=str(tmp_path / "labels")), [])
    assert sorted(result.classes) == ["jay", "owl"]
    assert labels(result.rows) == {
        ("o.wav", 0.0, "owl", 1),
        ("o.wav", 3.0, "owl", 1),
        ("o.wav", 0.0, "jay", 0),
        ("o.wav", 3.0, "jay", 0),
        ("j.wav", 0.0, "jay", 1),
        ("j.wav", 0.0, "owl", 0),
        ("n.wav", 0.0, "jay", 0),
        ("n.wav", 0.0, "owl", 0),
    }


def test_unknown_classes_name_the_file(tmp_path: Path) -> None:
    wav(tmp_path / "a.wav", 3)
    path = csv(tmp_path / "m.csv", [("a.wav", 0, 3, "['owl', 'kiwi']")])
    with pytest.raises(LabelError, match=r"not in the class list .*m\.csv: kiwi"):
        read_labels(LabelSources(annotation_files=[AnnotationFile(path=path)]), ["owl"])


def test_missing_audio_is_skipped_with_a_warning_or_fails_when_all_missing(tmp_path: Path) -> None:
    wav(tmp_path / "a.wav", 3)
    wav(tmp_path / "b.wav", 3)
    path = csv(
        tmp_path / "o.csv",
        [("a.wav", 0, 3, "yes"), ("b.wav", 0, 3, "no"), ("gone.wav", 0, 3, "no")],
    )
    warnings: list[str] = []
    result = read_labels(
        LabelSources(annotation_files=[AnnotationFile(path=path, class_name="owl")]),
        [],
        warnings.append,
    )
    assert result.missing_audio == [str(tmp_path / "gone.wav")]
    assert "1 recording(s)" in warnings[0] and "gone.wav" in warnings[0]
    assert len(result.rows) == 2
    none = csv(tmp_path / "n.csv", [("x.wav", 0, 3, "yes"), ("y.wav", 0, 3, "no")])
    with pytest.raises(LabelError, match="None of the 2 recording"):
        read_labels(
            LabelSources(annotation_files=[AnnotationFile(path=none, class_name="owl")]), []
        )


def test_a_class_without_negatives_or_positives_says_what_to_add(tmp_path: Path) -> None:
    wav(tmp_path / "a.wav", 3)
    only_yes = csv(tmp_path / "o.csv", [("a.wav", 0, 3, "yes")])
    with pytest.raises(LabelError, match="no negative window of 'owl'.*'no'"):
        read_labels(
            LabelSources(annotation_files=[AnnotationFile(path=only_yes, class_name="owl")]), []
        )
    only_no = csv(tmp_path / "n.csv", [("a.wav", 0, 3, "no")])
    with pytest.raises(LabelError, match="no positive window of 'owl'"):
        read_labels(
            LabelSources(annotation_files=[AnnotationFile(path=only_no, class_name="owl")]), []
        )


def test_malformed_csvs_name_the_file(tmp_path: Path) -> None:
    wav(tmp_path / "a.wav", 3)
    no_file = csv(tmp_path / "bad.csv", [(1, 2)], columns=("clip", "annotation"))
    with pytest.raises(LabelError, match=r"bad\.csv has no file, start_time column"):
        read_labels(
            LabelSources(annotation_files=[AnnotationFile(path=no_file, class_name="owl")]), []
        )
    binary = csv(tmp_path / "b.csv", [("a.wav", 0, 3, "yes")])
    with pytest.raises(LabelError, match=r"b\.csv, line 2: .*binary label: give this file's class"):
        read_labels(LabelSources(annotation_files=[AnnotationFile(path=binary)]), [])
    bad_value = csv(tmp_path / "v.csv", [("a.wav", 0, 3, "maybe")])
    with pytest.raises(LabelError, match=r"v\.csv, line 2: 'maybe' is not a binary label"):
        read_labels(
            LabelSources(annotation_files=[AnnotationFile(path=bad_value, class_name="owl")]), []
        )
    with pytest.raises(LabelError, match="does not exist"):
        read_labels(
            LabelSources(
                annotation_files=[AnnotationFile(path=str(tmp_path / "nope.csv"), class_name="owl")]
            ),
            [],
        )
