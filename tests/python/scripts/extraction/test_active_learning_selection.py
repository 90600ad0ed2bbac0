"""Extraction's active-learning strategies on constructed tables whose right picks are known by
hand: uncertainty per stratum, diversity and hybrid on embeddings written into a temporary cache
(so the picks are exact and nothing is embedded), pools, already-labelled windows, unreadable
recordings."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from extraction_tables import layout_table, ramp_table, run, write_dense

from backend.scripts.training.embedding_cache import EmbeddingCache

FILE = "20210501_040000.WAV"


def picked_scores(result: dict, strategy: str) -> list[float]:
    table = result["tables"][0]
    rows = table[table["strategy"].str.contains(strategy)]
    return sorted(rows["score"].round(3).tolist())


def cache_for(tmp_path: Path) -> EmbeddingCache:
    return EmbeddingCache(tmp_path / "cache", "BirdNET", 3.0)


def write_recording(tmp_path: Path, rel: str) -> Path:
    """A stand-in recording: the cache keys on path, size and mtime; it is never decoded here."""
    path = tmp_path / "audio" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not decoded: every window is in the cache")
    return path


def unit(*dims: int, size: int = 8, noise: float = 0.0, seed: int = 0) -> np.ndarray:
    vector = np.zeros(size, dtype=np.float32)
    vector[list(dims)] = 1.0
    vector += np.random.default_rng(seed).normal(0, noise, size).astype(np.float32)
    return vector


def clustered_recording(tmp_path: Path, count: int = 10) -> dict[float, int]:
    """``FILE`` with ``count`` windows in three clusters: 0–3 → dim 0, 4–7 → dim 1, 8–9 → dim 2.
    Returns ``{start_s: cluster}``."""
    path = write_recording(tmp_path, FILE)
    clusters = {3.0 * i: (0 if i < 4 else 1 if i < 8 else 2) for i in range(count)}
    vectors = {s: unit(c, noise=0.05, seed=int(s)) for s, c in clusters.items()}
    cache_for(tmp_path).store(str(path), vectors)
    return clusters


def test_uncertainty_picks_the_windows_nearest_the_threshold_in_each_stratum(
    tmp_path: Path,
) -> None:
    write_dense(tmp_path / "pred", layout_table())  # robin = window number / 100

    result = run(
        tmp_path,
        stratify_by_subfolder=True,
        strategies=[{"kind": "uncertainty", "n": 3, "threshold": 0.05}],
    )

    table = result["tables"][0]
    site_a = table[table["stratum"] == "subfolder=site_a"]["score"].round(2)
    site_b = table[table["stratum"] == "subfolder=site_b"]["score"].round(2)
    assert sorted(site_a) == [0.04, 0.05, 0.06]
    assert sorted(site_b) == [0.20, 0.21, 0.22]  # site_b holds 0.20 … 0.23
    assert set(table["strategy"]) == {"uncertainty"}
    summary = result["summary"].set_index("stratum")
    assert summary.loc["subfolder=site_a", "available"] == 20
    assert summary.loc["subfolder=site_b", "selected"] == 3


def test_uncertainty_reads_logits_through_the_sigmoid(tmp_path: Path) -> None:
    frame = ramp_table(21)
    frame["robin"] = np.linspace(-5, 5, 21).astype(np.float32)  # logits: 0 is p = 0.5
    write_dense(tmp_path / "pred", frame)

    result = run(tmp_path, strategies=[{"kind": "uncertainty", "n": 3, "threshold": 0.5}])

    assert picked_scores(result, "uncertainty") == [-0.5, 0.0, 0.5]


def test_diversity_picks_one_window_per_cluster(tmp_path: Path) -> None:
    clusters = clustered_recording(tmp_path)
    write_dense(tmp_path / "pred", ramp_table(10).assign(file=FILE))

    result = run(
        tmp_path,
        strategies=[{"kind": "diversity", "n": 3}],
        embedding_cache_dir=str(tmp_path / "cache"),
    )

    table = result["tables"][0]
    assert sorted(clusters[s] for s in table["start_time"]) == [0, 1, 2]
    assert any("Embeddings: 10 from the cache, 0 new" in line for line in result["log"])
    assert result["failed"] == {}


def test_diversity_keeps_away_from_labelled_windows_and_never_repicks_them(
    tmp_path: Path,
) -> None:
    clusters = clustered_recording(tmp_path)
    write_dense(tmp_path / "pred", ramp_table(10).assign(file=FILE))
    # a reviewed clip exported by Extraction: the clip path in `file`, the window in source_*;
    # it covers window 9 (27–30 s), whose embedding is cluster 2's
    labelled = tmp_path / "robin_annotation_task_20260101_000000.csv"
    pd.DataFrame(
        {
            "file": ["clips/a.wav", "clips/b.wav"],
            "start_time": [1.0, 1.0],
            "end_time": [4.0, 4.0],
            "annotation": ["no", ""],  # the second row is not reviewed: not labelled
            "source_file": [FILE, FILE],
            "source_start_time": [27.0, 0.0],
            "source_end_time": [30.0, 3.0],
        }
    ).to_csv(labelled, index=False)

    result = run(
        tmp_path,
        strategies=[{"kind": "diversity", "n": 2}],
        embedding_cache_dir=str(tmp_path / "cache"),
        labelled_annotation_files=[str(labelled)],
    )

    picked = result["tables"][0]["start_time"].tolist()
    assert 27.0 not in picked
    # cluster 2 is already known (window 9 labelled): one pick each from clusters 0 and 1
    assert sorted(clusters[s] for s in picked) == [0, 1]
    summary = result["summary"]
    assert summary["available"].tolist() == [9]  # 10 windows, one labelled
    assert any("1 window(s) overlap the 1 labelled row(s)" in line for line in result["log"])
    assert any(
        "Labelled: 1 row(s) in 1 file(s); labels per class: robin 1" in line
        for line in result["log"]
    )


def test_pool_is_a_random_sample_of_max_pool_per_stratum(tmp_path: Path) -> None:
    clustered_recording(tmp_path, count=20)
    write_dense(tmp_path / "pred", ramp_table(20).assign(file=FILE))

    result = run(
        tmp_path,
        strategies=[{"kind": "diversity", "n": 2, "max_pool": 5}],
        embedding_cache_dir=str(tmp_path / "cache"),
    )

    row = result["summary"].iloc[0]
    assert (row["available"], row["requested"], row["selected"]) == (20, 2, 2)
    assert row["note"] == "chosen from a random 5 of 20"
    assert any("Embeddings: 5 from the cache, 0 new" in line for line in result["log"])


def test_hybrid_with_many_labels_picks_among_the_most_uncertain(tmp_path: Path) -> None:
    path = write_recording(tmp_path, FILE)
    cache_for(tmp_path).store(
        str(path), {3.0 * i: unit(i % 8, noise=0.01, seed=i) for i in range(40)}
    )
    frame = ramp_table(40).assign(file=FILE)  # robin = 0.01 … 0.40
    write_dense(tmp_path / "pred", frame)
    # 2,000 labels of robin, in a recording that no longer exists: they count, but have no
    # embedding (reported, not fatal)
    labelled = tmp_path / "robin_annotation_task_old.csv"
    pd.DataFrame(
        {
            "file": ["gone.wav"] * 2000,
            "start_time": np.arange(2000) * 3.0,
            "end_time": np.arange(2000) * 3.0 + 3.0,
            "annotation": ["yes"] * 2000,
        }
    ).to_csv(labelled, index=False)

    result = run(
        tmp_path,
        strategies=[{"kind": "hybrid", "n": 2, "threshold": 0.3}],
        embedding_cache_dir=str(tmp_path / "cache"),
        labelled_annotation_files=[str(labelled)],
    )

    # with 2,000 labels the pool is about 3 × n of the most uncertain: scores near 0.30
    scores = picked_scores(result, "hybrid")
    assert len(scores) == 2 and all(abs(s - 0.3) <= 0.035 for s in scores), scores
    assert list(result["failed"]) == [str(tmp_path / "audio" / "gone.wav")]
    assert result["failed"][str(tmp_path / "audio" / "gone.wav")] == "file not found"


def test_unreadable_recording_leaves_its_windows_out_and_is_reported(tmp_path: Path) -> None:
    clustered_recording(tmp_path)
    frame = pd.concat(
        [ramp_table(10).assign(file=FILE), ramp_table(3).assign(file="missing.WAV")],
        ignore_index=True,
    )
    write_dense(tmp_path / "pred", frame)

    result = run(
        tmp_path,
        strategies=[{"kind": "diversity", "n": 12}],
        embedding_cache_dir=str(tmp_path / "cache"),
    )

    table = result["tables"][0]
    assert set(table["file"]) == {FILE} and len(table) == 10
    note = result["summary"].iloc[0]["note"]
    assert note == "3 without an embedding (recording unreadable)"
    assert result["failed"] == {str(tmp_path / "audio" / "missing.WAV"): "file not found"}
    failed_csv = pd.read_csv(tmp_path / "job" / "failed_files.csv")
    assert failed_csv["file"].tolist() == [str(tmp_path / "audio" / "missing.WAV")]


def test_same_seed_same_picks_and_strategies_combine(tmp_path: Path) -> None:
    clustered_recording(tmp_path)
    write_dense(tmp_path / "pred", ramp_table(10).assign(file=FILE))
    strategies = [
        {"kind": "diversity", "n": 2},
        {"kind": "uncertainty", "n": 1, "threshold": 0.052},
        {"kind": "random", "n": 1},
    ]
    cache = str(tmp_path / "cache")

    first = run(tmp_path, strategies=strategies, embedding_cache_dir=cache, seed=3)
    second = run(tmp_path, strategies=strategies, embedding_cache_dir=cache, seed=3)

    columns = ["start_time", "strategy"]
    pd.testing.assert_frame_equal(first["tables"][0][columns], second["tables"][0][columns])
    assert picked_scores(first, "uncertainty") == [0.05]  # 0.05 is the nearest
    assert set(first["summary"]["strategy"]) == {"diversity", "uncertainty", "random"}
