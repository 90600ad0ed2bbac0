"""Active learning: which unlabelled windows to label next (see docs/training.md).

``selection`` holds the strategies, pure numpy so that Extraction and the benchmark can call them
from any environment: ``uncertainty_key`` (closest to the decision threshold first;
``balanced_threshold`` gives that threshold for Dipper's class-balanced heads),
``k_center_greedy`` (diversity in embedding space) and ``hybrid_pick`` (diversity first,
uncertainty as labels accumulate). Random sampling, the baseline, needs no helper.
"""

from backend.scripts.active_learning.selection import (
    balanced_threshold,
    hybrid_pick,
    hybrid_pool_size,
    k_center_greedy,
    uncertainty_key,
)

__all__ = [
    "balanced_threshold",
    "hybrid_pick",
    "hybrid_pool_size",
    "k_center_greedy",
    "uncertainty_key",
]
