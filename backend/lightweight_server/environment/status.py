"""Is the PyTorch environment ready? Where is its interpreter?

Resolution order:

1. ``DIPPER_TORCH_PYTHON`` names an interpreter to use as is (ready when it exists, else broken).
2. ``backend.common.paths.torch_env_dir()``: a venv named by the hash of the spec. It is *ready*
   when its interpreter and the marker file ``dipper-env.json`` (written as the last step of an
   install) both exist; *installing* while ``<dir>.partial`` is being built by a live process;
   *broken* when the folder exists without the marker; else *missing*.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

import psutil
from pydantic import BaseModel

from backend.common.paths import TORCH_SPEC, env_python, spec_hash, torch_env_dir
from backend.lightweight_server.errors import EnvironmentMissing

TORCH_PYTHON_ENV = "DIPPER_TORCH_PYTHON"
MARKER_FILE = "dipper-env.json"
INSTALL_LOCK_FILE = "dipper-install.json"  # inside ``<dir>.partial`` while an install runs
ENV_SIZE_TEXT = "about 6 GB, downloaded once and kept for later use"
INSTALL_HINT = (
    "Open Settings → Environment and click Install "
    f"({ENV_SIZE_TEXT}), or run `.venv/bin/dipper env install`."
)
MISSING_MESSAGE = f"The PyTorch environment is not installed yet. {INSTALL_HINT}"

EnvState = Literal["ready", "missing", "installing", "broken"]


class EnvironmentStatus(BaseModel):
    """What the Settings page and ``dipper env status`` show."""

    status: EnvState
    python: str | None
    spec_hash: str
    path: str
    message: str


def partial_dir(target_dir: Path) -> Path:
    """The folder an install builds in before it is renamed to ``target_dir``."""
    return target_dir.with_name(target_dir.name + ".partial")


def read_marker(env_dir: Path) -> dict[str, Any] | None:
    """The marker written at the end of an install, or ``None`` when absent or unreadable."""
    try:
        data = json.loads((env_dir / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def install_in_progress(partial: Path) -> bool:
    """True when ``partial`` is being built by a process that is still alive."""
    try:
        lock = json.loads((partial / INSTALL_LOCK_FILE).read_text(encoding="utf-8"))
        process = psutil.Process(int(lock["pid"]))
        return abs(process.create_time() - float(lock["create_time"])) < 1.0
    except (OSError, ValueError, KeyError, TypeError, psutil.Error):
        return False


def environment_status(spec_path: Path = TORCH_SPEC) -> EnvironmentStatus:
    """Where the torch environment is and whether jobs can run in it, in plain words."""
    try:
        digest = spec_hash(spec_path)
    except OSError:
        digest = ""
    override = os.environ.get(TORCH_PYTHON_ENV)
    if override:
        python = Path(override).expanduser()
        env_root = str(python.parent.parent)
        if python.is_file():
            return EnvironmentStatus(
                status="ready",
                python=str(python),
                spec_hash=digest,
                path=env_root,
                message=f"Using the Python interpreter {python} (set by {TORCH_PYTHON_ENV}).",
            )
        return EnvironmentStatus(
            status="broken",
            python=None,
            spec_hash=digest,
            path=env_root,
            message=(
                f"{TORCH_PYTHON_ENV} points to {python}, which does not exist. Correct or unset "
                "that environment variable."
            ),
        )
    if not digest:
        return EnvironmentStatus(
            status="broken",
            python=None,
            spec_hash="",
            path="",
            message=(
                f"The environment spec {spec_path} is missing from this Dipper installation; "
                "reinstall Dipper."
            ),
        )
    return _status_of_dir(torch_env_dir(spec_path), digest)


def _status_of_dir(env_dir: Path, digest: str) -> EnvironmentStatus:
    python = env_python(env_dir)

    def status(state: EnvState, message: str, ready: bool = False) -> EnvironmentStatus:
        return EnvironmentStatus(
            status=state,
            python=str(python) if ready else None,
            spec_hash=digest,
            path=str(env_dir),
            message=message,
        )

    marker = read_marker(env_dir)
    if python.exists() and marker is not None:
        return status("ready", f"The PyTorch environment is installed in {env_dir}.", ready=True)
    partial = partial_dir(env_dir)
    if install_in_progress(partial):
        return status(
            "installing",
            f"The PyTorch environment is being installed into {env_dir} ({ENV_SIZE_TEXT}). "
            "This takes several minutes.",
        )
    if env_dir.exists():
        return status(
            "broken",
            f"The PyTorch environment in {env_dir} is incomplete (its install did not finish). "
            f"Reinstall it: {INSTALL_HINT}",
        )
    if partial.exists():
        return status("missing", f"A previous install was interrupted. {INSTALL_HINT}")
    return status("missing", MISSING_MESSAGE)


def torch_python(spec_path: Path = TORCH_SPEC) -> Path:
    """The interpreter of a ready torch environment.

    Raises
    ------
    EnvironmentMissing
        When the environment is not ready; the message says what to do.
    """
    status = environment_status(spec_path)
    if status.status != "ready" or status.python is None:
        raise EnvironmentMissing(
            status.message, details={"status": status.status, "path": status.path}
        )
    return Path(status.python)
