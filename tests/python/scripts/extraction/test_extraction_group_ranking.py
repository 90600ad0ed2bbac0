"""The per-stratum "first n by key" kernel: the partition path (few strata) and the sort path
(many strata) pick exactly the same candidates, ties going to the earlier candidate."""

from __future__ import annotations

import numpy as np
import pytest

from backend.scripts.extraction import group_ranking
from backend.scripts.extraction.group_ranking import GroupIndex


def brute_force(groups: np.ndarray, key: np.ndarray, n: int) -> np.ndarray:
    picked = []
    for g in np.unique(groups):
        members = np.flatnonzero(groups == g)
        ranked = sorted(members, key=lambda i: (key[i], i))
        picked.extend(ranked[:n])
    return np.sort(np.array(picked, dtype=np.int64))


@pytest.mark.parametrize("n", [1, 3, 50])
def test_both_paths_match_a_brute_force_ranking_with_ties(n: int, monkeypatch) -> None:
    rng = np.random.default_rng(1)
    groups = rng.integers(0, 12, 600)
    key = rng.integers(0, 8, 600).astype(np.float64)  # many ties

    partition_path = GroupIndex(groups, 12).first_n(key, n)
    monkeypatch.setattr(group_ranking, "LOOP_MAX_GROUPS", 0)
    sort_path = GroupIndex(groups, 12).first_n(key, n)

    expected = brute_force(groups, key, n)
    np.testing.assert_array_equal(partition_path, expected)
    np.testing.assert_array_equal(sort_path, expected)


def test_empty_groups_and_no_candidates() -> None:
    index = GroupIndex(np.array([2, 2, 0]), 4)
    assert list(index.counts) == [1, 0, 2, 0]
    assert list(index.first_n(np.array([0.5, 0.1, 0.9]), 1)) == [1, 2]
    assert len(GroupIndex(np.empty(0, np.int64), 3).first_n(np.empty(0), 2)) == 0
