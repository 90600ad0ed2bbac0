"""The embedding cache (hits, misses, merge, invalidation when a recording changes, damaged files)
and the live/final HTML report."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from backend.scripts.training.embedding_cache import EmbeddingCache
from backend.scripts.training.report import render, write_report


def fake_embed(calls: list) -> object:
    def embed(file: str, starts: list[float]) -> np.ndarray:
        calls.append((Path(file).name, list(starts)))
        return np.array([[s, len(Path(file).name)] for s in starts], dtype=np.float32)

    return embed


def test_cache_embeds_only_missing_windows_and_survives_a_new_process(tmp_path: Path) -> None:
    audio = tmp_path / "a.wav"
    audio.write_bytes(b"x" * 100)
    calls: list = []
    cache = EmbeddingCache(tmp_path / "cache", "BirdNET", 3.0)
    windows = pd.DataFrame({"file": [str(audio)] * 2, "start_s": [0.0, 3.0]})
    x, ok, stats, failed = cache.embeddings_for(windows, fake_embed(calls))
    assert (stats.hits, stats.misses, failed) == (0, 2, {}) and ok.all()
    assert x[:, 0].tolist() == [0.0, 3.0]
    more = pd.DataFrame({"file": [str(audio)] * 3, "start_s": [3.0, 0.0, 6.0]})
    again = EmbeddingCache(tmp_path / "cache", "BirdNET", 3.0)
    x, ok, stats, _ = again.embeddings_for(more, fake_embed(calls))
    assert (stats.hits, stats.misses) == (2, 1)
    assert calls[-1] == ("a.wav", [6.0]) and x[:, 0].tolist() == [3.0, 0.0, 6.0]
    assert len(list((tmp_path / "cache").glob("*.npz"))) == 1
    assert not list((tmp_path / "cache").glob("*.tmp"))


def test_a_changed_recording_or_a_damaged_cache_file_is_embedded_again(tmp_path: Path) -> None:
    audio = tmp_path / "a.wav"
    audio.write_bytes(b"x" * 100)
    calls: list = []
    cache = EmbeddingCache(tmp_path / "cache", "BirdNET", 3.0)
    windows = pd.DataFrame({"file": [str(audio)], "start_s": [0.0]})
    cache.embeddings_for(windows, fake_embed(calls))
    old = cache.path_for(str(audio))
    audio.write_bytes(b"y" * 120)
    os.utime(audio, ns=(1, 1))
    assert cache.path_for(str(audio)) != old
    _, _, stats, _ = cache.embeddings_for(windows, fake_embed(calls))
    assert stats.misses == 1
    cache.path_for(str(audio)).write_bytes(b"not an npz")
    _, _, stats, _ = cache.embeddings_for(windows, fake_embed(calls))
    assert stats.misses == 1


def test_an_unreadable_recording_is_listed_and_its_windows_left_out(tmp_path: Path) -> None:
    audio = tmp_path / "a.wav"
    audio.write_bytes(b"x")

    def broken(file: str, starts: list[float]) -> np.ndarray:
        raise ValueError("not audio")

    cache = EmbeddingCache(tmp_path / "cache", "BirdNET", 3.0)
    windows = pd.DataFrame({"file": [str(audio)], "start_s": [0.0]})
    _, ok, _, failed = cache.embeddings_for(windows, broken)
    assert not ok.any() and failed == {str(audio): "ValueError: not audio"}


def test_report_refreshes_only_while_running_and_shows_metrics_at_the_end(tmp_path: Path) -> None:
    rows = [{"step": s, "train_loss": 1 / s, "val_loss": 1.2 / s} for s in range(1, 11)]
    running = render(
        {
            "running": True,
            "fraction": 0.5,
            "message": "Training: step 5/10",
            "elapsed_s": 10,
            "eta_s": 10,
            "loss_rows": rows,
        }
    )
    assert 'http-equiv="refresh" content="3"' in running and "<polyline" in running
    assert "10 s left" in running
    bins = [{"mean_score": 0.05, "fraction_positive": 0.0, "count": 3}] + [
        {"mean_score": None, "fraction_positive": None, "count": 0}
    ] * 9
    metrics = {
        "classes": {
            "owl<&>": {
                "n_positive": 3,
                "n_negative": 4,
                "average_precision": 0.8123,
                "roc_auc": 0.9,
                "threshold_for_target_precision": None,
                "at_thresholds": [{"threshold": 0.5, "precision": 1.0, "recall": 0.5, "f1": 0.667}],
                "calibration": bins,
            }
        },
        "mean_average_precision": 0.8123,
    }
    write_report(
        tmp_path / "report.html",
        {
            "running": False,
            "fraction": 1.0,
            "message": "done",
            "loss_rows": rows,
            "metrics": metrics,
        },
    )
    page = (tmp_path / "report.html").read_text()
    assert "refresh" not in page and "0.812" in page and "owl&lt;&amp;&gt;" in page
    assert page.count("<svg") == 2 and "<circle" in page
