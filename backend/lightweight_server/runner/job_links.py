"""Links a finished job leaves for the task pane (today: its Weights & Biases run)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from backend.common.wandb_options import WANDB_RUN_FILE


def job_links(job_dir: Path) -> dict[str, Any]:
    """``{"wandb": {"url", "run_dir", "mode"}}`` when the job logged to W&B, else ``{}``."""
    try:
        info = json.loads((job_dir / WANDB_RUN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(info, dict):
        return {}
    url = info.get("url") if isinstance(info.get("url"), str) else None
    run_dir = info.get("run_dir") if isinstance(info.get("run_dir"), str) else None
    if not url and not run_dir:
        return {}
    return {"wandb": {"url": url, "run_dir": run_dir, "mode": info.get("mode") or "offline"}}
