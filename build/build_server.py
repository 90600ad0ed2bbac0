"""Build the frozen lightweight server (``make build-server``).

Usage: ``.venv/bin/python build/build_server.py [--clean]``.

Runs PyInstaller on ``build/dipper_server.spec`` and leaves a one-folder app in
``build/out/dipper-server/`` (start it with ``build/out/dipper-server/dipper-server serve``). Prints
the time taken and the size of the folder; exits non-zero when PyInstaller fails or the executable
is missing afterwards.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

BUILD_DIR = Path(__file__).resolve().parent
REPO_ROOT = BUILD_DIR.parent
SPEC = BUILD_DIR / "dipper_server.spec"
DIST_DIR = BUILD_DIR / "out"
WORK_DIR = BUILD_DIR / "work"
APP_DIR = DIST_DIR / "dipper-server"
EXECUTABLE = APP_DIR / ("dipper-server.exe" if sys.platform == "win32" else "dipper-server")


def folder_size_bytes(folder: Path) -> int:
    """Total size of the regular files under ``folder`` (symlinks not followed)."""
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total


def build(clean: bool = False) -> int:
    """Run PyInstaller; return its exit code (or 1 when it left no executable)."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST_DIR),
        "--workpath",
        str(WORK_DIR),
        str(SPEC),
    ]
    if clean:
        command.insert(3, "--clean")
    print("$ " + " ".join(command), flush=True)
    started = time.perf_counter()
    code = subprocess.call(command, cwd=str(REPO_ROOT))
    elapsed_s = time.perf_counter() - started
    if code != 0:
        print(f"PyInstaller failed with exit code {code} after {elapsed_s:.1f} s", file=sys.stderr)
        return code
    if not EXECUTABLE.is_file():
        print(f"PyInstaller finished but {EXECUTABLE} is missing", file=sys.stderr)
        return 1
    size_mb = folder_size_bytes(APP_DIR) / 1e6
    print(f"Built {APP_DIR.relative_to(REPO_ROOT)} in {elapsed_s:.1f} s, {size_mb:.1f} MB")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="drop PyInstaller's cache first")
    return build(clean=parser.parse_args(argv).clean)


if __name__ == "__main__":
    sys.exit(main())
