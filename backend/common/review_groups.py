"""Classifier-guided listening: the status of each group of clips (e.g. one site on one night).

An annotation task may hold a group column (any stratification, such as site × date). Each group's
status follows from the verdicts of its clips (see ``annotation_values.clip_verdict``):

1. ``verified_detection`` — at least one clip is ``yes``;
2. ``verified_non_detection`` — at least one clip, and every clip is ``no``;
3. ``unverified_candidate`` — at least one clip, no ``yes``, and at least one clip ``unlabeled`` or
   ``uncertain``;
4. ``no_candidate`` — the group has no clip to review (e.g. all its rows fell below the score
   threshold).

The rules are applied in that order. The renderer applies the same rules live while labelling.
"""

from __future__ import annotations

from collections.abc import Iterable

from backend.common.annotation_values import clip_verdict

VERIFIED_DETECTION = "verified_detection"
VERIFIED_NON_DETECTION = "verified_non_detection"
UNVERIFIED_CANDIDATE = "unverified_candidate"
NO_CANDIDATE = "no_candidate"
GROUP_STATUSES: tuple[str, ...] = (
    UNVERIFIED_CANDIDATE,
    VERIFIED_DETECTION,
    VERIFIED_NON_DETECTION,
    NO_CANDIDATE,
)


def group_status(verdicts: Iterable[str]) -> str:
    """Status of one group from its clips' verdicts (``yes``/``no``/``uncertain``/``unlabeled``).

    Parameters
    ----------
    verdicts
        One verdict per clip shown for the group.

    Returns
    -------
    str
        One of ``GROUP_STATUSES``.
    """
    seen = list(verdicts)
    if not seen:
        return NO_CANDIDATE
    if "yes" in seen:
        return VERIFIED_DETECTION
    if all(v == "no" for v in seen):
        return VERIFIED_NON_DETECTION
    return UNVERIFIED_CANDIDATE


def group_statuses(
    clips: Iterable[tuple[str, str | None]],
    all_groups: Iterable[str] = (),
    target_class: str | None = None,
) -> dict[str, str]:
    """Status of every group.

    Parameters
    ----------
    clips
        ``(group, annotation cell)`` for each clip to review.
    all_groups
        Groups that exist in the task even when none of their clips is shown (they get
        ``no_candidate`` unless ``clips`` holds one of theirs).
    target_class
        For multiclass tasks, the class whose presence counts as ``yes`` (default: any class).

    Returns
    -------
    dict
        Group name → status, ordered by group name.
    """
    verdicts: dict[str, list[str]] = {group: [] for group in all_groups}
    for group, cell in clips:
        verdicts.setdefault(group, []).append(clip_verdict(cell, target_class))
    return {group: group_status(verdicts[group]) for group in sorted(verdicts)}
