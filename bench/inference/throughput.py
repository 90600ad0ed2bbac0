"""Inference throughput: ``dipper run inference`` vs BMZ BirdNET's bare ``predict``, same files.

Builds a folder of real recordings (``--files`` × ``--minutes``, see ``recordings.py``) and times,
as whole subprocesses (interpreter start, imports and model load included):

- (a) ``dipper run inference --config`` headless, end to end (BirdNET, auto batch/workers, dense
  ``predictions.csv``; with ``--sparse`` also a row with sparse outputs, threshold −3);
- (b) ``bare_predict.py`` in the torch environment: the same BMZ BirdNET model's ``predict`` with
  the TFLite threads, batch size and workers that (a) chose ("auto");
- (c) ``bare_predict.py --fast``: the prediction-only BirdNET that (a) runs
  (``backend/scripts/birdnet_fast.py``, the same scores as BMZ, TFLite with XNNPACK) with the
  same auto threads and batch size, nothing of Dipper around it;
- (d) the same bare script with BMZ's defaults (1 TFLite thread, ``batch_size=1``,
  ``num_workers=0``).

Throughput is audio seconds per wall second. Reported: Dipper's overhead ``c_rate / a_rate − 1``
over the same model code called bare (target ≤ 5 %), the same against BMZ's own ``predict``
(``b_rate / a_rate − 1``), and the auto/default ratios ``c_rate / d_rate`` (Dipper's auto choice,
bare; target ≥ 1.3×), ``a_rate / d_rate`` (Dipper end to end) and ``b_rate / d_rate`` (BMZ with
auto settings), end to end and for the ``predict`` call alone. Each variant runs ``--repeats``
times interleaved; the fastest run counts (the least disturbed by other work on the machine).

Run: ``.venv/bin/python bench/inference/throughput.py [--files 6] [--minutes 2] [--repeats 2]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from recordings import (
    BARE_PREDICT,
    RunResult,
    build_folder,
    dipper_choices,
    mib,
    run_dipper_inference,
    run_measured,
    torch_python,
    wav_files,
)

SPARSE_THRESHOLD = -3.0


def run_bare(python: Path, files_list: Path, **options: int) -> RunResult:
    """``bare_predict.py`` in the torch environment with ``options`` (threads, batch_size…)."""
    command = [str(python), str(BARE_PREDICT), "--files-list", str(files_list)]
    for key, value in options.items():
        flag = f"--{key.replace('_', '-')}"
        command += [flag] if value is True else [flag, str(value)]
    result = run_measured(command)
    lines = [line for line in result.output.splitlines() if line.startswith("BARE_TIMINGS ")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"bare predict failed ({result.returncode}):\n{result.output}")
    result.timings = json.loads(lines[-1].split(" ", 1)[1])
    return result


def phases(result: RunResult, bare: bool) -> str:
    """Where the wall time went, from the run's own timings."""
    t = result.timings
    if bare:
        outside = result.wall_s - t["import_s"] - t["load_s"] - t["predict_s"]
        return (
            f"start+exit {outside:.1f} + import {t['import_s']:.1f} + load {t['load_s']:.1f} + "
            f"predict {t['predict_s']:.1f}"
        )
    if not {"load_s", "predict_s", "total_s"} <= set(t):
        return "(no timings in the log)"
    write = t["total_s"] - t["load_s"] - t["predict_s"]
    outside = result.wall_s - t["total_s"]
    return (
        f"start+exit {outside:.1f} + select+import+load {t['load_s']:.1f} + "
        f"predict {t['predict_s']:.1f} + merge+write {write:.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=6, help="number of recordings (default 6)")
    parser.add_argument("--minutes", type=float, default=2.0, help="minutes per recording")
    parser.add_argument("--repeats", type=int, default=2, help="runs per variant (fastest counts)")
    parser.add_argument("--sparse", action="store_true", help="also time (a) with sparse outputs")
    args = parser.parse_args()
    python = torch_python()

    with tempfile.TemporaryDirectory(prefix="dipper-bench-inference-") as tmp:
        work = Path(tmp)
        folder, audio_s = build_folder(work, args.files, args.minutes)
        files_list = work / "files.txt"
        files_list.write_text("\n".join(str(p) for p in wav_files(folder)) + "\n")
        print(
            f"{args.files} real recordings × {args.minutes:g} min = {audio_s / 60:.1f} min of "
            f"audio; {args.repeats} run(s) per variant, fastest counts",
            flush=True,
        )
        # warm the page cache for the torch environment so the first timed run is not penalised
        subprocess.run([str(python), "-c", "import bioacoustics_model_zoo"], check=True)

        runs: dict[str, list[RunResult]] = {}
        auto: dict[str, int] = {}
        for repeat in range(args.repeats):
            a = run_dipper_inference(work, folder, f"dense_{repeat}")
            runs.setdefault("a", []).append(a)
            if not auto:
                threads, batch, workers = dipper_choices(a.output)
                auto = {"threads": threads, "batch_size": batch, "num_workers": workers}
            if args.sparse:
                sparse = run_dipper_inference(
                    work, folder, f"sparse_{repeat}", sparse_save_threshold=SPARSE_THRESHOLD
                )
                runs.setdefault("a_sparse", []).append(sparse)
            runs.setdefault("b", []).append(run_bare(python, files_list, **auto))
            fast_options = {"threads": auto["threads"], "batch_size": auto["batch_size"]}
            runs.setdefault("c", []).append(run_bare(python, files_list, fast=True, **fast_options))
            runs.setdefault("d", []).append(run_bare(python, files_list))
            print(f"  repeat {repeat + 1}/{args.repeats} done", flush=True)

    best = {key: min(results, key=lambda r: r.wall_s) for key, results in runs.items()}
    rate = {key: audio_s / r.wall_s for key, r in best.items()}
    labels = {
        "a": "(a) dipper run inference, dense CSV",
        "a_sparse": f"(a') dipper run inference, sparse {SPARSE_THRESHOLD:g}",
        "b": "(b) bare BMZ predict, auto " + ", ".join(f"{k}={v}" for k, v in auto.items()),
        "c": f"(c) bare FastBirdNET, auto threads={auto['threads']}, batch_size="
        f"{auto['batch_size']}",
        "d": "(d) bare predict, BMZ defaults (1 thread, batch 1, 0 workers)",
    }
    header = f"{'wall s':>7} {'audio s/s':>9} {'CPU s':>6} {'peak RSS':>10}  phases (s)"
    print(f"\n{'variant':<68} {header}")
    for key, result in best.items():
        print(
            f"{labels[key]:<68} {result.wall_s:>7.1f} {rate[key]:>9.1f} {result.cpu_s:>6.1f} "
            f"{mib(result.max_rss_bytes):>10}  "
            f"{phases(result, bare=key in ('b', 'c', 'd'))}"
        )
    overhead = rate["c"] / rate["a"] - 1
    print(
        f"\nDipper overhead vs the same model called bare (c/a − 1): {overhead * 100:+.1f} % "
        "(target ≤ 5 %)"
    )
    cpu_overhead = best["a"].cpu_s / best["c"].cpu_s - 1
    print(f"  in CPU time (less sensitive to other load): {cpu_overhead * 100:+.1f} %")
    if "a_sparse" in rate:
        sparse_overhead = rate["c"] / rate["a_sparse"] - 1
        print(f"  with sparse outputs (c/a' − 1): {sparse_overhead * 100:+.1f} %")
    bmz_overhead = rate["b"] / rate["a"] - 1
    print(
        f"Dipper vs bare BMZ predict with the same settings (b/a − 1): {bmz_overhead * 100:+.1f} %"
    )
    for key, what in (("c", "Dipper's auto, bare"), ("a", "Dipper end to end"), ("b", "BMZ auto")):
        ratio = rate[key] / rate["d"]
        predict = best["d"].timings["predict_s"] / best[key].timings.get("predict_s", float("nan"))
        print(
            f"{what} vs BMZ defaults ({key}/d): {ratio:.2f}× end to end, {predict:.2f}× "
            "predict call only (target ≥ 1.3×)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
