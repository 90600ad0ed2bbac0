"""W&B login on the real server: status, login, logout, the key file, and the key reaching only
the task that logs to W&B (never a response or a log)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import stat
import sys
from pathlib import Path

import pytest

from backend.lightweight_server.app import create_app
from backend.lightweight_server.services.wandb_credentials import CREDENTIALS_FILE
from backend.lightweight_server.settings import ServerSettings

PROBE = Path(__file__).with_name("env_probe_job.py")
TOKEN = "wandb-test-token"
KEY = "0123456789abcdef0123456789abcdef01234567"


def probe_command(config_path: Path) -> list[str]:
    return [sys.executable, str(PROBE), "--config", str(config_path)]


@pytest.fixture
async def server(tmp_path: Path, live_server):
    """A real server on a random port; yields (session, settings, root)."""
    root = tmp_path / "root"
    (root / "audio").mkdir(parents=True)
    settings = ServerSettings(
        data_dir=tmp_path / "home", token=TOKEN, allowed_roots=[root], poll_interval_s=0.05
    )
    app = create_app(settings, commands={"inference": probe_command})
    async with live_server(app, TOKEN) as session:
        yield session, settings, root


async def test_login_status_logout_and_the_key_file(server) -> None:
    session, settings, _ = server
    async with session.get("/api/wandb") as resp:
        assert await resp.json() == {"logged_in": False, "entity": None}

    async with session.post(
        "/api/wandb/login", json={"api_key": f" {KEY}\n", "entity": "lab"}
    ) as r:
        assert r.status == 200
        text = await r.text()
    assert json.loads(text) == {"logged_in": True, "entity": "lab"} and KEY not in text
    async with session.get("/api/wandb") as resp:
        text = await resp.text()
    assert json.loads(text)["logged_in"] is True and KEY not in text

    key_file = settings.data_dir / CREDENTIALS_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert json.loads(key_file.read_text())["api_key"] == KEY
    assert [p.name for p in settings.data_dir.iterdir() if p.name.endswith(".tmp")] == []

    async with session.post("/api/wandb/logout") as resp:
        assert await resp.json() == {"logged_in": False, "entity": None}
    assert not key_file.exists()


@pytest.mark.parametrize("bad", ["", "short", "x" * 39, "has spaces " + "a" * 40, "é" * 45])
async def test_a_malformed_key_is_refused_without_echoing_it(server, bad: str) -> None:
    session, settings, _ = server
    async with session.post("/api/wandb/login", json={"api_key": bad}) as resp:
        assert resp.status == 400
        body = await resp.json()
    assert "wandb.ai/authorize" in body["error"]["message"]
    if bad:
        assert bad not in json.dumps(body)
    assert not (settings.data_dir / CREDENTIALS_FILE).exists()


async def wait_done(session, task_id: str) -> dict:
    for _ in range(400):
        async with session.get(f"/api/tasks/{task_id}") as resp:
            task = await resp.json()
        if task["status"] in ("completed", "failed"):
            return task
        await asyncio.sleep(0.05)
    raise AssertionError(f"task stayed {task['status']}")


async def test_the_key_goes_only_to_a_task_that_logs_to_wandb(
    server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WANDB_API_KEY", raising=False)
    session, _, root = server
    async with session.post("/api/wandb/login", json={"api_key": KEY}) as resp:
        assert resp.status == 200
    base = {"audio_dir": str(root / "audio"), "output_dir": str(root / "jobs")}
    probes = {}
    for name, config in {
        "with": {**base, "wandb": {"project": "birds"}},
        "without": base,
    }.items():
        body = {"kind": "inference", "config": config, "start": True, "name": name}
        async with session.post("/api/tasks", json=body) as resp:
            task = await resp.json()
        done = await wait_done(session, task["id"])
        assert done["status"] == "completed", done
        assert KEY not in json.dumps(done)
        job_dir = Path(done["job_dir"])
        probes[name] = json.loads((job_dir / "env_probe.json").read_text())
        probes[name]["result"] = done["result"].get("wandb")
        for path in job_dir.iterdir():
            assert KEY not in path.read_text(errors="replace"), path.name
    assert probes["with"]["has_key"] is True
    assert probes["with"]["key_sha256"] == hashlib.sha256(KEY.encode()).hexdigest()
    assert probes["with"]["result"]["mode"] == "offline"  # the task links to its W&B run
    assert probes["with"]["result"]["run_dir"].endswith("/wandb/offline-run-x")
    assert probes["without"] == {"has_key": False, "key_sha256": None, "result": None}
