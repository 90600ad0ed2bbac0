"""The PyInstaller build of the server starts, answers health, checks the token and ships no torch.

Slow (about a minute to build): the build is reused when the executable is newer than every
file under ``backend/`` and the build inputs (spec, entry script, torch spec). ``__pycache__``
folders are ignored, since Python rewrites them on every import.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
APP_DIR = REPO_ROOT / "build" / "out" / "dipper-server"
EXECUTABLE = APP_DIR / ("dipper-server.exe" if sys.platform == "win32" else "dipper-server")
BUILD_INPUTS = [
    REPO_ROOT / "build" / "dipper_server.spec",
    REPO_ROOT / "build" / "server_entry.py",
    REPO_ROOT / "envs" / "torch-requirements.txt",
]
TOKEN = "T"

pytestmark = pytest.mark.slow


def _newest_source_mtime() -> float:
    newest = max(p.stat().st_mtime for p in BUILD_INPUTS)
    for root, dirs, files in os.walk(REPO_ROOT / "backend"):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            newest = max(newest, (Path(root) / name).stat().st_mtime)
    return newest


@pytest.fixture(scope="module")
def frozen_server_exe() -> Path:
    """The built executable: reused when up to date, else built now with build/build_server.py."""
    if not EXECUTABLE.is_file() or EXECUTABLE.stat().st_mtime <= _newest_source_mtime():
        result = subprocess.run(
            [sys.executable, str(REPO_ROOT / "build" / "build_server.py")],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    assert EXECUTABLE.is_file()
    return EXECUTABLE


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str, token: str | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url)
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def _wait_for_health(base: str, process: subprocess.Popen, timeout_s: float) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the frozen server exited early with code {process.returncode}")
        try:
            status, body = _get(f"{base}/api/health")
            if status == 200:
                return body
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"no 200 from {base}/api/health within {timeout_s} s")


def test_frozen_folder_has_no_torch(frozen_server_exe: Path) -> None:
    torch_dirs = [p for p in APP_DIR.rglob("torch") if p.is_dir()]
    assert torch_dirs == []
    # The torch spec and the job scripts' shared code ship with it (see dipper_server.spec).
    assert list(APP_DIR.rglob("envs/torch-requirements.txt"))
    assert list(APP_DIR.rglob("backend/common/job_protocol.py"))


def test_frozen_server_serves_health_and_checks_token(
    frozen_server_exe: Path, tmp_path: Path
) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DIPPER_HOME": str(tmp_path / "home")}
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(frozen_server_exe), "serve", "--host", "127.0.0.1", "--port", str(port)]
            + ["--token", TOKEN, "--no-browser"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        try:
            health = _wait_for_health(base, process, timeout_s=60)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\nserver log:\n{log_path.read_text()}") from None
        assert health["status"] == "ok"
        assert health["version"]

        status, body = _get(f"{base}/api/tasks", token=TOKEN)
        assert status == 200
        assert body == {"tasks": []}

        status, body = _get(f"{base}/api/tasks")
        assert status == 401
        assert body["error"]["code"] == "Unauthorized"

        if list(APP_DIR.rglob("frontend_dist/index.html")):  # bundled when frontend/dist existed
            with urllib.request.urlopen(f"{base}/", timeout=5) as response:
                assert response.status == 200
                assert b'<div id="root">' in response.read()

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
