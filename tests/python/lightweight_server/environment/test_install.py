"""Installing an environment for real (a tiny spec, so it takes seconds, not minutes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from backend.common.job_protocol import PROGRESS_PREFIX, parse_progress_line, read_exit_record
from backend.common.paths import env_python, spec_hash, torch_env_dir
from backend.lightweight_server.environment import install
from backend.lightweight_server.environment.install import (
    EnvironmentInstallFailed,
    ensure_environment,
    fix_moved_paths,
    install_environment,
)
from backend.lightweight_server.environment.status import (
    MARKER_FILE,
    environment_status,
    partial_dir,
)

REPO_ROOT = Path(__file__).resolve().parents[4]


@pytest.fixture
def tiny_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("DIPPER_TORCH_PYTHON", raising=False)
    monkeypatch.setenv("DIPPER_ENVS_DIR", str(tmp_path / "envs"))
    spec = tmp_path / "tiny-requirements.txt"
    spec.write_text("six==1.17.0\n", encoding="utf-8")
    return spec


@pytest.mark.slow
def test_install_task_builds_a_ready_env_and_ensure_reuses_it(
    tiny_spec: Path, tmp_path: Path
) -> None:
    target = torch_env_dir(tiny_spec)
    job_dir = tmp_path / "job"
    config = {
        "spec_path": str(tiny_spec),
        "target_dir": str(target),
        "check_imports": ["six"],
        "job_dir": str(job_dir),
    }
    config_path = tmp_path / "cfg.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "backend.lightweight_server.environment.install",
            "--config",
            str(config_path),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    record = read_exit_record(job_dir)
    assert record is not None and record["status"] == "completed"
    progress = [
        parse_progress_line(line)
        for line in result.stdout.splitlines()
        if line.startswith(PROGRESS_PREFIX)
    ]
    fractions = [p[0] for p in progress if p is not None]
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert any(m.startswith("Collecting six") for _, m in progress if m)
    python = env_python(target)
    assert subprocess.run([str(python), "-c", "import six"], check=False).returncode == 0
    marker = json.loads((target / MARKER_FILE).read_text(encoding="utf-8"))
    assert marker["spec_hash"] == spec_hash(tiny_spec)
    assert marker["python_version"] == ".".join(map(str, sys.version_info[:3]))
    assert not partial_dir(target).exists()
    if sys.platform != "win32":  # scripts point at the final folder, not the .partial one
        assert (target / "bin" / "pip").read_text().splitlines()[0] == f"#!{python}"
    assert environment_status(tiny_spec).status == "ready"

    messages: list[str] = []
    assert ensure_environment(report=messages.append, spec_path=tiny_spec) == python
    assert messages == []  # reused, nothing installed


@pytest.mark.slow
def test_failed_install_leaves_nothing_and_says_why(tiny_spec: Path) -> None:
    tiny_spec.write_text("dipper-no-such-package-for-tests==1.0\n", encoding="utf-8")
    target = torch_env_dir(tiny_spec)
    updates: list[tuple[float, str]] = []

    with pytest.raises(EnvironmentInstallFailed, match="dipper-no-such-package-for-tests"):
        install_environment(
            tiny_spec, target, lambda f, m: updates.append((f, m)), log=None, check_imports=()
        )

    assert not target.exists()
    assert not partial_dir(target).exists()
    assert updates[0] == (0.0, "Creating the environment folder")
    assert environment_status(tiny_spec).status == "missing"


def test_frozen_build_explains_that_the_packed_environment_is_not_available(
    tiny_spec: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)

    with pytest.raises(EnvironmentInstallFailed, match="packed release archive"):
        install_environment(tiny_spec, torch_env_dir(tiny_spec), lambda f, m: None)
    assert not partial_dir(torch_env_dir(tiny_spec)).exists()


def test_ensure_environment_does_not_install_when_the_env_var_points_nowhere(
    tiny_spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPPER_TORCH_PYTHON", str(tmp_path / "missing" / "python"))
    monkeypatch.setattr(install, "install_environment", pytest.fail)

    with pytest.raises(Exception, match="DIPPER_TORCH_PYTHON"):
        ensure_environment(report=lambda m: None, spec_path=tiny_spec)


def test_fix_moved_paths_rewrites_script_headers(tmp_path: Path) -> None:
    old, new = tmp_path / "env.partial", tmp_path / "env"
    script = env_python(new).parent / "pip"
    script.parent.mkdir(parents=True)
    script.write_text(f"#!{env_python(old)}\nimport pip\n", encoding="utf-8")
    (new / "pyvenv.cfg").write_text(f"command = python -m venv {old}\n", encoding="utf-8")

    fix_moved_paths(new, old)

    assert script.read_text(encoding="utf-8").splitlines()[0] == f"#!{env_python(new)}"
    assert str(old) not in (new / "pyvenv.cfg").read_text(encoding="utf-8")
