"""GET /api/spectrogram on a live server: images, parameter checks, server cache, ETag/304."""

from __future__ import annotations

import io
import shutil

import numpy as np
import pytest
import soundfile
from PIL import Image

from backend.lightweight_server.routes.spectrogram import SPECTROGRAM_CACHE

GREAT_TIT = "great_tit/2021-SW83-0418_04-79.wav"  # 22 050 Hz mono, 5.04 s


async def test_webp_image_of_the_requested_size_with_band_headers(review_server) -> None:
    session, _, demo, _ = review_server
    params = {"path": str(demo / GREAT_TIT), "start_s": "0", "end_s": "3"}
    async with session.get("/api/spectrogram", params=params) as resp:
        assert resp.status == 200
        assert resp.headers["Content-Type"] == "image/webp"
        assert resp.headers["Cache-Control"] == "private, max-age=86400"
        assert resp.headers["X-Dipper-Sample-Rate"] == "22050"
        assert resp.headers["X-Dipper-Max-Hz"] == "11025"
        body = await resp.read()
    image = Image.open(io.BytesIO(body))
    assert (image.format, image.size) == ("WEBP", (400, 200))
    params.update(width_px="300", height_px="120", format="png", max_hz="30000", colormap="magma")
    async with session.get("/api/spectrogram", params=params) as resp:
        assert resp.status == 200
        assert resp.headers["X-Dipper-Max-Hz"] == "11025"  # clipped to Nyquist
        png = Image.open(io.BytesIO(await resp.read()))
    assert (png.format, png.size) == ("PNG", (300, 120))


async def test_a_tone_is_drawn_at_its_frequency(review_server) -> None:
    """A 3 kHz tone in a 0–8 kHz band must be the darkest row at 1 − 3/8 of the height (greys)."""
    session, root, _, _ = review_server
    rate = 16000
    t = np.arange(rate * 2) / rate
    soundfile.write(root / "tone.wav", 0.5 * np.sin(2 * np.pi * 3000 * t), rate)
    params = {"path": str(root / "tone.wav"), "format": "png", "height_px": "160"}
    async with session.get("/api/spectrogram", params=params) as resp:
        assert resp.headers["X-Dipper-Max-Hz"] == "8000"
        pixels = np.asarray(Image.open(io.BytesIO(await resp.read())).convert("L"), dtype=float)
    darkest_row = int(pixels.mean(axis=1).argmin())
    assert abs(darkest_row - (1 - 3000 / 8000) * 160) <= 3
    assert pixels.mean() > 200  # silence elsewhere is near white


@pytest.mark.parametrize(
    ("bad", "named"),
    [
        ({"window_s": "0"}, "window_s"),
        ({"window_s": "abc"}, "window_s"),
        ({"min_hz": "-5"}, "min_hz"),
        ({"min_hz": "5000", "max_hz": "1000"}, "max_hz"),
        ({"min_db": "-20", "max_db": "-100"}, "max_db"),
        ({"colormap": "rainbow"}, "colormap"),
        ({"width_px": "5"}, "width_px"),
        ({"height_px": "99999"}, "height_px"),
        ({"format": "gif"}, "format"),
        ({"start_s": "2", "end_s": "1"}, "end_s"),
        ({"min_hz": "20000"}, "min_hz"),
    ],
)
async def test_bad_parameters_are_refused_by_name(review_server, bad, named) -> None:
    session, _, demo, _ = review_server
    params = {"path": str(demo / GREAT_TIT), **bad}
    async with session.get("/api/spectrogram", params=params) as resp:
        assert resp.status == 400
        error = (await resp.json())["error"]
    assert named in error["message"]
    assert named in error["details"]["fields"]


async def test_server_cache_hit_then_etag_304_and_a_new_file_version_redraws(review_server) -> None:
    session, root, demo, app = review_server
    copy = root / "tit.wav"
    shutil.copy(demo / GREAT_TIT, copy)
    params = {"path": str(copy), "start_s": "0", "end_s": "3", "colormap": "viridis"}
    async with session.get("/api/spectrogram", params=params) as resp:
        assert resp.headers["X-Dipper-Cache"] == "miss"
        first = await resp.read()
        etag = resp.headers["ETag"]
    async with session.get("/api/spectrogram", params=params) as resp:
        assert resp.headers["X-Dipper-Cache"] == "hit"
        assert await resp.read() == first
    assert app[SPECTROGRAM_CACHE].hits == 1
    async with session.get(
        "/api/spectrogram", params=params, headers={"If-None-Match": etag}
    ) as resp:
        assert resp.status == 304
    async with session.get(
        "/api/spectrogram", params={**params, "min_db": "-90"}, headers={"If-None-Match": etag}
    ) as resp:
        assert resp.status == 200
        assert resp.headers["X-Dipper-Cache"] == "miss"
    data, rate = soundfile.read(copy, dtype="int16")
    soundfile.write(copy, (data // 4).copy(), rate, subtype="PCM_16")
    async with session.get(
        "/api/spectrogram", params=params, headers={"If-None-Match": etag}
    ) as resp:
        assert resp.status == 200
        assert resp.headers["X-Dipper-Cache"] == "miss"
        assert await resp.read() != first


async def test_missing_audio_and_outside_paths(review_server, tmp_path) -> None:
    session, root, _, _ = review_server
    async with session.get("/api/spectrogram", params={"path": str(root / "x.wav")}) as resp:
        assert resp.status == 404
        error = (await resp.json())["error"]
    assert error["code"] == "audio_not_found"
    assert str(root / "x.wav") in error["message"]
    async with session.get("/api/spectrogram", params={"path": str(tmp_path / "x.wav")}) as resp:
        assert resp.status == 403
