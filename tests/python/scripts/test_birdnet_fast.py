"""FastBirdNET gives BMZ ``BirdNET.predict``'s windows and scores (run in the torch env)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
import soundfile

pytestmark = pytest.mark.torch

REPO_ROOT = Path(__file__).resolve().parents[3]

# Runs in the torch environment: BMZ predict and FastBirdNET on the same files, compared there.
COMPARE = r"""
import json, os, sys
os.environ["HF_HUB_OFFLINE"] = "1"
import numpy as np
import pandas as pd
import bioacoustics_model_zoo as bmz
from backend.scripts.birdnet_fast import FastBirdNET
from backend.scripts.inference_model import birdnet_files

files = json.loads(sys.argv[1])
tflite_path, label_path = birdnet_files()
fast = FastBirdNET(tflite_path, label_path, num_threads=2)
slow = bmz.BirdNET(tflite_path=tflite_path, label_path=label_path, num_tflite_threads=2)
report = {}
for overlap in (None, 0.5):
    expected, invalid = slow.predict(
        files, batch_size=4, overlap_fraction=overlap, progress_bar=False,
        return_invalid_samples=True,
    )
    expected = expected[expected.index.get_level_values("start_time").notna()]
    got, got_invalid = fast.predict_files(files, batch_size=5, overlap_fraction=overlap)
    pd.testing.assert_index_equal(got.index, expected.index, exact=True)
    pd.testing.assert_index_equal(got.columns, expected.columns, exact=True)
    assert (got.dtypes == expected.dtypes).all()
    diff = np.abs(got.to_numpy() - expected.to_numpy())
    report[str(overlap)] = {
        "rows": len(got),
        "max_abs_diff": float(diff.max()),
        "invalid": sorted(got_invalid),
        "expected_invalid": sorted(set(invalid.index.get_level_values(0))),
        "same_top_class": bool((got.to_numpy().argmax(1) == expected.to_numpy().argmax(1)).all()),
        "windows_per_file": {str(k): int(v) for k, v in got.groupby(level="file").size().items()},
    }
print("REPORT " + json.dumps(report))
"""


def make_extra_recordings(demo_audio: Path, folder: Path) -> list[Path]:
    """48 kHz stereo, a long 44.1 kHz FLAC, a 1.7 s float 48 kHz file, corrupt and missing."""
    folder.mkdir()
    petrel, rate = soundfile.read(str(next(demo_audio.rglob("XC46092.wav"))))
    assert rate == 44100
    stretched = np.interp(np.arange(0, len(petrel), 44100 / 48000), np.arange(len(petrel)), petrel)
    stereo = folder / "stereo_48k.wav"
    soundfile.write(str(stereo), np.stack([stretched, 0.5 * stretched[::-1]], axis=1), 48000)
    long_flac = folder / "long_44k.flac"
    soundfile.write(str(long_flac), np.tile(petrel, 5)[: int(44100 * 62.3)], 44100)
    short = folder / "short_48k.wav"
    soundfile.write(str(short), stretched[: int(48000 * 1.7)], 48000, subtype="FLOAT")
    corrupt = folder / "corrupt.wav"
    corrupt.write_bytes(os.urandom(5000))
    return [stereo, long_flac, short, corrupt, folder / "missing.wav"]


def test_fast_birdnet_equals_bmz_predict(
    torch_python: Path, demo_audio: Path, tmp_path: Path
) -> None:
    demo = sorted(demo_audio.rglob("*.wav"))
    rates = {soundfile.info(str(p)).samplerate for p in demo}
    assert len(rates) > 1, rates  # mixed sample rates among the demo recordings
    assert any(soundfile.info(str(p)).duration < 3 for p in demo)  # a file shorter than a window
    files = [str(p) for p in [*demo, *make_extra_recordings(demo_audio, tmp_path / "extra")]]
    result = subprocess.run(
        [str(torch_python), "-c", COMPARE, json.dumps(files)],
        cwd=REPO_ROOT,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("REPORT ")]
    report = json.loads(line.split(" ", 1)[1])
    print(json.dumps(report, indent=1))
    unreadable = sorted(files[-2:])
    for overlap, seen in report.items():
        assert seen["max_abs_diff"] < 1e-3, (overlap, seen)
        assert seen["same_top_class"], overlap
        assert seen["invalid"] == seen["expected_invalid"] == unreadable, seen
        windows = seen["windows_per_file"]
        assert set(windows) == set(files) - set(unreadable)
        step = 3 if overlap == "None" else 1.5
        for file, count in windows.items():
            assert count == int(np.ceil(soundfile.info(file).duration / step)), (file, count)
    assert report["None"]["rows"] < report["0.5"]["rows"]


# Runs in the torch environment: the progress positions FastBirdNET reports over two files.
PROGRESS = r"""
import json, sys
import backend.scripts.birdnet_fast as fast_module
from backend.scripts.inference_model import birdnet_files

fast_module.PROGRESS_EVERY_S = 0.0  # report at every window
fast = fast_module.FastBirdNET(*birdnet_files(), num_threads=2)
positions = []
fast.predict_files(json.loads(sys.argv[1]), batch_size=4, on_file=positions.append)
print("POSITIONS " + json.dumps(positions))
"""


def test_progress_moves_inside_a_long_file(
    torch_python: Path, demo_audio: Path, tmp_path: Path
) -> None:
    long_flac, short = make_extra_recordings(demo_audio, tmp_path / "extra")[1:3]
    result = subprocess.run(
        [str(torch_python), "-c", PROGRESS, json.dumps([str(long_flac), str(short)])],
        cwd=REPO_ROOT,
        env=dict(os.environ, PYTHONPATH=str(REPO_ROOT)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("POSITIONS ")]
    positions = json.loads(line.split(" ", 1)[1])
    # 62.3 s → 21 windows: 1 at its start, 20 steps inside (3/62.3 … 60/62.3), then file 2
    assert positions[0] == 1 and positions[-1] == 2, positions
    inside = positions[1:-1]
    assert len(inside) == 20, positions
    assert inside == sorted(inside) and all(1 < p < 2 for p in inside), positions
    assert abs(inside[-1] - (1 + 60 / 62.3)) < 1e-6
