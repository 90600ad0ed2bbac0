"""The demo project: a few real bird recordings to try Dipper on, and a folder for its jobs.

The recordings come from the example data inside the ``pykanto`` 0.1.8 wheel on PyPI (downloaded
once with pip into ``<data>/cache/`` and kept). BirdNET finds a European Storm-Petrel in
``storm_petrel/XC46092.wav`` and a Great Tit in ``great_tit/2021-B32-0415_05-11.wav``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PYKANTO_VERSION = "0.1.8"
PYKANTO_WHEEL = f"pykanto-{PYKANTO_VERSION}-py3-none-any.whl"

_GREAT_TIT_WAVS = "pykanto/data/segmented/great_tit/WAV"
# wheel member → path under demo/audio/
DEMO_RECORDINGS: dict[str, str] = {
    "pykanto/data/raw/STORM-PETREL/XC46092.wav": "storm_petrel/XC46092.wav",
    **{
        f"{_GREAT_TIT_WAVS}/{name}": f"great_tit/{name}"
        for name in (
            "2021-B32-0415_05-11.wav",
            "2021-B32-0415_05-15.wav",
            "2021-SW83-0418_04-79.wav",
        )
    },
    "pykanto/data/raw/AM/20210502_040000.WAV": "audiomoth/20210502_040000.WAV",
}

README_TEXT = f"""Dipper demo recordings
======================

These recordings are the example data shipped inside the pykanto {PYKANTO_VERSION} Python package
(https://pypi.org/project/pykanto/, by Nilo M. Recalde; package licence MIT). They are copied here
only so that you can try Dipper; cite pykanto if you use them elsewhere.

  storm_petrel/XC46092.wav   European Storm-Petrel, xeno-canto recording XC46092
                             (https://xeno-canto.org/46092, under its recordist's Creative Commons
                             licence: see that page before reusing it)
  great_tit/*.wav            Great Tit songs from Wytham Woods, Oxford (pykanto example data)
  audiomoth/*.WAV            a one-second AudioMoth recording (pykanto example data)

Jobs you run on the demo are written to the "jobs" folder next to this file.
"""


@dataclass(frozen=True)
class DemoPaths:
    """Where the demo lives. ``audio_dir`` is ``None`` when the recordings could not be prepared."""

    audio_dir: Path | None
    output_dir: Path
    message: str = ""


def prepare_demo(data_dir: Path, report: Callable[[str], None] = print) -> DemoPaths:
    """Create (once) ``<data_dir>/demo/audio/`` with real recordings, and ``demo/jobs/``.

    Idempotent: when every recording is already there, nothing is downloaded or written.

    Parameters
    ----------
    data_dir
        The per-user data folder (``backend.common.paths.data_dir()``).
    report
        Receives plain-words status lines.

    Returns
    -------
    DemoPaths
        ``audio_dir`` is ``None`` (and ``message`` says why) when the recordings cannot be
        downloaded, e.g. offline or in a packaged build without pip. This never raises for that.
    """
    demo_dir = data_dir / "demo"
    audio_dir = demo_dir / "audio"
    output_dir = demo_dir / "jobs"
    output_dir.mkdir(parents=True, exist_ok=True)
    missing = {m: rel for m, rel in DEMO_RECORDINGS.items() if not (audio_dir / rel).is_file()}
    if not missing and (demo_dir / "README.txt").is_file():
        return DemoPaths(audio_dir, output_dir)

    wheel = data_dir / "cache" / PYKANTO_WHEEL
    if not _wheel_ok(wheel):
        report(
            f"Downloading the demo recordings (pykanto {PYKANTO_VERSION} from PyPI, about 8 MB) "
            f"into {wheel.parent}; they are kept for later use."
        )
        problem = _download_wheel(wheel.parent)
        if problem:
            report(problem)
            return DemoPaths(None, output_dir, problem)
    report(f"Unpacking {len(missing)} demo recordings into {audio_dir}")
    with zipfile.ZipFile(wheel) as archive:
        for member, rel in missing.items():
            _write_atomic(audio_dir / rel, archive.read(member))
    _write_atomic(demo_dir / "README.txt", README_TEXT.encode("utf-8"))
    return DemoPaths(audio_dir, output_dir)


def _wheel_ok(wheel: Path) -> bool:
    """True when the cached wheel is a readable zip holding every demo recording."""
    try:
        with zipfile.ZipFile(wheel) as archive:
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False
    return all(member in names for member in DEMO_RECORDINGS)


def _download_wheel(cache_dir: Path) -> str:
    """Download the pykanto wheel into ``cache_dir`` with pip; return a problem text or ``""``."""
    offline_hint = (
        "The demo recordings (about 8 MB, the pykanto package from PyPI) could not be downloaded"
    )
    if getattr(sys, "frozen", False):
        return (
            f"{offline_hint}: this packaged build of Dipper has no pip to fetch them. "
            "Run `dipper demo` from a source install, or use your own recordings."
        )
    cache_dir.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--disable-pip-version-check",
        "--no-input",
        "--timeout",
        "30",
        "--retries",
        "2",
        "--dest",
        str(cache_dir),
        f"pykanto=={PYKANTO_VERSION}",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{offline_hint}: {exc}. Check your internet connection and try again."
    if result.returncode != 0 or not _wheel_ok(cache_dir / PYKANTO_WHEEL):
        lines = [line for line in (result.stderr or result.stdout).splitlines() if line.strip()]
        detail = lines[-1].strip() if lines else f"pip exited with code {result.returncode}"
        return (
            f"{offline_hint}. Are you offline? Check your internet connection and try again. "
            f"(pip said: {detail})"
        )
    return ""


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
