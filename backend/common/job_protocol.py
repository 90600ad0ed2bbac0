"""The job-folder protocol between the task runner and the scripts (see ARCHITECTURE.md).

Kept in ``backend.common`` so both sides read and write exactly the same names and line formats. The
second half is the script side of the protocol: :func:`run_job` (config parsing, job folder, exit
record, cancel) and :class:`Reporter` (progress lines), used by every job entry point.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import secrets
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO, TypeVar

from pydantic import BaseModel, ValidationError

ModelT = TypeVar("ModelT", bound=BaseModel)

CONFIG_FILE = "config.json"
LOG_FILE = "log.txt"
EXIT_FILE = "exit.json"
PROGRESS_PREFIX = "DIPPER_PROGRESS "
_TQDM_PERCENT = re.compile(r"(\d{1,3})%\|")


def utc_now_iso() -> str:
    """Current UTC time as an ISO-8601 string with a ``Z``-free ``+00:00`` offset."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def write_json_atomic(path: Path, data: Any, *, allow_nan: bool = True) -> None:
    """Write JSON to ``path`` through a temp file in the same folder and ``os.replace``.

    ``allow_nan=False`` refuses NaN/Infinity (strict JSON, as browsers parse it).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, allow_nan=allow_nan)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def format_progress_line(fraction: float, message: str) -> str:
    """One structured progress line, as printed by scripts."""
    payload = {"fraction": max(0.0, min(1.0, float(fraction))), "message": message}
    return PROGRESS_PREFIX + json.dumps(payload)


def parse_progress_line(line: str) -> tuple[float | None, str] | None:
    """Parse a structured progress line or a tqdm-style bar; ``None`` when it is neither."""
    line = line.strip()
    if line.startswith(PROGRESS_PREFIX):
        try:
            payload = json.loads(line[len(PROGRESS_PREFIX) :])
            fraction = payload.get("fraction")
            return (None if fraction is None else float(fraction), str(payload.get("message", "")))
        except (ValueError, TypeError, AttributeError):
            return None
    matches = _TQDM_PERCENT.findall(line)
    if matches:
        return (min(100, int(matches[-1])) / 100.0, "")
    return None


def read_exit_record(job_dir: Path) -> dict[str, Any] | None:
    """The script's exit record, or ``None`` when absent or unreadable."""
    try:
        data = json.loads((job_dir / EXIT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_exit_record(job_dir: Path, exit_code: int, error: str | None = None) -> None:
    """Write the exit record atomically."""
    write_json_atomic(
        job_dir / EXIT_FILE,
        {
            "exit_code": int(exit_code),
            "status": "completed" if exit_code == 0 else "failed",
            "error": error,
            "ended_at": utc_now_iso(),
        },
    )


# --- Script side: the harness every job entry point runs through -------------------------------
#
# It lives here (not in ``backend.scripts``) because the environment installer, which runs in the
# light environment and may not import the scripts, follows exactly the same protocol.

EXIT_BAD_CONFIG = 2
EXIT_CANCELED = 143


class JobCanceled(KeyboardInterrupt):
    """Raised in the main thread when the job receives SIGTERM (the runner's cancel)."""


class Reporter:
    """Prints progress for the runner (``DIPPER_PROGRESS`` lines) and for people (a short line).

    At most one update per ``min_interval_s`` is printed; a final update (fraction 1.0) always is.
    An update that was held back is printed by :meth:`flush`.

    Parameters
    ----------
    emit
        Where lines go (default: ``print`` to the current ``sys.stdout``, flushed).
    machine_lines
        Print the structured ``DIPPER_PROGRESS`` line as well as the human line.
    min_interval_s
        Minimum time between printed updates, in seconds.
    """

    def __init__(
        self,
        emit: Callable[[str], None] | None = None,
        *,
        machine_lines: bool = True,
        min_interval_s: float = 0.25,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._emit = emit
        self._machine_lines = machine_lines
        self._min_interval_s = min_interval_s
        self._clock = clock
        self._last_printed: float | None = None
        self._pending: tuple[float, str] | None = None

    def progress(self, fraction: float, message: str) -> None:
        """Report ``fraction`` (0..1) done with a short status message."""
        fraction = max(0.0, min(1.0, float(fraction)))
        now = self._clock()
        due = self._last_printed is None or now - self._last_printed >= self._min_interval_s
        if fraction < 1.0 and not due:
            self._pending = (fraction, message)
            return
        self._pending = None
        self._last_printed = now
        if self._machine_lines:
            self._write(format_progress_line(fraction, message))
        self._write(f"[{fraction * 100:5.1f}%] {message}")

    def log(self, message: str) -> None:
        """Print a plain log line."""
        self._write(message)

    def flush(self) -> None:
        """Print the last held-back update, if any."""
        if self._pending is not None:
            fraction, message = self._pending
            self._last_printed = None
            self.progress(fraction, message)

    def _write(self, line: str) -> None:
        if self._emit is not None:
            self._emit(line)
        else:
            print(line, flush=True)


class _Tee(io.TextIOBase):
    """A text stream that writes to the console stream and to the job's ``log.txt``."""

    def __init__(self, console: TextIO, log: TextIO) -> None:
        self._console = console
        self._log = log

    def write(self, text: str) -> int:
        self._console.write(text)
        self._log.write(text)
        return len(text)

    def flush(self) -> None:
        self._console.flush()
        self._log.flush()

    def writable(self) -> bool:
        return True


def describe_validation_error(config_path: Path, error: ValidationError) -> str:
    """Plain-words text for a pydantic ``ValidationError``, one line per bad field."""
    lines = [f"Invalid config file {config_path}:"]
    for item in error.errors():
        field = ".".join(str(part) for part in item.get("loc", ())) or "(whole config)"
        lines.append(f"  field '{field}': {item.get('msg', 'invalid value')}")
    return "\n".join(lines)


def new_job_dir(output_dir: Path, kind: str) -> Path:
    """Create ``<output_dir>/<kind>_<YYYYmmdd-HHMMSS>_<6 hex>/`` and return it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    job_dir = output_dir / f"{kind}_{stamp}_{secrets.token_hex(3)}"
    job_dir.mkdir(parents=True, exist_ok=False)
    return job_dir


def _load_config(config_path: Path, config_model: type[ModelT]) -> tuple[ModelT | None, str, Any]:
    """``(config, error_text, raw_json)``; ``config`` is ``None`` when the file is not valid."""
    try:
        raw = json.loads(config_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, f"Config file not found: {config_path}", None
    except OSError as exc:
        return None, f"Could not read config file {config_path}: {exc}", None
    except ValueError as exc:
        return None, f"Config file {config_path} is not valid JSON: {exc}", None
    try:
        return config_model.model_validate(raw), "", raw
    except ValidationError as exc:
        return None, describe_validation_error(config_path, exc), raw


def _raise_canceled(signum: int, frame: Any) -> None:
    raise JobCanceled()


def run_job(
    argv: Sequence[str] | None,
    config_model: type[ModelT],
    core: Callable[[ModelT, Reporter], Any],
    *,
    prog: str | None = None,
) -> int:
    """Run one job the way the runner expects; return the process exit code.

    Parses exactly ``--config PATH``, validates the JSON with ``config_model`` (exit 2 with a
    message naming the bad field), resolves the job folder (``config.job_dir``, else a new folder
    under ``config.output_dir`` holding ``config.json`` and a ``log.txt`` copy of the output),
    calls ``core(config, reporter)`` and writes the exit record: 0 on success, 1 on an error (its
    message in the record, the traceback on stderr), 143 when canceled (SIGTERM or Ctrl+C).
    """
    parser = argparse.ArgumentParser(prog=prog, description="Run one Dipper job from its config.")
    parser.add_argument("--config", required=True, type=Path, help="path to the job's config JSON")
    args = parser.parse_args(list(argv) if argv is not None else None)
    config_path: Path = args.config.expanduser().resolve()

    config, problem, raw = _load_config(config_path, config_model)
    if config is None:
        print(problem, file=sys.stderr, flush=True)
        raw_job_dir = raw.get("job_dir") if isinstance(raw, dict) else None
        if isinstance(raw_job_dir, str) and Path(raw_job_dir).is_absolute():
            write_exit_record(Path(raw_job_dir), EXIT_BAD_CONFIG, problem)
        return EXIT_BAD_CONFIG

    try:
        config, job_dir, log_file = _resolve_job_dir(config)
    except OSError as exc:
        print(f"Could not create the job folder: {exc}", file=sys.stderr, flush=True)
        return 1
    saved_streams = (sys.stdout, sys.stderr)
    if log_file is not None:
        sys.stdout = _Tee(saved_streams[0], log_file)  # type: ignore[assignment]
        sys.stderr = _Tee(saved_streams[1], log_file)  # type: ignore[assignment]
    previous_handler = _install_sigterm_handler()
    try:
        if job_dir is not None:
            print(f"Job folder: {job_dir}", flush=True)
        exit_code, error = _call_core(core, config, Reporter())
        _restore_sigterm_handler(previous_handler)
        previous_handler = None
        if job_dir is not None:
            write_exit_record(job_dir, exit_code, error)
        return exit_code
    finally:
        _restore_sigterm_handler(previous_handler)
        sys.stdout, sys.stderr = saved_streams
        if log_file is not None:
            log_file.close()


def _call_core(
    core: Callable[[ModelT, Reporter], Any], config: ModelT, reporter: Reporter
) -> tuple[int, str | None]:
    started = time.monotonic()
    try:
        core(config, reporter)
    except KeyboardInterrupt:
        reporter.flush()
        print("Canceled.", file=sys.stderr, flush=True)
        return EXIT_CANCELED, "canceled"
    except Exception as exc:  # every failure must end in an exit record
        reporter.flush()
        traceback.print_exc()
        sys.stderr.flush()
        return 1, str(exc) or type(exc).__name__
    reporter.flush()
    print(f"Finished in {time.monotonic() - started:.1f} s.", flush=True)
    return 0, None


def _resolve_job_dir(config: ModelT) -> tuple[ModelT, Path | None, TextIO | None]:
    """``(config with job_dir set, job folder, open log.txt to copy output into or None)``."""
    given = getattr(config, "job_dir", None)
    if given:
        job_dir = Path(given)
        job_dir.mkdir(parents=True, exist_ok=True)
        if not (job_dir / CONFIG_FILE).exists():
            write_json_atomic(job_dir / CONFIG_FILE, config.model_dump(mode="json"))
        return config, job_dir, None  # the runner already sends our output into log.txt
    output_dir = getattr(config, "output_dir", None)
    if not output_dir:
        return config, None, None  # a job without an output folder (e.g. an install run by hand)
    job_dir = new_job_dir(Path(output_dir), str(getattr(config, "kind", "job")))
    config = config.model_copy(update={"job_dir": str(job_dir)})
    write_json_atomic(job_dir / CONFIG_FILE, config.model_dump(mode="json"))
    log_file = open(job_dir / LOG_FILE, "a", encoding="utf-8", buffering=1)  # noqa: SIM115
    return config, job_dir, log_file


def _install_sigterm_handler() -> Any:
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _raise_canceled)


def _restore_sigterm_handler(previous: Any) -> None:
    if previous is not None:
        signal.signal(signal.SIGTERM, previous)
