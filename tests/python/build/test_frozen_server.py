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
import urllib.parse
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


def _post(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    request.add_header("Authorization", f"Bearer {TOKEN}")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def _review_and_extraction_files(root: Path) -> tuple[Path, Path, Path]:
    """A 4 s tone, an annotation task over it and an inference output folder, under ``root``."""
    import numpy as np
    import soundfile

    wav = root / "tone.wav"
    t = np.arange(4 * 22050) / 22050
    soundfile.write(str(wav), 0.3 * np.sin(2 * np.pi * 3000 * t), 22050, subtype="PCM_16")
    task = root / "task.csv"
    task.write_text(f"file,start_time,end_time,annotation\n{wav},0,3,yes\n{wav},1,4,\n")
    predictions = root / "job"
    predictions.mkdir()
    (predictions / "predictions.csv").write_text(
        f"file,start_time,end_time,robin,wren\n{wav},0,3,1.5,-2\n{wav},3,6,-1,0.5\n"
    )
    return wav, task, predictions


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
    for script in ("inference.py", "extraction/run.py", "training/run.py"):  # packages too
        assert list(APP_DIR.rglob(f"backend/scripts/{script}")), script


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
            + ["--token", TOKEN, "--no-browser", "--root", str(tmp_path)],
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

        # What the Review and Extraction tabs need, with only the libraries the bundle carries.
        wav, task, predictions = _review_and_extraction_files(tmp_path)
        query = urllib.parse.urlencode({"path": str(wav), "start_s": 0, "end_s": 3, "token": TOKEN})
        with urllib.request.urlopen(f"{base}/api/spectrogram?{query}", timeout=30) as response:
            assert response.status == 200
            assert response.headers["Content-Type"] == "image/webp"
            assert response.read()[:4] == b"RIFF"
        status, loaded = _post(f"{base}/api/annotations/load", {"path": str(task)})
        assert status == 200, loaded
        assert [row["annotation"] for row in loaded["rows"]] == ["yes", ""]
        status, scan = _post(f"{base}/api/extraction/scan", {"predictions_dir": str(predictions)})
        assert status == 200, scan
        assert scan["classes"] == ["robin", "wren"] and scan["rows"] == 2

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
