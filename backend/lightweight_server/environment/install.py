"""Build the PyTorch environment: a venv made from the pinned pip spec, with progress.

The venv is built in ``<target>.partial`` and renamed to ``<target>`` only once pip has finished,
the heavy modules import, and the marker file is written, so a half-built environment is never
mistaken for a ready one. Runs in the light environment (never imports torch):

- as a task: ``python -m backend.lightweight_server.environment.install --config cfg.json``
  (an ``InstallEnvConfig``), with the same progress lines and exit record as the scripts;
- from the CLI: :func:`ensure_environment` (``dipper env install``).
"""

from __future__ import annotations

import math
import os
import platform
import queue
import secrets
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

import psutil

from backend.common.configs import DEFAULT_CHECK_IMPORTS, InstallEnvConfig
from backend.common.job_protocol import Reporter, run_job, utc_now_iso, write_json_atomic
from backend.common.paths import TORCH_SPEC, env_python, spec_hash, torch_env_dir
from backend.lightweight_server.environment.pip_progress import PipProgress
from backend.lightweight_server.environment.status import (
    ENV_SIZE_TEXT,
    INSTALL_LOCK_FILE,
    MARKER_FILE,
    TORCH_PYTHON_ENV,
    environment_status,
    install_in_progress,
    partial_dir,
)
from backend.lightweight_server.errors import DipperError, EnvironmentMissing

ProgressFn = Callable[[float, str], None]
LogFn = Callable[[str], None]

FROZEN_MESSAGE = (
    "This packaged build of Dipper installs the PyTorch environment from a packed release "
    "archive, which is not available yet. Install Dipper from source and run "
    f"`dipper env install`, or set {TORCH_PYTHON_ENV} to the Python of an existing environment."
)


class EnvironmentInstallFailed(DipperError):
    """The environment could not be built; the message says why."""

    status = 500


def install_environment(
    spec_path: Path,
    target_dir: Path,
    report: ProgressFn,
    log: LogFn | None = print,
    check_imports: Sequence[str] = DEFAULT_CHECK_IMPORTS,
) -> Path:
    """Create the venv ``target_dir`` from the pip requirements file ``spec_path``.

    Parameters
    ----------
    spec_path
        A pip requirements file (``envs/torch-requirements.txt``).
    target_dir
        The environment folder to create (replaced when it exists without being ready).
    report
        ``report(fraction, message)`` for progress, e.g. ``"Downloading torch (1.2/3.0 GB)"``.
    log
        Receives pip's output lines (``None``: dropped).
    check_imports
        Modules imported once in the new environment before it is marked ready (this also
        compiles their bytecode, so the first job starts faster).

    Returns
    -------
    Path
        The new environment's Python interpreter.
    """
    if getattr(sys, "frozen", False):
        raise EnvironmentInstallFailed(FROZEN_MESSAGE)
    if not spec_path.is_file():
        raise EnvironmentInstallFailed(f"The environment spec {spec_path} does not exist.")
    partial = partial_dir(target_dir)
    if install_in_progress(partial):
        raise EnvironmentInstallFailed(
            f"The PyTorch environment is already being installed into {target_dir}."
        )
    emit = log or (lambda line: None)
    if partial.exists():
        emit(f"Removing the unfinished install {partial}")
        shutil.rmtree(partial)
    target_dir.parent.mkdir(parents=True, exist_ok=True)
    try:
        report(0.0, "Creating the environment folder")
        _run([sys.executable, "-m", "venv", "--prompt", target_dir.name, str(partial)], emit)
        _write_lock(partial)
        python = env_python(partial)
        report(0.02, "Updating pip")
        _run([str(python), "-m", "pip", "install", "--progress-bar", "off", "-U", "pip"], emit)
        report(0.03, f"Downloading packages ({ENV_SIZE_TEXT})")
        _pip_install(python, spec_path, report, emit)
        if check_imports:
            _check_imports(python, check_imports, report, emit)
        write_marker(partial, spec_hash(spec_path))
        (partial / INSTALL_LOCK_FILE).unlink(missing_ok=True)
        _move_into_place(partial, target_dir)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    report(1.0, "PyTorch environment installed")
    return env_python(target_dir)


def ensure_environment(report: LogFn = print, spec_path: Path = TORCH_SPEC) -> Path:
    """The torch environment's Python, installing the environment first when it is missing.

    An environment built from the same spec (same hash) is reused. Raises ``EnvironmentMissing``
    when ``DIPPER_TORCH_PYTHON`` points nowhere or another install is running, and
    ``EnvironmentInstallFailed`` when the install fails.
    """
    status = environment_status(spec_path)
    if status.status == "ready" and status.python:
        return Path(status.python)
    if os.environ.get(TORCH_PYTHON_ENV) or status.status == "installing":
        raise EnvironmentMissing(status.message)
    target = torch_env_dir(spec_path)
    report(f"Installing the PyTorch environment into {target} ({ENV_SIZE_TEXT}).")
    reporter = Reporter(emit=report, machine_lines=False, min_interval_s=2.0)
    return install_environment(spec_path, target, reporter.progress, log=None)


def write_marker(env_dir: Path, digest: str) -> None:
    """Mark ``env_dir`` as a complete environment built from the spec with hash ``digest``."""
    python = env_python(env_dir)
    result = subprocess.run(
        [str(python), "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=False,
    )
    version = result.stdout.strip() or platform.python_version()
    write_json_atomic(
        env_dir / MARKER_FILE,
        {"spec_hash": digest, "created_at": utc_now_iso(), "python_version": version},
    )


def fix_moved_paths(env_dir: Path, old_dir: Path) -> None:
    """Rewrite ``old_dir`` to ``env_dir`` in the venv's scripts (their ``#!`` lines) and config."""
    old, new = str(old_dir).encode(), str(env_dir).encode()
    bin_dir = env_python(env_dir).parent
    candidates = [env_dir / "pyvenv.cfg"]
    if bin_dir.is_dir():
        candidates += [p for p in bin_dir.iterdir() if p.is_file() and not p.is_symlink()]
    for path in candidates:
        try:
            if path.stat().st_size > 1_000_000:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        if old in data and b"\0" not in data:
            path.write_bytes(data.replace(old, new))


def _move_into_place(partial: Path, target_dir: Path) -> None:
    old = None
    if target_dir.exists():  # an incomplete environment: set it aside, remove it afterwards
        old = target_dir.with_name(f"{target_dir.name}.old-{secrets.token_hex(3)}")
        os.rename(target_dir, old)
    os.rename(partial, target_dir)
    fix_moved_paths(target_dir, partial)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _write_lock(partial: Path) -> None:
    me = psutil.Process()
    write_json_atomic(partial / INSTALL_LOCK_FILE, {"pid": me.pid, "create_time": me.create_time()})


def _child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONUNBUFFERED"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PIP_NO_INPUT"] = "1"
    return env


def _run(command: list[str], log: LogFn) -> None:
    """Run a command, sending its output to ``log``; raise with its last lines when it fails."""
    _stream(command, log)


def _pip_install(python: Path, spec_path: Path, report: ProgressFn, log: LogFn) -> None:
    """``pip install -r spec`` with progress: 0.03 → 0.72 of the whole install."""
    env_dir = python.parent.parent
    candidates = [
        *sorted(env_dir.glob("lib/python*/site-packages")),
        env_dir / "Lib" / "site-packages",
    ]
    site_packages = next((c for c in candidates if c.is_dir()), None)
    parser = PipProgress(start=0.03, end=0.72, site_packages=site_packages)

    def on_line(line: str) -> bool:
        update = parser.feed(line)
        if update is not None:
            report(*update)
        return not parser.is_noise(line)

    def on_tick() -> None:
        update = parser.poll()
        if update is not None:
            report(*update)

    command = [str(python), "-m", "pip", "install", "--progress-bar", "raw", "-r", str(spec_path)]
    _stream(command, log, on_line=on_line, on_tick=on_tick)


def _check_imports(python: Path, modules: Sequence[str], report: ProgressFn, log: LogFn) -> None:
    """Import the heavy modules once (0.72 → 0.98): proves the environment works and compiles
    their bytecode, so the first job does not pay for it."""
    started = time.monotonic()
    message = "Checking the environment (the first import takes about a minute)"
    report(0.72, message)

    def on_tick() -> None:
        elapsed = time.monotonic() - started
        report(0.72 + 0.26 * (1.0 - math.exp(-elapsed / 40.0)), f"{message}: {elapsed:.0f} s")

    _stream([str(python), "-c", "import " + ", ".join(modules)], log, on_tick=on_tick)


def _stream(
    command: list[str],
    log: LogFn,
    on_line: Callable[[str], bool] | None = None,
    on_tick: Callable[[], None] | None = None,
) -> None:
    """Run ``command``; pass each output line to ``on_line`` (log it when that returns True) and
    call ``on_tick`` about once a second. Raise ``EnvironmentInstallFailed`` when it fails."""
    tail: list[str] = []
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        bufsize=1,
        env=_child_env(),
    )
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True).start()
    try:
        while (raw := _next_line(lines, on_tick)) is not None:
            line = raw.rstrip()
            if on_line is None or on_line(line):
                log(line)
                tail = (tail + [line])[-8:]
        code = process.wait()
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    if code != 0:
        errors = [t for t in tail if t.startswith("ERROR")] or tail[-3:]
        raise EnvironmentInstallFailed(
            f"`{' '.join(command[:4])} …` failed (exit {code}): " + " ".join(errors).strip()
        )


def _pump(stream: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def _next_line(lines: queue.Queue[str | None], on_tick: Callable[[], None] | None) -> str | None:
    while True:
        try:
            return lines.get(timeout=1.0)
        except queue.Empty:
            if on_tick is not None:
                on_tick()


def _install_job(config: InstallEnvConfig, reporter: Reporter) -> Path:
    python = install_environment(
        Path(config.spec_path),
        Path(config.target_dir),
        reporter.progress,
        log=reporter.log,
        check_imports=config.check_imports,
    )
    reporter.log(f"PyTorch environment ready: {python}")
    return python


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m backend.lightweight_server.environment.install --config cfg.json``."""
    return run_job(
        argv,
        InstallEnvConfig,
        _install_job,
        prog="python -m backend.lightweight_server.environment.install",
    )


if __name__ == "__main__":
    raise SystemExit(main())
