"""Which command runs each task kind (the scripts are never imported, only started)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

CommandBuilder = Callable[[Path], list[str]]


def _torch_script(module: str) -> CommandBuilder:
    def build(config_path: Path) -> list[str]:
        from backend.lightweight_server.environment.status import torch_python

        return [str(torch_python()), "-m", module, "--config", str(config_path)]

    return build


def _light_module(module: str) -> CommandBuilder:
    def build(config_path: Path) -> list[str]:
        return [sys.executable, "-m", module, "--config", str(config_path)]

    return build


def default_commands() -> dict[str, CommandBuilder]:
    """Task kind → command builder. Builders raise ``EnvironmentMissing`` when they cannot run."""
    return {
        "inference": _torch_script("backend.scripts.inference"),
        "install_env": _light_module("backend.lightweight_server.environment.install"),
        "download_models": _torch_script("backend.scripts.download_models"),
        "extraction": _torch_script("backend.scripts.extraction"),
        "training": _torch_script("backend.scripts.training"),
    }
