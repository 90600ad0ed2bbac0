"""The selection engine on constructed tables: exact counts, post-threshold percentile bins, small
strata, duplicates across strategies, seeds."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from extraction_tables import layout_table, ramp_table, run, write_dense

TOP = {"kind": "top", "n": 2}


def summary_counts(summary: pd.DataFrame) -> dict[tuple[str, str], tuple[int, int, int]]:
    return {
        (r.stratum, r.strategy): (r.available, r.requested, r.selected)
        for r in summary.itertuples()
    }


def test_counts_per_stratum_and_strategy_are_exact(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", layout_table())

    result = run(
        tmp_path,
        stratify_by_subfolder=True,
        strategies=[{"kind": "random", "n": 3}, TOP],
    )

    assert summary_counts(result["summary"]) == {
        ("subfolder=site_a", "random"): (20, 3, 3),
        ("subfolder=site_b", "random"): (4, 3, 3),
        ("subfolder=site_a", "top"): (20, 2, 2),
        ("subfolder=site_b", "top"): (4, 2, 2),
    }
    table = result["tables"][0]
    top = table[table["strategy"].str.contains("top")]
    # robin = window number / 100: the two last windows of each site score highest
    assert sorted(top["score"].round(2)) == [0.18, 0.19, 0.22, 0.23]
    per_site = table["stratum"].value_counts().to_dict()
    random_only = table[~table["strategy"].str.contains("top")]
    assert len(table) == len(random_only) + 4
    assert 3 <= per_site["subfolder=site_a"] <= 5 and 3 <= per_site["subfolder=site_b"] <= 5


def test_small_stratum_gives_all_its_rows_and_says_so(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", layout_table())

    result = run(tmp_path, stratify_by_subfolder=True, strategies=[{"kind": "random", "n": 5}])

    summary = result["summary"].set_index("stratum")
    assert summary.loc["subfolder=site_b", "selected"] == 4
    assert summary.loc["subfolder=site_b", "note"] == "fewer windows than requested: all taken"
    assert summary.loc["subfolder=site_a", "note"] == ""
    table = result["tables"][0]
    assert (table["stratum"] == "subfolder=site_b").sum() == 4
    assert len(table) == 9


def test_percentile_bins_use_percentiles_after_the_threshold(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", ramp_table(100))  # scores 0.01 .. 1.00

    result = run(
        tmp_path,
        score_threshold=0.51,  # leaves 0.51 .. 1.00: 50 windows
        strategies=[{"kind": "score_bins", "n": 100}],
    )

    counts = {r.strategy: r.available for r in result["summary"].itertuples()}
    # percentiles of 0.51..1.00: P75 = 0.8775, P90 = 0.951, P95 = 0.9755 (before the threshold
    # P95 would be 0.9505 and the top bin would hold 5 windows)
    assert counts == {
        "score_bins 0-75": 37,
        "score_bins 75-90": 8,
        "score_bins 90-95": 2,
        "score_bins 95-100": 3,
    }
    table = result["tables"][0]
    top_bin = table[table["strategy"] == "score_bins 95-100"]
    assert sorted(top_bin["score"].round(2)) == [0.98, 0.99, 1.0]
    assert len(table) == 50 and table["score"].min() >= 0.51 - 1e-6


def test_score_bins_draw_n_per_bin(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", ramp_table(100))

    result = run(
        tmp_path, strategies=[{"kind": "score_bins", "n": 2, "bins": [[0, 50], [50, 100]]}]
    )

    assert list(result["summary"]["selected"]) == [2, 2]
    table = result["tables"][0]
    low = table[table["strategy"] == "score_bins 0-50"]["score"]
    high = table[table["strategy"] == "score_bins 50-100"]["score"]
    # P50 of 0.01..1.00 is 0.505
    assert (low < 0.505).all() and (high > 0.505).all() and len(table) == 4


def test_a_window_picked_by_two_strategies_appears_once_listing_both(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", ramp_table(10))

    result = run(tmp_path, strategies=[{"kind": "random", "n": 10}, TOP])

    table = result["tables"][0]
    assert len(table) == 10
    both = table[table["strategy"] == "random; top"]
    assert sorted(both["score"].round(2)) == [0.09, 0.1]
    assert (table["strategy"] == "random").sum() == 8
    assert list(result["summary"]["selected"]) == [10, 2]


def test_same_seed_same_output_other_seed_other_draws(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", ramp_table(400))
    strategies = [
        {"kind": "random", "n": 5},
        {"kind": "score_weighted", "n": 5},
        {"kind": "zscore_weighted", "n": 5},
        {"kind": "score_bins", "n": 2},
    ]

    first = run(tmp_path, strategies=strategies, seed=7, output_dir=str(tmp_path / "o1"))
    again = run(tmp_path, strategies=strategies, seed=7, output_dir=str(tmp_path / "o2"))
    other = run(tmp_path, strategies=strategies, seed=8, output_dir=str(tmp_path / "o3"))

    pd.testing.assert_frame_equal(first["tables"][0], again["tables"][0])
    pd.testing.assert_frame_equal(first["summary"], again["summary"])
    assert not first["tables"][0]["start_time"].equals(other["tables"][0]["start_time"])


def test_weighted_sampling_prefers_high_scores(tmp_path: Path) -> None:
    frame = ramp_table(100)
    frame["robin"] = frame["robin"] ** 4  # 1e-8 .. 1: weight concentrated on the last windows
    write_dense(tmp_path / "pred", frame)
    picked_top_half = 0
    for seed in range(10):
        result = run(
            tmp_path,
            seed=seed,
            strategies=[{"kind": "score_weighted", "n": 5}],
            output_dir=str(tmp_path / f"o{seed}"),
        )
        picked_top_half += int((result["tables"][0]["start_time"] >= 150).sum())
    # P(a draw lands in the top half) is ~0.94 per draw; uniform sampling would give ~25 of 50
    assert picked_top_half >= 40


def test_no_stratification_is_one_stratum_all(tmp_path: Path) -> None:
    write_dense(tmp_path / "pred", layout_table())

    result = run(tmp_path, strategies=[TOP], classes=["robin", "wren"])

    summary = result["summary"]
    assert list(summary["stratum"]) == ["all", "all"]
    assert list(summary["class"]) == ["robin", "wren"]
    wren = result["tables"][1]
    assert sorted(wren["score"].round(2)) == [0.99, 1.0]  # wren = 1 - robin: the first windows
