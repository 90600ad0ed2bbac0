"""Server settings: everything ``create_app`` needs, built by the CLI or by tests."""

from __future__ import annotations

import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path

from backend.common.paths import REPO_ROOT, data_dir


def _default_frontend_dist() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "frontend_dist"
    return REPO_ROOT / "frontend" / "dist"


@dataclass
class ServerSettings:
    """Settings for one lightweight server instance.

    Attributes
    ----------
    data_dir:
        Per-user data folder (task store, demo project).
    token:
        Secret required on every ``/api`` request except health; ``None`` disables the check.
    allowed_roots:
        Folders the file browser, config files and task paths may use.
    code_root:
        Folder that holds the ``backend`` package, put on ``PYTHONPATH`` of job subprocesses.
    poll_interval_s:
        How often the task runner checks processes and logs.
    """

    data_dir: Path = field(default_factory=data_dir)
    token: str | None = field(default_factory=lambda: secrets.token_hex(16))
    allowed_roots: list[Path] = field(default_factory=list)
    frontend_dist: Path = field(default_factory=_default_frontend_dist)
    code_root: Path = REPO_ROOT
    poll_interval_s: float = 0.5
    cancel_grace_s: float = 5.0
    version: str = "0.1.0"

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).expanduser().resolve()
        if not self.allowed_roots:
            self.allowed_roots = [Path.home(), self.data_dir]
        self.allowed_roots = [Path(r).expanduser().resolve() for r in self.allowed_roots]
