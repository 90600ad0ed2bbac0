"""The inference form's audio-match preview and task creation with the new audio sources,
over a real socket."""

from __future__ import annotations

import sys
from pathlib import Path

import aiohttp
import pytest

from backend.lightweight_server.app import create_app
from backend.lightweight_server.services import audio_match
from backend.lightweight_server.settings import ServerSettings

TOKEN = "match-token"


@pytest.fixture
async def server(tmp_path: Path, live_server):
    """A real server whose only allowed root is ``tmp_path/root``; yields (session, root)."""
    root = tmp_path / "root"
    for rel in ["audio/a.wav", "audio/sub/b.WAV", "audio/sub/._b.wav", "audio/c.txt"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"x" * 100)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "z.wav").write_bytes(b"x")
    settings = ServerSettings(
        data_dir=tmp_path / "home", token=TOKEN, allowed_roots=[root], poll_interval_s=0.05
    )
    noop = {"inference": lambda cfg: [sys.executable, "-c", "pass"]}
    app = create_app(settings, commands=noop)
    async with live_server(app, TOKEN) as session:
        yield session, root


async def match(session: aiohttp.ClientSession, body: dict) -> tuple[int, dict]:
    async with session.post("/api/inference/match-audio", json=body) as resp:
        return resp.status, await resp.json()


async def test_folder_match_counts_files_bytes_and_gives_a_sample(server) -> None:
    session, root = server

    status, body = await match(session, {"audio_dir": str(root / "audio"), "model": "ignored"})

    assert status == 200
    assert body == {
        "count": 2,
        "total_bytes": 200,
        "sample": [str(root / "audio" / "a.wav"), str(root / "audio" / "sub" / "b.WAV")],
        "truncated": False,
        "problems": [],
    }


async def test_globs_list_file_and_problems(server) -> None:
    session, root = server
    (root / "list.txt").write_text("audio/a.wav\naudio/missing.wav\n", encoding="utf-8")

    status, body = await match(
        session,
        {
            "audio_globs": [str(root / "**" / "sub" / "*")],
            "audio_list_file": str(root / "list.txt"),
        },
    )

    assert status == 200
    assert body["count"] == 3
    assert body["sample"][-1] == str(root / "audio" / "sub" / "b.WAV")
    assert body["total_bytes"] == 200
    assert body["problems"] == [f"1 file in the list(s) not found: {root / 'audio/missing.wav'}."]


@pytest.mark.parametrize(
    "field",
    ["audio_dir", "audio_files", "audio_globs", "audio_list_file", "list_entry"],
)
async def test_every_path_outside_the_roots_is_refused(server, tmp_path: Path, field: str) -> None:
    session, root = server
    outside = tmp_path / "outside"
    body: dict = {
        "audio_dir": {"audio_dir": str(outside)},
        "audio_files": {"audio_files": [str(outside / "z.wav")]},
        "audio_globs": {"audio_globs": [str(outside / "*.wav")]},
        "audio_list_file": {"audio_list_file": str(tmp_path / "list.txt")},
        "list_entry": {"audio_list_file": str(root / "list.txt")},
    }[field]
    (tmp_path / "list.txt").write_text("outside/z.wav\n", encoding="utf-8")
    (root / "list.txt").write_text("../outside/z.wav\n", encoding="utf-8")

    status, error = await match(session, body)

    assert status == 403
    assert error["error"]["code"] == "PathNotAllowed"


async def test_relative_paths_are_a_bad_request(server) -> None:
    session, _ = server

    status, error = await match(session, {"audio_dir": "relative/folder"})

    assert status == 400
    assert error["error"]["details"]["fields"] == ["audio_dir"]


async def test_counting_stops_at_the_cap(server, monkeypatch: pytest.MonkeyPatch) -> None:
    session, root = server
    monkeypatch.setattr(audio_match, "MAX_MATCHED_FILES", 1)

    status, body = await match(session, {"audio_dir": str(root / "audio")})

    assert (status, body["count"], body["truncated"]) == (200, 1, True)


async def test_tasks_accept_the_new_sources_and_guard_their_paths(server, tmp_path: Path) -> None:
    session, root = server
    config = {
        "audio_files": [str(root / "audio" / "a.wav")],
        "audio_globs": [str(root / "audio" / "**" / "*.wav")],
        "output_dir": str(root / "jobs"),
        "sparse_save_threshold": -3,
    }
    async with session.post("/api/tasks", json={"kind": "inference", "config": config}) as resp:
        assert resp.status == 201, await resp.text()
        task = await resp.json()
    assert task["name"] == "BirdNET on a.wav"
    assert task["config"]["sparse_save_threshold"] == -3
    assert task["config"]["audio_dir"] is None

    for bad in (
        {"audio_globs": [str(tmp_path / "outside" / "*.wav")]},
        {"audio_files": [str(tmp_path / "outside" / "z.wav")]},
        {"subset_classes_file": str(tmp_path / "classes.txt")},
    ):
        body = {"kind": "inference", "config": {**config, **bad}}
        async with session.post("/api/tasks", json=body) as resp:
            assert resp.status == 403, bad
