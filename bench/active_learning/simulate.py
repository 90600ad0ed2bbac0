"""Active-learning simulation: learning curves of random, uncertainty, diversity and hybrid picks.

The labelled set is real calls (Great Tit, European Storm-Petrel, Bengalese Finch, from the pykanto
recordings' box annotations) mixed into noise with distractors, rare as in passive acoustic
monitoring (``--prevalence``: each class in 0.5 % of the 12,000 pool windows) and at random SNRs
(−20…+5 dB), embedded once with the real BirdNET 2.4 and cached (see ``mixed_calls.py``); the
held-out set (``--test-prevalence`` 5 %, so its AP is stable) mixes only sounds the pool never
has. A simulated user labels every class of a window at
once (multiclass review).

Per seed, every strategy starts from the same labelled seed set (``--seed-positives`` known
positives per class, as a user's first examples, plus ``--seed-random`` random windows) and adds
``--batch`` labels per round (× ``--growth`` each round) for ``--rounds`` rounds. Each round
trains the app's shallow head (``--head``, logistic by default;
``backend.scripts.training.shallow.train_head``, one thread) on the labels so far, records
the mean AP over classes on the fixed held-out set, scores the unlabelled pool and picks the next
batch (``batch_picks.py``: random; uncertainty and hybrid per class, at the class-balanced
threshold; diversity class-agnostic). Two extra rows use the plain 0.5 threshold.

The area under the learning curve (AULC: mean AP averaged over the curve, trapezoids over the label
count) is compared with random's in the same seed; ``gain`` is the share of the possible
improvement over random (up to the AP with every pool window labelled) that a strategy reaches.

``--tune`` compares hybrid schedules and thresholds on a tuning split (pool sounds, other seeds;
the held-out set is never read): that is how the schedule in
``backend/scripts/active_learning/selection.py`` was chosen. Runs in the torch environment
(re-executes itself there).

    .venv/bin/python bench/active_learning/simulate.py [--quick] [--tune] [--seeds 20] [--rounds 10]
        [--pool 12000] [--prevalence 0.005] [--batch 30] [--growth 1] [--head logistic]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT))  # backend.*
sys.path.insert(0, str(Path(__file__).resolve().parent))  # mixed_calls, batch_picks
STRATEGIES = ["random", "uncertainty", "diversity", "hybrid"]
TARGET_RATIO = 1.2
QUICK = {"pool": 4000, "test": 600, "seeds": 2, "rounds": 6}


def job_python() -> str:
    """The torch environment's interpreter when installed, else this one."""
    try:
        from backend.lightweight_server.environment.status import torch_python

        return str(torch_python())
    except Exception:  # missing environment: try this interpreter
        return sys.executable


def seed_set(
    y: np.ndarray,
    positives: int,
    random_count: int,
    seed: int,
    snr_db: np.ndarray | None = None,
    min_snr_db: float | None = None,
) -> np.ndarray:
    """The starting labels (a mask): known positives per class (with ``min_snr_db``: only among
    calls at least that loud, as a user's first examples are calls they heard) plus random
    windows."""
    rng = np.random.default_rng([seed, 0])
    mask = np.zeros(len(y), dtype=bool)
    for c in range(y.shape[1]):
        known = y[:, c] == 1
        if min_snr_db is not None and snr_db is not None:
            known &= np.nan_to_num(snr_db[:, c], nan=-np.inf) >= min_snr_db
        mask[rng.choice(np.flatnonzero(known), size=positives, replace=False)] = True
    mask[rng.choice(np.flatnonzero(~mask), size=random_count, replace=False)] = True
    return mask


def head_default(name: str):  # type: ignore[no-untyped-def]
    """A training job's default for ``name`` (``TrainingConfig``): the simulation trains the head
    a user's loop round trains."""
    from backend.common.training_config import TrainingConfig

    return TrainingConfig.model_fields[name].get_default(call_default_factory=True)


def train(x: np.ndarray, y: np.ndarray, steps: int, seed: int, head: str = "logistic"):  # type: ignore[no-untyped-def]
    """The app's shallow head (logistic, or an MLP with the default hidden layers) with a
    training job's default settings (``steps`` from ``--steps``, by default the job's too)."""
    from backend.scripts.training.shallow import train_head

    hidden_sizes = head_default("hidden_sizes") if head == "mlp" else []
    return train_head(
        x, y, head_type=head, hidden_sizes=hidden_sizes, steps=steps,
        learning_rate=head_default("learning_rate"), weight_decay=head_default("weight_decay"),
        batch_size=head_default("batch_size"), seed=seed, eval_every_steps=steps,
    )  # fmt: skip


def round_size(batch: int, growth: float, round_index: int) -> int:
    """Labels added in round ``round_index``: ``batch × growth^round_index``, rounded."""
    return max(1, round(batch * growth**round_index))


def budget(args: argparse.Namespace) -> str:
    """The labelling schedule in words."""
    sizes = [round_size(args.batch, args.growth, r) for r in range(args.rounds)]
    if len(set(sizes)) == 1:
        return f"{args.rounds} rounds of {args.batch} labels"
    return f"{args.rounds} rounds of {', '.join(map(str, sizes))} labels"


def run_curve(strategy, pool, evaluation, seed: int, args: argparse.Namespace) -> Curve:  # type: ignore[no-untyped-def]
    """One strategy's learning curve from the seed's seed set."""
    from batch_picks import pick

    from backend.scripts.training.metrics import mean_ap

    labelled = seed_set(
        pool.y, args.seed_positives, args.seed_random, seed, pool.snr_db, args.seed_min_snr_db
    )
    rng = np.random.default_rng([seed, 1])
    counts, aps = [], []
    for round_index in range(args.rounds + 1):
        head = train(pool.x[labelled], pool.y[labelled], args.steps, seed, args.head)
        counts.append(int(labelled.sum()))
        aps.append(mean_ap(evaluation.y, head.probabilities(evaluation.x)) or 0.0)
        if round_index == args.rounds:
            break
        scores = head.probabilities(pool.x)
        size = round_size(args.batch, args.growth, round_index)
        picked = pick(strategy, pool.x, scores, labelled, size, round_index, rng, pool.y)
        assert not labelled[picked].any() and len(set(picked.tolist())) == len(picked)
        labelled[picked] = True
    return Curve(np.asarray(counts), np.asarray(aps), pool.y[labelled].sum(axis=0))


@dataclass
class Curve:
    """Label counts, mean AP per round, and the positives per class among the final labels."""

    counts: np.ndarray
    aps: np.ndarray
    positives: np.ndarray

    @property
    def aulc(self) -> float:
        """Area under the curve over the label range, divided by it (a mean AP)."""
        span = self.counts[-1] - self.counts[0]
        return float(np.trapezoid(self.aps, self.counts) / span)


def ceiling_curve(curve: Curve, ceiling: float) -> Curve:
    """The best a strategy could plausibly do: the seed set's AP, then ``ceiling`` (the AP with
    every pool window labelled) from the first round on."""
    aps = np.full(len(curve.aps), ceiling)
    aps[0] = curve.aps[0]
    return Curve(curve.counts, aps, curve.positives)


def compare(strategies, pool, evaluation, seeds: list[int], args) -> dict[str, list[Curve]]:  # type: ignore[no-untyped-def]
    """Every strategy's curve for every seed (the same seed sets and model seeds)."""
    return {
        s.name: [run_curve(s, pool, evaluation, seed, args) for seed in seeds] for s in strategies
    }


def print_results(results: dict[str, list[Curve]], ceiling: float, curves: bool = True) -> float:
    """The learning curves and the AULC table; returns hybrid / random AULC (means over seeds).

    ``gain``: (AULC − random's) / (``ceiling`` − random's), the share of the possible improvement
    over random that a strategy reaches, ``ceiling`` being the AP with every pool window labelled.
    """
    base = np.asarray([c.aulc for c in results["random"]])
    if curves:
        print("held-out mean AP (mean over seeds) at label counts:")
        print(f"  {'strategy':20s}" + "".join(f"{n:>7d}" for n in results["random"][0].counts))
        for name, runs in results.items():
            curve = np.mean([c.aps for c in runs], axis=0)
            print(f"  {name:20s}" + "".join(f"{v:7.3f}" for v in curve))
        print()
    print(
        f"  {'strategy':20s}{'AULC mean ± sd':>17s}{'ratio vs random':>20s}{'gain':>7s}"
        f"{'positives labelled':>22s}"
    )
    for name, runs in results.items():
        areas = np.asarray([c.aulc for c in runs])
        ratios = areas / base
        found = " / ".join(f"{v:.0f}" for v in np.mean([c.positives for c in runs], axis=0))
        print(
            f"  {name:20s}{areas.mean():9.3f} ± {areas.std():.3f}"
            f"{ratios.mean():12.3f} ± {ratios.std():.3f}"
            f"{(areas.mean() - base.mean()) / (ceiling - base.mean()):7.2f}{found:>22s}"
        )
    hybrid = next(name for name in results if name.startswith("hybrid"))
    return float(np.mean([c.aulc for c in results[hybrid]]) / base.mean())


def child(args: argparse.Namespace) -> int:
    import torch
    from batch_picks import Strategy
    from mixed_calls import CLASSES, MixSettings, labelled_sets

    from backend.scripts.active_learning.selection import (
        HYBRID_MIN_POOL_MULTIPLE,
        HYBRID_RAMP_LABELS,
    )
    from backend.scripts.training.metrics import mean_ap

    torch.set_num_threads(1)  # a tiny model: one thread is faster and does not stall when busy
    started = time.perf_counter()
    settings = MixSettings(
        data_seed=args.data_seed,
        prevalence=args.prevalence,
        test_prevalence=args.test_prevalence,
    )
    evaluation_split = "tune" if args.tune else "test"
    sets = labelled_sets(
        Path(args.data), settings, {"pool": args.pool, evaluation_split: args.test}
    )
    pool, evaluation = sets["pool"], sets[evaluation_split]
    print(
        f"pool {len(pool.y)} windows, {evaluation_split} {len(evaluation.y)} "
        f"(positives per class {CLASSES}: pool {pool.y.sum(0).astype(int).tolist()}, "
        f"{evaluation_split} {evaluation.y.sum(0).astype(int).tolist()}); "
        f"data ready in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    every = train(pool.x, pool.y, args.steps * 3, 0, args.head)
    ceiling = mean_ap(evaluation.y, every.probabilities(evaluation.x)) or 0.0
    print(f"every pool window labelled: {evaluation_split} mean AP {ceiling:.3f}", flush=True)
    t0 = time.perf_counter()
    if args.tune:  # the hybrid's schedule on the tuning split, other seeds; held-out unused
        grid = [
            Strategy("diversity"),
            Strategy("uncertainty", threshold="0.5"),
            Strategy("uncertainty"),
            Strategy("hybrid", threshold="0.5"),
            *(Strategy("hybrid", r, 3) for r in (30, 100, 300)),
        ]
        seeds = list(range(100, 100 + args.seeds))
        results = compare([Strategy("random"), *grid], pool, evaluation, seeds, args)
        print(f"tuning: {len(seeds)} seeds, {budget(args)}, {time.perf_counter() - t0:.0f} s")
        print_results(results, ceiling, curves=False)
        return 0
    strategies = [Strategy(kind) for kind in STRATEGIES]
    # the same with the plain 0.5 threshold, to show what the balanced threshold changes
    strategies += [Strategy("uncertainty", threshold="0.5"), Strategy("hybrid", threshold="0.5")]
    results = compare(strategies, pool, evaluation, list(range(args.seeds)), args)
    print(
        f"\n{args.seeds} seeds × {len(strategies)} strategies, {budget(args)}, {args.head} head "
        f"(hybrid: ramp {HYBRID_RAMP_LABELS} labels, "
        f"pool ≥ {HYBRID_MIN_POOL_MULTIPLE}× k), "
        f"simulated in {time.perf_counter() - t0:.0f} s"
    )
    ratio = print_results(results, ceiling)
    random_area = float(np.mean([c.aulc for c in results["random"]]))
    oracle = np.mean([ceiling_curve(c, ceiling).aulc for c in results["random"]])
    print(
        f"  every pool window labelled: AP {ceiling:.3f} = {ceiling / random_area:.2f}× random's "
        f"AULC; a curve at that AP from the first round on: {oracle / random_area:.2f}× random"
    )
    verdict = "ok" if ratio >= TARGET_RATIO else "BELOW TARGET"
    print(f"\nhybrid AULC / random AULC: {ratio:.3f} (target ≥ {TARGET_RATIO}) {verdict}")
    print(f"total {time.perf_counter() - started:.0f} s")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"a smaller run: {QUICK}")
    parser.add_argument("--pool", type=int, default=12000, help="unlabelled pool windows")
    parser.add_argument("--test", type=int, default=1000, help="held-out windows")
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--batch", type=int, default=30, help="labels added in the first round")
    parser.add_argument(
        "--growth", type=float, default=1.0, help="each round adds this many times the last"
    )
    parser.add_argument("--seed-positives", type=int, default=2, help="known positives per class")
    parser.add_argument("--seed-random", type=int, default=20, help="random windows at the start")
    parser.add_argument(
        "--seed-min-snr-db",
        type=float,
        default=None,
        help="known positives only among calls at least this loud (default: any)",
    )
    parser.add_argument(
        "--steps",
        type=int,
        default=head_default("steps"),
        help="training steps per round (default: a training job's, 500)",
    )
    parser.add_argument("--head", choices=["logistic", "mlp"], default="logistic")
    parser.add_argument(
        "--prevalence", type=float, default=0.005, help="pool windows holding a class (share)"
    )
    parser.add_argument(
        "--test-prevalence", type=float, default=0.05, help="held-out windows holding a class"
    )
    parser.add_argument("--data-seed", type=int, default=0, help="which mixed windows")
    parser.add_argument(
        "--data",
        default=str(Path(tempfile.gettempdir()) / "dipper-bench-active-learning"),
        help="cache folder for the embedded windows (default: <tmp>/dipper-bench-active-learning)",
    )
    parser.add_argument(
        "--tune",
        action="store_true",
        help="compare hybrid schedules on a tuning split of pool sounds (held-out set unused)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        for name, value in QUICK.items():
            setattr(args, name, value)
    if args.child:
        return child(args)
    command = [job_python(), __file__, "--child"]
    for name, value in vars(args).items():
        if name in ("tune",) and value:
            command.append("--tune")
        elif name not in ("child", "quick", "tune") and value is not None:
            command += [f"--{name.replace('_', '-')}", str(value)]
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), HF_HUB_OFFLINE="1")
    return subprocess.call(command, cwd=str(REPO_ROOT), env=env)


if __name__ == "__main__":
    raise SystemExit(main())
