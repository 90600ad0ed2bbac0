"""The real aiohttp server over a socket: auth, error shape, tasks, configs, files, frontend."""

from __future__ import annotations

import asyncio
import gzip
import json
import sys
from pathlib import Path

import aiohttp
import pytest

from backend.lightweight_server.app import create_app
from backend.lightweight_server.settings import ServerSettings

DUMMY = Path(__file__).parent / "runner" / "dummy_job.py"
TOKEN = "secret-test-token"


def dummy_command(config_path: Path) -> list[str]:
    return [sys.executable, str(DUMMY), "--config", str(config_path)]


@pytest.fixture
async def server(tmp_path: Path, live_server):
    """A real server on 127.0.0.1 with a random port; yields (base_url, session, settings)."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<html><body>Dipper UI</body></html>")
    (dist / "assets" / "app.js").write_text("console.log('hi')")
    (dist / "assets" / "app.js.gz").write_bytes(gzip.compress(b"console.log('hi')"))
    settings = ServerSettings(
        data_dir=tmp_path / "home",
        token=TOKEN,
        allowed_roots=[tmp_path / "root"],
        frontend_dist=dist,
        poll_interval_s=0.05,
    )
    (tmp_path / "root" / "audio" / "site_a").mkdir(parents=True)
    (tmp_path / "root" / "audio" / "rec1.wav").write_bytes(b"RIFF")
    app = create_app(settings, commands={"inference": dummy_command})
    async with live_server(app, TOKEN) as session:
        yield session, settings, tmp_path / "root"


async def test_health_is_public_and_reports_version(server) -> None:
    session, settings, _ = server
    async with aiohttp.ClientSession() as anon:
        async with anon.get(f"{session._base_url}/api/health") as resp:
            assert resp.status == 200
            body = await resp.json()
    assert body == {"status": "ok", "version": settings.version, "store_warnings": []}


async def test_api_requires_the_token(server) -> None:
    session, _, _ = server
    async with aiohttp.ClientSession() as anon:
        async with anon.get(f"{session._base_url}/api/tasks") as resp:
            assert resp.status == 401
            error = (await resp.json())["error"]
        async with anon.get(f"{session._base_url}/api/tasks?token={TOKEN}") as resp:
            assert resp.status == 200
    assert error["code"] == "Unauthorized"
    assert "token" in error["message"]


async def test_unknown_task_gives_the_json_error_shape(server) -> None:
    session, _, _ = server
    async with session.get("/api/tasks/nope") as resp:
        assert resp.status == 404
        body = await resp.json()
    assert body["error"]["code"] == "TaskNotFound"
    assert set(body["error"]) == {"code", "message", "details"}


async def test_create_with_bad_config_names_the_field(server) -> None:
    session, _, root = server
    bad = {"kind": "inference", "config": {"audio_dir": "relative/path", "output_dir": str(root)}}
    async with session.post("/api/tasks", json=bad) as resp:
        assert resp.status == 422
        error = (await resp.json())["error"]
    assert "audio_dir" in error["message"]
    assert error["details"]["fields"] == ["audio_dir"]


async def test_paths_outside_allowed_roots_are_refused(server, tmp_path: Path) -> None:
    session, _, root = server
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    body = {"kind": "inference", "config": {"audio_dir": str(outside), "output_dir": str(root)}}
    async with session.post("/api/tasks", json=body) as resp:
        assert resp.status == 403
        assert (await resp.json())["error"]["code"] == "PathNotAllowed"
    async with session.get("/api/files", params={"path": str(outside)}) as resp:
        assert resp.status == 403


async def wait_status(session, task_id: str, wanted: str, timeout_s: float = 20) -> dict:
    for _ in range(int(timeout_s / 0.05)):
        async with session.get(f"/api/tasks/{task_id}") as resp:
            task = await resp.json()
        if task["status"] == wanted:
            return task
        await asyncio.sleep(0.05)
    raise AssertionError(f"task stayed {task['status']}, wanted {wanted}")


async def test_task_lifecycle_over_http(server) -> None:
    session, _, root = server
    config = {"audio_dir": str(root / "audio"), "output_dir": str(root / "jobs")}
    async with session.post("/api/tasks", json={"kind": "inference", "config": config}) as resp:
        assert resp.status == 201
        task = await resp.json()
    assert task["status"] == "unstarted"
    assert task["name"] == "BirdNET on audio"
    async with session.get("/api/tasks") as resp:
        assert [t["id"] for t in (await resp.json())["tasks"]] == [task["id"]]

    async with session.post(f"/api/tasks/{task['id']}/start") as resp:
        assert (await resp.json())["status"] == "queued"
    done = await wait_status(session, task["id"], "completed")
    assert done["progress"]["fraction"] == 1.0
    assert Path(done["job_dir"], "config.json").is_file()
    saved = json.loads(Path(done["job_dir"], "config.json").read_text())
    assert saved["job_dir"] == done["job_dir"] and saved["model"] == "BirdNET"
    async with session.get(f"/api/tasks/{task['id']}/log", params={"lines": "3"}) as resp:
        lines = (await resp.json())["lines"]
    assert len(lines) == 3 and "step 5/5" in lines[-1]

    async with session.post(f"/api/tasks/{task['id']}/start") as resp:
        assert resp.status == 409  # never silently re-run
    async with session.delete(f"/api/tasks/{task['id']}") as resp:
        assert (await resp.json()) == {"deleted": task["id"]}
    assert Path(done["job_dir"]).is_dir()  # deleting a task keeps its outputs


async def test_create_and_run_then_cancel_and_retry(server) -> None:
    session, _, root = server
    config = {"audio_dir": str(root / "audio"), "output_dir": str(root / "jobs"), "steps": 1}
    body = {"kind": "inference", "config": config, "start": True}
    async with session.post("/api/tasks", json=body) as resp:
        assert resp.status == 422  # unknown field 'steps' is refused: configs are strict
    config.pop("steps")
    async with session.post("/api/tasks", json=body) as resp:
        task = await resp.json()
    assert task["status"] == "queued"
    await wait_status(session, task["id"], "completed")
    async with session.post(f"/api/tasks/{task['id']}/retry") as resp:
        assert resp.status == 409
    async with session.post(f"/api/tasks/{task['id']}/cancel") as resp:
        assert resp.status == 409


async def test_config_save_and_load_roundtrip(server) -> None:
    session, _, root = server
    config = {"model": "BirdNET", "audio_dir": str(root / "audio")}
    async with session.post(
        "/api/configs/save", json={"path": str(root / "my_config"), "config": config}
    ) as resp:
        saved_path = (await resp.json())["path"]
    assert saved_path == str(root / "my_config.json")
    async with session.post("/api/configs/load", json={"path": saved_path}) as resp:
        assert (await resp.json())["config"] == config
    (root / "broken.json").write_text("{not json")
    async with session.post("/api/configs/load", json={"path": str(root / "broken.json")}) as resp:
        assert resp.status == 422
        assert "not valid JSON" in (await resp.json())["error"]["message"]
    assert not list(root.glob(".*.tmp"))


async def test_file_browser_lists_folders_first(server) -> None:
    session, _, root = server
    async with session.get("/api/files") as resp:
        listing = await resp.json()
    assert listing["roots"] == [str(root)]
    async with session.get("/api/files", params={"path": str(root / "audio")}) as resp:
        listing = await resp.json()
    assert [(e["name"], e["is_dir"]) for e in listing["entries"]] == [
        ("site_a", True),
        ("rec1.wav", False),
    ]
    assert listing["parent"] == str(root)


async def test_settings_roundtrip(server) -> None:
    session, _, _ = server
    async with session.put("/api/settings", json={"parallel_tasks": True}) as resp:
        assert (await resp.json())["parallel_tasks"] is True
    async with session.get("/api/settings") as resp:
        assert (await resp.json())["parallel_tasks"] is True


async def test_frontend_served_with_spa_fallback(server) -> None:
    session, _, _ = server
    async with session.get("/") as resp:
        assert "Dipper UI" in await resp.text()
    async with session.get("/assets/app.js") as resp:
        assert "immutable" in resp.headers["Cache-Control"]
    async with session.get("/tasks/some/route") as resp:
        assert "Dipper UI" in await resp.text()
    async with session.get("/../../etc/passwd") as resp:
        assert "root:" not in await resp.text()
    async with session.get("/api/does-not-exist") as resp:
        assert resp.status == 404
        assert (await resp.json())["error"]["code"] == "HTTPNotFound"


async def test_frontend_assets_sent_precompressed_when_accepted(server) -> None:
    session, _, _ = server
    async with session.get("/assets/app.js", headers={"Accept-Encoding": "gzip"}) as resp:
        assert resp.headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in resp.headers["Vary"]
        assert await resp.text() == "console.log('hi')"
    async with session.get("/assets/app.js", headers={"Accept-Encoding": "identity"}) as resp:
        assert "Content-Encoding" not in resp.headers
        assert await resp.text() == "console.log('hi')"
