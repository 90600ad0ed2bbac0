"""Pre-download model weights while online, so the models also run offline later.

``python -m backend.scripts.download_models --config cfg.json`` (a
:class:`~backend.common.download_config.DownloadModelsConfig`). Each chosen model is loaded once
with :func:`backend.scripts.inference_model.load_model`, which downloads and caches its weights
(the model zoo's own cache); offline, a model whose weights are not cached fails at once with the
"needs to download its weights, and this computer is offline" message. Every model is tried; the
job folder gets ``download_report.json`` (``{"models": [{"name", "ok", "message"}]}``) and the job
fails, naming the failed models, unless all succeeded.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from backend.common.download_config import DownloadModelsConfig
from backend.common.job_protocol import write_json_atomic
from backend.scripts.inference_model import load_model
from backend.scripts.job_io import Reporter, run_script

REPORT_FILE = "download_report.json"


def download_models(config: DownloadModelsConfig, reporter: Reporter) -> list[dict[str, Any]]:
    """Load every model of ``config.models`` once; report which ones are now available.

    Parameters
    ----------
    config
        The models to fetch; ``job_dir`` receives ``download_report.json``.
    reporter
        Receives progress per model and a log line for each result.

    Returns
    -------
    list[dict]
        ``{"name", "ok", "message", "seconds"}`` per model, in config order.

    Raises
    ------
    RuntimeError
        When at least one model could not be fetched (the message names them and why).
    """
    results: list[dict[str, Any]] = []
    total = len(config.models)
    for number, name in enumerate(config.models, start=1):
        reporter.progress((number - 1) / total, f"Model {number}/{total}: {name}")
        started = time.monotonic()
        try:
            load_model(name, reporter)
        except Exception as exc:  # each model on its own: one failure does not stop the rest
            message = str(exc) or type(exc).__name__
            reporter.log(f"{name}: failed — {message}")
            results.append(_result(name, False, message, started))
        else:
            reporter.log(f"{name}: ready (weights cached, works offline)")
            results.append(_result(name, True, "ready", started))
        if config.job_dir:
            write_json_atomic(Path(config.job_dir) / REPORT_FILE, {"models": results})
    ok = [r["name"] for r in results if r["ok"]]
    failed = [r for r in results if not r["ok"]]
    reporter.progress(1.0, f"{len(ok)}/{total} models ready")
    if failed:
        reasons = " ".join(f"{r['name']}: {r['message']}" for r in failed)
        done = f" Ready: {', '.join(ok)}." if ok else ""
        raise RuntimeError(
            f"{len(failed)} of {total} models could not be downloaded.{done} {reasons}"
        )
    return results


def _result(name: str, ok: bool, message: str, started: float) -> dict[str, Any]:
    return {
        "name": name,
        "ok": ok,
        "message": message,
        "seconds": round(time.monotonic() - started, 2),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m backend.scripts.download_models --config cfg.json``."""
    return run_script(argv, DownloadModelsConfig, download_models)


if __name__ == "__main__":
    raise SystemExit(main())
