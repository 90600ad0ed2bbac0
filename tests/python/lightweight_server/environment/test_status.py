"""Where the torch environment is and what the user is told about it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from backend.common.paths import env_python, spec_hash, torch_env_dir
from backend.lightweight_server.environment.status import (
    INSTALL_LOCK_FILE,
    MARKER_FILE,
    MISSING_MESSAGE,
    environment_status,
    partial_dir,
    torch_python,
)
from backend.lightweight_server.errors import EnvironmentMissing


@pytest.fixture
def spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A spec file, environments under tmp_path, and no DIPPER_TORCH_PYTHON."""
    monkeypatch.delenv("DIPPER_TORCH_PYTHON", raising=False)
    monkeypatch.setenv("DIPPER_ENVS_DIR", str(tmp_path / "envs"))
    path = tmp_path / "torch-requirements.txt"
    path.write_text("torch==2.11.0\n", encoding="utf-8")
    return path


def make_env(env_dir: Path, marker: bool) -> Path:
    python = env_python(env_dir)
    python.parent.mkdir(parents=True)
    python.write_text("", encoding="utf-8")
    if marker:
        (env_dir / MARKER_FILE).write_text(json.dumps({"spec_hash": "x"}), encoding="utf-8")
    return python


def test_missing_tells_how_to_install(spec: Path, tmp_path: Path) -> None:
    status = environment_status(spec)

    assert status.status == "missing"
    assert status.python is None
    assert status.spec_hash == spec_hash(spec)
    assert status.path == str(tmp_path / "envs" / f"torch-{spec_hash(spec)}")
    assert status.message == MISSING_MESSAGE
    assert "not installed yet" in status.message
    assert "Settings → Environment" in status.message
    assert "about 6 GB, downloaded once and kept for later use" in status.message
    assert "dipper env install" in status.message


def test_ready_needs_python_and_marker(spec: Path) -> None:
    python = make_env(torch_env_dir(spec), marker=True)

    status = environment_status(spec)

    assert status.status == "ready"
    assert status.python == str(python)
    assert torch_python(spec) == python


def test_python_without_marker_is_broken(spec: Path) -> None:
    env_dir = torch_env_dir(spec)
    make_env(env_dir, marker=False)

    status = environment_status(spec)

    assert status.status == "broken"
    assert status.python is None
    assert "incomplete" in status.message
    assert str(env_dir) in status.message
    with pytest.raises(EnvironmentMissing, match="incomplete"):
        torch_python(spec)


def test_partial_with_live_installer_is_installing(spec: Path) -> None:
    partial = partial_dir(torch_env_dir(spec))
    partial.mkdir(parents=True)
    me = psutil.Process()
    lock = {"pid": me.pid, "create_time": me.create_time()}
    (partial / INSTALL_LOCK_FILE).write_text(json.dumps(lock), encoding="utf-8")

    status = environment_status(spec)

    assert status.status == "installing"
    assert "being installed" in status.message


def test_partial_left_by_a_dead_installer_counts_as_missing(spec: Path) -> None:
    partial = partial_dir(torch_env_dir(spec))
    partial.mkdir(parents=True)
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    lock = {"pid": int(finished.stdout), "create_time": 1.0}
    (partial / INSTALL_LOCK_FILE).write_text(json.dumps(lock), encoding="utf-8")

    status = environment_status(spec)

    assert status.status == "missing"
    assert "interrupted" in status.message


def test_missing_raises_environment_missing_with_the_message(spec: Path) -> None:
    with pytest.raises(EnvironmentMissing) as caught:
        torch_python(spec)
    assert caught.value.message == MISSING_MESSAGE
    assert caught.value.status == 409


def test_env_var_pointing_at_a_python_is_ready(
    spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = tmp_path / "elsewhere" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("", encoding="utf-8")
    monkeypatch.setenv("DIPPER_TORCH_PYTHON", str(python))

    status = environment_status(spec)

    assert status.status == "ready"
    assert status.python == str(python)
    assert "DIPPER_TORCH_PYTHON" in status.message
    assert torch_python(spec) == python


def test_env_var_pointing_nowhere_is_broken_even_if_an_env_is_installed(
    spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_env(torch_env_dir(spec), marker=True)
    missing = tmp_path / "nope" / "python"
    monkeypatch.setenv("DIPPER_TORCH_PYTHON", str(missing))

    status = environment_status(spec)

    assert status.status == "broken"
    assert status.python is None
    assert str(missing) in status.message
    assert "DIPPER_TORCH_PYTHON" in status.message
    with pytest.raises(EnvironmentMissing, match="does not exist"):
        torch_python(spec)


def test_missing_spec_file_is_broken(spec: Path, tmp_path: Path) -> None:
    status = environment_status(tmp_path / "no-such-spec.txt")

    assert status.status == "broken"
    assert "no-such-spec.txt" in status.message
