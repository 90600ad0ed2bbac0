"""Pick the first ``n`` items of every group by a key — the kernel of every strategy.

The candidates of one class are sorted by stratum once (:class:`GroupIndex`); each draw then
ranks only within strata. With few strata (the usual case: sites × date windows) each stratum is a
contiguous slice and ``np.partition`` finds its ``n`` best in linear time; with many strata
(e.g. one per recording) a single ``np.lexsort`` over all candidates is cheaper than a Python loop.
Ties on the key go to the earlier candidate in both paths, so the result does not depend on the
path taken.
"""

from __future__ import annotations

import numpy as np

LOOP_MAX_GROUPS = 256


class GroupIndex:
    """Candidates' stratum numbers, sorted once.

    Parameters
    ----------
    groups
        Stratum number (``0..n_groups-1``) of each candidate.
    n_groups
        Number of strata (some may have no candidate).
    """

    def __init__(self, groups: np.ndarray, n_groups: int) -> None:
        self.groups = np.asarray(groups, dtype=np.int64)
        self.n_groups = n_groups
        self.counts = np.bincount(self.groups, minlength=n_groups)
        self.order = np.argsort(self.groups, kind="stable")  # positions ascending within a group
        self.bounds = np.r_[0, np.cumsum(self.counts)]

    def subset(self, members: np.ndarray) -> GroupIndex:
        """The index of the candidates at ``members`` (ascending positions)."""
        return GroupIndex(self.groups[members], self.n_groups)

    def sorted_within_groups(self, values: np.ndarray) -> np.ndarray:
        """``values`` reordered group by group, ascending within each group."""
        if self.n_groups > LOOP_MAX_GROUPS:
            return values[np.lexsort((values, self.groups))]
        out = values[self.order]
        for g in np.flatnonzero(self.counts).tolist():
            out[self.bounds[g] : self.bounds[g + 1]].sort()
        return out

    def first_n(self, key: np.ndarray, n: int) -> np.ndarray:
        """Positions of the ``n`` smallest ``key`` values of every group (ties: smaller
        position first), ascending."""
        if len(self.groups) == 0:
            return np.empty(0, dtype=np.int64)
        if self.n_groups > LOOP_MAX_GROUPS:
            return self._first_n_sorted(key, n)
        picked = []
        for g in np.flatnonzero(self.counts).tolist():
            segment = self.order[self.bounds[g] : self.bounds[g + 1]]
            if len(segment) <= n:
                picked.append(segment)
                continue
            values = key[segment]
            kth = np.partition(values, n - 1)[n - 1]
            chosen = segment[values <= kth]
            if len(chosen) > n:  # ties at the edge: the earliest positions
                chosen = chosen[np.lexsort((chosen, key[chosen]))[:n]]
            picked.append(chosen)
        return np.sort(np.concatenate(picked))

    def _first_n_sorted(self, key: np.ndarray, n: int) -> np.ndarray:
        positions = np.arange(len(key))
        order = np.lexsort((positions, key, self.groups))
        sorted_groups = self.groups[order]
        starts = np.r_[True, sorted_groups[1:] != sorted_groups[:-1]]
        start_index = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))
        ranks = np.arange(len(order)) - start_index
        return np.sort(order[ranks < n])
