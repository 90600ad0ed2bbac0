"""Optional Weights & Biases logging of an inference run; a failure never fails the job.

With ``wandb`` set in the config, :func:`start_wandb_run` opens a run (``wandb.init`` in the job
folder, the resolved config attached), :meth:`WandbRun.log_progress` logs files done, audio hours
and throughput per chunk, and :meth:`WandbRun.finish` writes the summary and a table of the top
detections per class. Where the run lives is written to ``wandb_run.json`` in the job folder
(``url`` online; ``run_dir``, the local run folder, offline) so the task can link to it.

The API key comes from the ``WANDB_API_KEY`` environment variable (the server sets it from
Settings for this task only; headless, ``wandb login`` works too). Without a key, or when W&B
cannot be reached, the run is logged
offline into ``<job>/wandb/`` (upload it later with ``wandb sync``). Any W&B error is logged as a
warning and logging stops; inference goes on.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from backend.common.job_protocol import write_json_atomic
from backend.common.wandb_options import WANDB_RUN_FILE, WandbOptions
from backend.scripts.job_io import Reporter
from backend.scripts.top_detections import TopDetections

RUN_INFO_FILE = WANDB_RUN_FILE
DEFAULT_BASE_URL = "https://api.wandb.ai"
TABLE_MAX_CLASSES = 200  # classes (highest top score first) in the top-detections table
TOP_PER_CLASS = 3


def wandb_reachable(timeout_s: float = 3.0) -> bool:
    """Whether the W&B server (``WANDB_BASE_URL``, else api.wandb.ai) answers a TCP connect."""
    url = urlparse(os.environ.get("WANDB_BASE_URL") or DEFAULT_BASE_URL)
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        with socket.create_connection((url.hostname or "", port), timeout=timeout_s):
            return True
    except OSError:
        return False


def netrc_has_key() -> bool:
    """Whether ``wandb login`` stored a key for the W&B host in ``~/.netrc`` (headless runs)."""
    import netrc

    host = urlparse(os.environ.get("WANDB_BASE_URL") or DEFAULT_BASE_URL).hostname or ""
    try:
        return netrc.netrc().authenticators(host) is not None
    except (OSError, netrc.NetrcParseError):
        return False


def choose_mode(reporter: Reporter) -> str:
    """``"online"``, or ``"offline"`` when asked (``WANDB_MODE``), without a key or unreachable."""
    asked = os.environ.get("WANDB_MODE", "").lower()
    if asked in ("offline", "dryrun"):
        return "offline"
    if not os.environ.get("WANDB_API_KEY") and not netrc_has_key():
        reporter.log(
            "Warning: W&B: not logged in (Settings → Weights & Biases), so the run is logged "
            "offline into the job folder's wandb/ folder; upload it later with `wandb sync`."
        )
        return "offline"
    if not wandb_reachable():
        reporter.log(
            "Warning: W&B: the server cannot be reached (offline?), so the run is logged "
            "offline into the job folder's wandb/ folder; upload it later with `wandb sync`."
        )
        return "offline"
    return "online"


class WandbRun:
    """A W&B run that turns itself off (with one warning) at the first error.

    ``WandbRun(None, …)`` is the disabled run: every method does nothing.
    """

    def __init__(self, run: Any, job_dir: Path, reporter: Reporter) -> None:
        self._run = run
        self._job_dir = job_dir
        self._reporter = reporter

    @property
    def active(self) -> bool:
        """Whether the run is still logging."""
        return self._run is not None

    def log_progress(self, files_done: int, files_total: int, audio_s: float, elapsed_s: float):
        """Log progress: files done, fraction, hours of audio, throughput (× real time)."""
        self._call(
            lambda run: run.log(
                {
                    "files_done": files_done,
                    "fraction_done": files_done / max(files_total, 1),
                    "audio_hours": audio_s / 3600,
                    "throughput_x_realtime": audio_s / max(elapsed_s, 1e-9),
                }
            )
        )

    def finish(self, summary: dict[str, Any], frames: Iterable[Any] | None = None) -> None:
        """Write ``summary`` and the top-detections table (from the score ``frames``), then end."""

        def end(run: Any) -> None:
            import wandb

            run.summary.update(summary)
            if frames is not None:
                top = TopDetections(TOP_PER_CLASS)
                for frame in frames:
                    top.add(frame)
                rows = top.rows(max_classes=TABLE_MAX_CLASSES)
                if rows:
                    columns = ["class", "rank", "score", "file", "start_time", "end_time"]
                    run.log({"top_detections": wandb.Table(columns=columns, data=rows)})
            run.finish()

        self._call(end)
        self._run = None

    def _call(self, action: Any) -> None:
        if self._run is None:
            return
        try:
            action(self._run)
        except Exception as exc:  # W&B must never fail the inference
            self._reporter.log(
                f"Warning: W&B logging stopped ({type(exc).__name__}: {exc}); the inference "
                "goes on."
            )
            self._run = None


def start_wandb_run(
    options: WandbOptions | None, config: dict[str, Any], job_dir: Path, reporter: Reporter
) -> WandbRun:
    """Open the run described by ``options`` (disabled run when ``None`` or when W&B fails).

    Parameters
    ----------
    options
        Project, entity, run name and notes from the config.
    config
        The resolved job config, attached to the run.
    job_dir
        The job folder; the run's local files go into ``job_dir/wandb/``.
    reporter
        Receives the log lines (and warnings).

    Returns
    -------
    WandbRun
        The run wrapper (inactive when logging is off or could not start).
    """
    if options is None:
        return WandbRun(None, job_dir, reporter)
    try:
        mode = choose_mode(reporter)
        import wandb

        run = wandb.init(
            project=options.project,
            entity=options.entity,
            name=options.run_name,
            notes=options.notes,
            config=config,
            dir=str(job_dir),
            mode=mode,  # type: ignore[arg-type]
            job_type="inference",
            settings=wandb.Settings(console="off", init_timeout=60, silent=True),
        )
        info = write_run_info(job_dir, run)
    except Exception as exc:  # a bad key, a timeout…: warn and go on without W&B
        reporter.log(
            f"Warning: W&B logging could not start ({type(exc).__name__}: {exc}); the inference "
            "goes on without it."
        )
        return WandbRun(None, job_dir, reporter)
    where = info.get("url") or info.get("run_dir")
    reporter.log(f"W&B: logging run '{run.name}' ({info['mode']}) to {where}")
    return WandbRun(run, job_dir, reporter)


def write_run_info(job_dir: Path, run: Any) -> dict[str, Any]:
    """Write ``wandb_run.json`` (``url``, ``run_dir``, ``mode``, ``project``, ``name``, ``id``)."""
    offline = bool(getattr(run, "offline", False)) or getattr(run, "url", None) is None
    run_dir = Path(run.dir).parent if getattr(run, "dir", None) else None
    info = {
        "url": None if offline else run.url,
        "run_dir": str(run_dir) if run_dir else None,
        "mode": "offline" if offline else "online",
        "project": getattr(run, "project", None),
        "name": getattr(run, "name", None),
        "id": getattr(run, "id", None),
    }
    write_json_atomic(job_dir / RUN_INFO_FILE, info)
    return info


def read_run_info(job_dir: Path) -> dict[str, Any] | None:
    """``wandb_run.json`` of a job folder, or ``None``."""
    try:
        data = json.loads((job_dir / RUN_INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
