"""Classifier-guided listening: group statuses follow the four documented rules."""

from __future__ import annotations

import pytest

from backend.common.review_groups import group_status, group_statuses


@pytest.mark.parametrize(
    ("verdicts", "status"),
    [
        ([], "no_candidate"),
        (["yes"], "verified_detection"),
        (["no", "no", "yes", "unlabeled"], "verified_detection"),
        (["no", "no"], "verified_non_detection"),
        (["no", "unlabeled"], "unverified_candidate"),
        (["uncertain", "no"], "unverified_candidate"),
        (["unlabeled"], "unverified_candidate"),
    ],
)
def test_group_status_rules(verdicts, status) -> None:
    assert group_status(verdicts) == status


def test_group_statuses_over_clips_with_empty_groups_and_sorted_output() -> None:
    clips = [
        ("site_b|d1", "no"),
        ("site_a|d1", ""),
        ("site_a|d1", "no"),
        ("site_b|d1", "no"),
        ("site_c|d2", "yes"),
        ("site_c|d2", "uncertain"),
    ]
    statuses = group_statuses(clips, all_groups=["site_d|d3", "site_a|d1"])
    assert statuses == {
        "site_a|d1": "unverified_candidate",
        "site_b|d1": "verified_non_detection",
        "site_c|d2": "verified_detection",
        "site_d|d3": "no_candidate",
    }
    assert list(statuses) == sorted(statuses)


def test_multiclass_groups_use_the_target_class() -> None:
    clips = [("g1", "['robin']"), ("g1", "[]"), ("g2", "['wren']"), ("g3", "")]
    assert group_statuses(clips) == {
        "g1": "verified_detection",
        "g2": "verified_detection",
        "g3": "unverified_candidate",
    }
    assert group_statuses(clips, target_class="wren") == {
        "g1": "verified_non_detection",
        "g2": "verified_detection",
        "g3": "unverified_candidate",
    }
