"""Loader workers of CNN training draw different augmentations: OpenSoundscape's masks and noise
weights come from numpy's and ``random``'s global generators, which forked workers would share
(and repeat each other's draws) unless each is seeded; PyTorch seeds them per worker from the
loader's seed, so the draws differ between workers and repeat with the same seed. Runs in the
torch environment."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.torch

REPO_ROOT = Path(__file__).resolve().parents[4]

# a dataset whose items are numpy draws, loaded by two workers as CNN training loads clips
DRAWS = """
import json, random, sys
import numpy as np, torch
from backend.scripts.training.cnn_train import _loader_options

class Draws(torch.utils.data.Dataset):
    def __len__(self):
        return 8
    def __getitem__(self, i):
        return [i, float(np.random.rand()), random.random()]

def run(seed):
    torch.manual_seed(seed)
    options = _loader_options(2)
    loader = torch.utils.data.DataLoader(
        Draws(), batch_size=1, collate_fn=lambda b: b[0], **options
    )
    return [row for _epoch in range(2) for row in loader]

print(json.dumps({"first": run(0), "again": run(0), "other": run(1)}))
"""


def test_each_worker_draws_its_own_augmentations(torch_python: Path) -> None:
    out = subprocess.run(
        [str(torch_python), "-c", DRAWS],
        cwd=REPO_ROOT,
        env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    runs = json.loads(out.stdout.strip().splitlines()[-1])
    draws = [row[1] for row in runs["first"]]
    assert sorted(row[0] for row in runs["first"]) == sorted(list(range(8)) * 2)  # 2 epochs
    # two workers alternate items: shared numpy state would give items 0 and 1 the same draw
    assert len(set(draws)) == len(draws)  # 16 draws, no repeats
    assert len({row[2] for row in runs["first"]}) == len(draws)  # random's too
    assert draws == [row[1] for row in runs["again"]]  # same seed, same draws
    assert set(draws).isdisjoint(row[1] for row in runs["other"])  # another seed, others
