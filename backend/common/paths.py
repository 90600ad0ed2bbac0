"""Where Dipper keeps per-user data, torch environments and the demo project."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path


def _code_root() -> Path:
    """The folder holding ``backend/`` and ``envs/``: the checkout, or the PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


REPO_ROOT = _code_root()
TORCH_SPEC = REPO_ROOT / "envs" / "torch-requirements.txt"


def default_data_dir() -> Path:
    """The OS app-data folder for Dipper, ignoring ``DIPPER_HOME``."""
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "Dipper"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Dipper"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "dipper"


def data_dir() -> Path:
    """Per-user data folder: ``DIPPER_HOME`` when set, else the OS app-data folder."""
    override = os.environ.get("DIPPER_HOME")
    return Path(override).expanduser().resolve() if override else default_data_dir()


def envs_dir() -> Path:
    """Folder holding torch environments (shared across ``DIPPER_HOME`` values by default)."""
    override = os.environ.get("DIPPER_ENVS_DIR")
    return Path(override).expanduser().resolve() if override else default_data_dir() / "envs"


def spec_hash(spec_path: Path = TORCH_SPEC) -> str:
    """First 12 hex digits of the SHA-256 of the torch environment spec."""
    return hashlib.sha256(spec_path.read_bytes()).hexdigest()[:12]


def torch_env_dir(spec_path: Path = TORCH_SPEC) -> Path:
    """The environment folder for this spec."""
    return envs_dir() / f"torch-{spec_hash(spec_path)}"


def env_python(env: Path) -> Path:
    """The interpreter inside a venv folder."""
    if sys.platform == "win32":
        return env / "Scripts" / "python.exe"
    return env / "bin" / "python"
