"""The active-learning loop's hand-over, for real: inference with a Dipper classifier on real demo
recordings keeps every window's BirdNET embedding in the cache, and ``dipper run extraction`` with
hybrid/diversity then embeds nothing (all cache hits); the cached values are those the training
embedder computes for the same windows."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from backend.scripts.training.embedding_cache import EmbeddingCache

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/python/scripts: model_files
from model_files import (  # noqa: E402
    REPO_ROOT,
    make_dipper_classifier,
    run_in_torch_env,
    torch_env,
)

pytestmark = pytest.mark.torch

RECORDINGS = ("great_tit/2021-SW83-0418_04-79.wav", "storm_petrel/XC46092.wav")


def run_inference(python: Path, folder: Path, **fields: object) -> Path:
    config = {"output_dir": str(folder / "jobs"), **fields}
    path = folder / "inference.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    done = subprocess.run(
        [str(python), "-m", "backend.scripts.inference", "--config", str(path)],
        cwd=REPO_ROOT,
        env=torch_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (job,) = [p for p in (folder / "jobs").iterdir() if p.is_dir()]
    return job


@pytest.fixture(scope="module")
def inference_job(
    torch_python: Path, demo_audio: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, Path]:
    """(job folder, audio folder, cache folder) of a Dipper-classifier inference run."""
    folder = tmp_path_factory.mktemp("al_loop")
    audio = folder / "audio"
    for rel in RECORDINGS:
        (audio / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(demo_audio / rel, audio / rel)
    model = make_dipper_classifier(torch_python, folder / "directions.dipper.pt")
    cache = folder / "cache"
    job = run_inference(
        torch_python,
        folder,
        audio_dir=str(audio),
        model_file=str(model),
        embedding_cache_dir=str(cache),
    )
    return job, audio, cache


def test_inference_with_a_dipper_classifier_caches_every_window(
    inference_job: tuple[Path, Path, Path], torch_python: Path
) -> None:
    job, audio, cache_dir = inference_job
    predictions = pd.read_csv(job / "predictions.csv")
    cache = EmbeddingCache(cache_dir, "BirdNET", 3.0)

    assert len(list(cache_dir.glob("*.npz"))) == len(RECORDINGS)
    for file, rows in predictions.groupby("file"):
        cached = cache.load(str(file))
        assert sorted(cached) == sorted(rows["start_time"].round(3))
        assert all(v.shape == (1024,) for v in cached.values())
    # the head's dim0 score is the embedding's value 0: the cache holds what the model saw
    petrel = str(audio / RECORDINGS[1])
    cached = cache.load(petrel)
    rows = predictions[predictions["file"] == petrel]
    np.testing.assert_allclose(
        [cached[round(s, 3)][0] for s in rows["start_time"]], rows["dim0"], atol=1e-4
    )
    # and it is what training's (and Extraction's) embedder computes for those windows
    fresh = run_in_torch_env(
        torch_python,
        f"""
        import json
        from backend.scripts.training.window_embedder import WindowEmbedder
        values = WindowEmbedder()({petrel!r}, [0.0, 9.0])
        print(json.dumps(values.tolist()))
        """,
    )
    np.testing.assert_allclose(fresh[0], cached[0.0], atol=1e-4)
    np.testing.assert_allclose(fresh[1], cached[9.0], atol=1e-4)


def test_hybrid_extraction_after_that_inference_embeds_nothing(
    inference_job: tuple[Path, Path, Path], torch_python: Path, tmp_path: Path
) -> None:
    job, audio, cache_dir = inference_job
    petrel = str(audio / RECORDINGS[1])
    labelled = tmp_path / "dim0_annotation_task_20260101_000000.csv"
    pd.DataFrame(
        {"file": [petrel], "start_time": [3.0], "end_time": [6.0], "annotation": ["yes"]}
    ).to_csv(labelled, index=False)
    config = {
        "kind": "extraction",
        "predictions_dir": str(job),
        "classes": ["dim0", "minus_mean"],
        "strategies": [
            {"kind": "hybrid", "n": 2},
            {"kind": "diversity", "n": 1},
            {"kind": "uncertainty", "n": 1},
        ],
        "mode": "multiclass",
        "output_dir": str(tmp_path / "task"),
        "labelled_annotation_files": [str(labelled)],
        "embedding_cache_dir": str(cache_dir),
    }
    path = tmp_path / "extraction.json"
    path.write_text(json.dumps(config), encoding="utf-8")

    done = subprocess.run(
        [sys.executable, "-m", "backend.cli", "run", "extraction", "--config", str(path)],
        cwd=REPO_ROOT,
        env={**os.environ, "DIPPER_TORCH_PYTHON": str(torch_python)},
        capture_output=True,
        text=True,
        timeout=300,
    )

    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    # 7 windows (2 + 5), one labelled: 6 candidates per class, all pooled, plus 1 labelled window
    assert "Embeddings: 7 from the cache, 0 new" in output, output[-3000:]
    assert "1 window(s) overlap the 1 labelled row(s)" in output
    (task_csv,) = (tmp_path / "task").glob("annotation_task_*.csv")
    table = pd.read_csv(task_csv)
    assert not ((table["file"] == petrel) & (table["start_time"] == 3.0)).any()
    summary = pd.read_csv(next((tmp_path / "task").glob("extraction_summary_*.csv")))
    hybrid = summary[summary["strategy"] == "hybrid"]
    assert hybrid["selected"].tolist() == [2, 2] and hybrid["available"].tolist() == [6, 6]
    for name in ("dim0", "minus_mean"):
        assert table["strategy"].str.contains(f"{name}: hybrid").sum() == 2
    # the threshold is auto; one "yes" of dim0 and no "no" is not enough, so 0.5, said plainly
    assert hybrid["note"].tolist() == [
        "threshold 0.5 (auto needs yes and no labels: 1 yes, 0 no)",
        "threshold 0.5 (auto needs yes and no labels: 0 yes, 0 no)",
    ]
    assert "labels of dim0 in the labelled annotation files and they hold 1 yes, 0 no" in output


def test_inference_without_cache_embeddings_writes_no_cache(
    torch_python: Path, demo_audio: Path, tmp_path: Path
) -> None:
    model = make_dipper_classifier(torch_python, tmp_path / "directions.dipper.pt")
    run_inference(
        torch_python,
        tmp_path,
        audio_files=[str(demo_audio / RECORDINGS[0])],
        model_file=str(model),
        embedding_cache_dir=str(tmp_path / "cache"),
        cache_embeddings=False,
    )

    assert not (tmp_path / "cache").exists()
