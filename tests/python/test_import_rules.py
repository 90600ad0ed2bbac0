"""The import linter is wired into CI and really fails when the light server imports torch."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).parent / "lint-imports"


def run_lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINT)], cwd=root, env=env, capture_output=True, text=True)


def test_current_tree_keeps_every_contract() -> None:
    result = run_lint(REPO_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_server_importing_torch_breaks_the_build(tmp_path: Path) -> None:
    shutil.copytree(
        REPO_ROOT / "backend", tmp_path / "backend", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "backend" / "lightweight_server" / "sneaky.py").write_text("import torch\n")
    (tmp_path / "backend" / "scripts" / "sneaky.py").write_text(
        "from backend.lightweight_server import app\n"
    )
    result = run_lint(tmp_path)
    assert result.returncode != 0
    assert "backend.lightweight_server.sneaky -> torch" in result.stdout
    assert "backend.scripts.sneaky -> backend.lightweight_server.app" in result.stdout
