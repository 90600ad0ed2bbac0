"""``dipper run <kind> --config PATH``: run a job headless in the torch environment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from backend.common.paths import REPO_ROOT
from backend.lightweight_server.environment.status import torch_python
from backend.lightweight_server.errors import EnvironmentMissing
from backend.lightweight_server.runner.process import job_environment

SCRIPT_MODULES = {
    "inference": "backend.scripts.inference",
    "extraction": "backend.scripts.extraction",
    "training": "backend.scripts.training",
    "train": "backend.scripts.training",  # alias: `dipper run train --config cfg.json`
}


def run_headless(kind: str, config: Path) -> int:
    """Run the script for ``kind`` with the config, streaming its output; return its exit code."""
    module = SCRIPT_MODULES.get(kind)
    if module is None:
        print(f"Unknown job kind '{kind}'. Known: {', '.join(SCRIPT_MODULES)}.", file=sys.stderr)
        return 2
    if not config.is_file():
        print(f"No config file at '{config}'.", file=sys.stderr)
        return 2
    try:
        python = torch_python()
    except EnvironmentMissing as exc:
        print(exc.message, file=sys.stderr)
        return 3
    command = [str(python), "-m", module, "--config", str(config.resolve())]
    return subprocess.call(command, cwd=str(REPO_ROOT), env=job_environment(REPO_ROOT))
