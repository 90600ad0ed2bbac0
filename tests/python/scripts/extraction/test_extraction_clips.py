"""Clip export from real recordings (the demo's pykanto songs): centring, edges, padding, sharing,
and an unreadable recording listed in failed_files.csv while the others are exported."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import soundfile as sf
from extraction_tables import run, write_dense

PETREL = "storm_petrel/XC46092.wav"  # 13.998 s, 44.1 kHz
TIT = "great_tit/2021-B32-0415_05-11.wav"  # 2.48 s, 22.05 kHz


def predictions(tmp_path: Path, broken: Path) -> pd.DataFrame:
    rows = [
        (PETREL, 6.0, 9.0, 0.9, 0.1),  # centred: 5 s around 6–9 s → 5–10 s
        (PETREL, 0.0, 3.0, 0.8, 0.2),  # at the start: shifted to 0–5 s
        (PETREL, 11.0, 14.0, 0.7, 0.95),  # past the end: shifted to the file's last 5 s
        (TIT, 0.0, 2.48, 0.6, 0.3),  # shorter than 5 s: padded with silence
        (str(broken), 0.0, 3.0, 0.99, 0.99),  # unreadable
    ]
    return pd.DataFrame(rows, columns=["file", "start_time", "end_time", "petrel", "tit"])


def test_clips_are_centred_shifted_padded_and_written_once(
    tmp_path: Path, demo_audio: Path
) -> None:
    broken = tmp_path / "broken" / "20210501_000000.wav"
    broken.parent.mkdir()
    broken.write_bytes(b"RIFF not really a wav file")
    write_dense(tmp_path / "pred", predictions(tmp_path, broken))

    result = run(
        tmp_path,
        audio_root=str(demo_audio),
        classes=["petrel", "tit"],
        strategies=[{"kind": "random", "n": 10}],
        export_clips=True,
        clip_duration_s=5.0,
    )

    out = tmp_path / "out"
    petrel = (
        result["tables"][0].sort_values(["source_file", "source_start_time"]).reset_index(drop=True)
    )
    assert list(petrel["source_file"]) == [TIT, PETREL, PETREL, PETREL]
    assert list(petrel["source_start_time"]) == [0.0, 0.0, 6.0, 11.0]
    petrel_s = sf.info(demo_audio / PETREL).duration
    last_start = 11.0 - (petrel_s - 5.0)
    assert petrel["start_time"].tolist() == pytest.approx([0.0, 0.0, 1.0, last_start], abs=1e-5)
    assert petrel["end_time"].tolist() == pytest.approx([2.48, 3.0, 4.0, last_start + 3], abs=1e-5)
    assert petrel["file"].str.startswith("clips/").all()
    assert str(broken) not in set(petrel["source_file"])

    source, rate = sf.read(demo_audio / PETREL, dtype="float32")
    clip, clip_rate = sf.read(out / petrel.loc[2, "file"], dtype="float32")
    assert clip_rate == rate and len(clip) == 5 * rate
    np.testing.assert_allclose(clip, source[5 * rate : 10 * rate], atol=1e-4)
    tit_clip, tit_rate = sf.read(out / petrel.loc[0, "file"], dtype="float32")
    tit_source, _ = sf.read(demo_audio / TIT, dtype="float32")
    assert len(tit_clip) == round(5 * tit_rate)
    np.testing.assert_allclose(tit_clip[: len(tit_source)], tit_source, atol=1e-4)
    assert not tit_clip[len(tit_source) :].any()  # silence after the recording

    # each clip once, shared by both classes' tasks
    tit_table = result["tables"][1]
    assert set(tit_table["file"]) == set(petrel["file"])
    assert len(list((out / "clips").iterdir())) == 4
    assert not [p for p in out.rglob(".*")]  # no staging or temp files left

    with open(tmp_path / "job" / "failed_files.csv", newline="") as fh:
        failed = list(csv.DictReader(fh))
    assert [row["file"] for row in failed] == [str(broken)]
    assert failed[0]["reason"]
    config = json.loads(next(out.glob("extraction_config_*.json")).read_text())
    assert config["review_audio_root"] == str(out)
    manifest = json.loads((tmp_path / "job" / "outputs.json").read_text())
    assert (
        manifest["outputs"][0].endswith(".csv")
        and "petrel_annotation_task_" in manifest["outputs"][0]
    )
    assert manifest["outputs"][-1].startswith(str(out / "extraction_summary_"))


def test_without_clips_review_root_is_the_audio_root(tmp_path: Path, demo_audio: Path) -> None:
    write_dense(tmp_path / "pred", predictions(tmp_path, tmp_path / "missing.wav")[:2])

    result = run(tmp_path, audio_root=str(demo_audio), classes=["petrel"], mode="multiclass")

    assert result["review_audio_root"] == str(demo_audio)
    table = result["tables"][0]
    assert list(table.columns) == [
        "file",
        "start_time",
        "end_time",
        "petrel",
        "annotation",
        "stratum",
        "strategy",
    ]
    assert table.loc[0, "file"] == PETREL and not (tmp_path / "out" / "clips").exists()


@pytest.mark.parametrize(
    ("window", "file_s", "expected"),
    [
        ((10.0, 13.0), 60.0, 9.0),  # SPEC: 5 s around 10–13 s → 9–14 s
        ((0.0, 3.0), 60.0, 0.0),  # shifted right to stay inside the file
        ((57.0, 60.0), 60.0, 55.0),  # shifted left
        ((1.0, 2.0), 4.0, 0.0),  # file shorter than the clip: whole file, padded
    ],
)
def test_clip_start(window: tuple[float, float], file_s: float, expected: float) -> None:
    from backend.scripts.extraction.clips import clip_start

    assert clip_start(window[0], window[1], 5.0, file_s) == expected
