"""A real server over a socket whose allowed roots are a temp folder and the demo recordings."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from backend.lightweight_server.app import create_app
from backend.lightweight_server.settings import ServerSettings

REVIEW_TOKEN = "review-test-token"


@pytest.fixture
async def review_server(tmp_path: Path, demo_audio: Path, live_server):
    """Yields ``(session, root, demo_audio, app)``: an authorised session to a live server."""
    root = tmp_path / "root"
    root.mkdir()
    settings = ServerSettings(
        data_dir=tmp_path / "home",
        token=REVIEW_TOKEN,
        allowed_roots=[root, demo_audio],
        frontend_dist=tmp_path / "no_dist",
        poll_interval_s=0.05,
    )
    app = create_app(settings, commands={"inference": lambda p: [sys.executable, "-c", "0"]})
    async with live_server(app, REVIEW_TOKEN, header="X-Dipper-Token") as session:
        yield session, root, demo_audio, app
