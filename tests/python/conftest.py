"""Shared fixtures: each test gets its own DIPPER_HOME; the torch env is found, never built."""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A fresh per-user data folder for each test (the torch env location is left alone)."""
    home = tmp_path_factory.mktemp("dipper_home")
    monkeypatch.setenv("DIPPER_HOME", str(home))
    return home


def find_torch_python() -> Path | None:
    """The torch environment's interpreter, or None when it is not installed."""
    override = os.environ.get("DIPPER_TORCH_PYTHON")
    if override:
        return Path(override) if Path(override).exists() else None
    from backend.lightweight_server.environment.status import environment_status

    status = environment_status()
    return Path(status.python) if status.status == "ready" and status.python else None


@pytest.fixture(scope="session")
def torch_python() -> Path:
    """Skip (with the reason) when the torch environment is missing; CI always installs it."""
    python = find_torch_python()
    if python is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install the torch environment first (make setup-torch)")
        pytest.skip("torch environment not installed: run `.venv/bin/dipper env install`")
    return python


@pytest.fixture(scope="session")
def demo_audio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo recordings (real bird songs from the pykanto wheel), prepared once per session."""
    from backend.common.demo import prepare_demo

    paths = prepare_demo(tmp_path_factory.mktemp("demo_data"), report=lambda _msg: None)
    if paths is None or paths.audio_dir is None:
        pytest.fail("could not prepare the demo recordings (is PyPI reachable?)")
    return paths.audio_dir


ServeApp = Callable[..., contextlib.AbstractAsyncContextManager[Any]]


@pytest.fixture
def live_server() -> ServeApp:
    """``async with live_server(app, token) as session``: the app on 127.0.0.1 (random port) and
    an ``aiohttp.ClientSession`` with its base URL and token; the server stops on exit."""

    @contextlib.asynccontextmanager
    async def serve(app: Any, token: str, header: str = "Authorization") -> AsyncIterator[Any]:
        import aiohttp
        from aiohttp import web

        runner = web.AppRunner(app)
        await runner.setup()
        try:
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            value = f"Bearer {token}" if header == "Authorization" else token
            base_url = f"http://127.0.0.1:{port}"
            async with aiohttp.ClientSession(base_url, headers={header: value}) as session:
                yield session
        finally:
            await runner.cleanup()

    return serve
