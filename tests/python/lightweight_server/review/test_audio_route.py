"""GET /api/audio on a live server: WAV slices, Range, ETag/304, path guard, missing files."""

from __future__ import annotations

import io
import shutil
import wave
from pathlib import Path

import numpy as np
import soundfile

GREAT_TIT = "great_tit/2021-SW83-0418_04-79.wav"  # 22 050 Hz mono, 5.04 s


def _decode(body: bytes) -> tuple[int, int, int, np.ndarray]:
    with wave.open(io.BytesIO(body)) as wav:
        frames = wav.readframes(wav.getnframes())
        return (
            wav.getframerate(),
            wav.getnchannels(),
            wav.getsampwidth(),
            np.frombuffer(frames, dtype="<i2"),
        )


async def test_slice_is_16_bit_pcm_with_the_exact_frame_count(review_server) -> None:
    session, _, demo, _ = review_server
    path = demo / GREAT_TIT
    original, rate = soundfile.read(path, dtype="int16")
    async with session.get(
        "/api/audio", params={"path": str(path), "start_s": "1.5", "end_s": "4"}
    ) as resp:
        assert resp.status == 200
        assert resp.headers["Content-Type"] == "audio/wav"
        assert resp.headers["Accept-Ranges"] == "bytes"
        assert resp.headers["Cache-Control"] == "private, max-age=3600"
        body = await resp.read()
    sample_rate, channels, width, samples = _decode(body)
    assert (sample_rate, channels, width) == (22050, 1, 2)
    assert samples.size == round(2.5 * 22050)
    start = round(1.5 * rate)
    np.testing.assert_array_equal(samples, original[start : start + samples.size])


async def test_slice_past_the_end_is_clipped_and_start_past_it_is_refused(review_server) -> None:
    session, _, demo, _ = review_server
    path = str(demo / GREAT_TIT)
    async with session.get(
        "/api/audio", params={"path": path, "start_s": "4", "end_s": "9"}
    ) as resp:
        assert resp.status == 200
        _, _, _, samples = _decode(await resp.read())
    assert samples.size == soundfile.info(path).frames - round(4 * 22050)
    async with session.get("/api/audio", params={"path": path, "start_s": "6"}) as resp:
        assert resp.status == 400
        assert "past the end" in (await resp.json())["error"]["message"]


async def test_range_requests_prefix_suffix_open_and_unsatisfiable(review_server) -> None:
    session, _, demo, _ = review_server
    params = {"path": str(demo / GREAT_TIT), "start_s": "0", "end_s": "3"}
    async with session.get("/api/audio", params=params) as resp:
        full = await resp.read()
    size = len(full)
    async with session.get("/api/audio", params=params, headers={"Range": "bytes=0-99"}) as resp:
        assert resp.status == 206
        assert resp.headers["Content-Range"] == f"bytes 0-99/{size}"
        assert await resp.read() == full[:100]
    async with session.get("/api/audio", params=params, headers={"Range": "bytes=-500"}) as resp:
        assert resp.status == 206
        assert resp.headers["Content-Range"] == f"bytes {size - 500}-{size - 1}/{size}"
        assert await resp.read() == full[-500:]
    async with session.get("/api/audio", params=params, headers={"Range": "bytes=1000-"}) as resp:
        assert resp.status == 206
        assert await resp.read() == full[1000:]
    stale = {"Range": "bytes=0-99", "If-Range": '"not-the-current-etag"'}
    async with session.get("/api/audio", params=params, headers=stale) as resp:
        assert resp.status == 200  # the resource changed: the whole new body, not a range
        assert await resp.read() == full
    async with session.get(
        "/api/audio", params=params, headers={"Range": f"bytes={size}-{size + 10}"}
    ) as resp:
        assert resp.status == 416
        assert resp.headers["Content-Range"] == f"bytes */{size}"


async def test_etag_gives_304_and_changes_with_the_slice_and_the_file(review_server) -> None:
    session, root, demo, _ = review_server
    copy = root / "tit.wav"
    shutil.copy(demo / GREAT_TIT, copy)
    params = {"path": str(copy), "start_s": "0", "end_s": "1"}
    async with session.get("/api/audio", params=params) as resp:
        etag = resp.headers["ETag"]
    async with session.get("/api/audio", params=params, headers={"If-None-Match": etag}) as resp:
        assert resp.status == 304
        assert await resp.read() == b""
    other = {**params, "end_s": "2"}
    async with session.get("/api/audio", params=other, headers={"If-None-Match": etag}) as resp:
        assert resp.status == 200
        assert resp.headers["ETag"] != etag
    data, rate = soundfile.read(copy, dtype="int16")
    soundfile.write(copy, data[::-1].copy(), rate, subtype="PCM_16")  # same size, new content
    async with session.get("/api/audio", params=params, headers={"If-None-Match": etag}) as resp:
        assert resp.status == 200
        _, _, _, samples = _decode(await resp.read())
    np.testing.assert_array_equal(samples, data[::-1][: samples.size])


async def test_whole_file_is_streamed_with_ranges(review_server) -> None:
    session, _, demo, _ = review_server
    path = demo / GREAT_TIT
    async with session.get("/api/audio", params={"path": str(path)}) as resp:
        assert resp.status == 200
        assert resp.headers["Content-Type"] == "audio/wav"
        assert resp.headers["Accept-Ranges"] == "bytes"
        assert resp.headers["Cache-Control"] == "private, max-age=3600"
        assert await resp.read() == path.read_bytes()
        etag = resp.headers["ETag"]
    headers = {"Range": "bytes=0-99"}
    async with session.get("/api/audio", params={"path": str(path)}, headers=headers) as resp:
        assert resp.status == 206
        assert await resp.read() == path.read_bytes()[:100]
    headers = {"If-None-Match": etag}
    async with session.get("/api/audio", params={"path": str(path)}, headers=headers) as resp:
        assert resp.status == 304


async def test_flac_is_converted_to_wav(review_server) -> None:
    session, root, demo, _ = review_server
    data, rate = soundfile.read(demo / GREAT_TIT, dtype="int16")
    flac = root / "tit.flac"
    soundfile.write(flac, data, rate, format="FLAC")
    async with session.get("/api/audio", params={"path": str(flac)}) as resp:
        assert resp.status == 200
        sample_rate, _, _, samples = _decode(await resp.read())
    assert sample_rate == rate
    np.testing.assert_array_equal(samples, data)


async def test_missing_file_names_the_absolute_path_and_the_root_setting(review_server) -> None:
    session, root, _, _ = review_server
    missing = root / "clips" / "nowhere.wav"
    async with session.get("/api/audio", params={"path": str(missing)}) as resp:
        assert resp.status == 404
        error = (await resp.json())["error"]
    assert error["code"] == "audio_not_found"
    assert str(missing) in error["message"]
    assert "Root audio folder" in error["message"]
    assert error["details"]["path"] == str(missing)


async def test_paths_outside_the_roots_and_bad_audio_are_refused(review_server, tmp_path) -> None:
    session, root, _, _ = review_server
    outside = tmp_path / "outside.wav"
    outside.write_bytes(b"x")
    async with session.get("/api/audio", params={"path": str(outside)}) as resp:
        assert resp.status == 403
    sneaky = f"{root}/../outside.wav"
    async with session.get("/api/audio", params={"path": sneaky}) as resp:
        assert resp.status == 403
    (root / "notes.wav").write_text("not audio")
    async with session.get("/api/audio", params={"path": str(root / "notes.wav")}) as resp:
        assert resp.status == 422
        assert (await resp.json())["error"]["code"] == "audio_read_error"
    async with session.get(
        "/api/audio", params={"path": str(root / "a.wav"), "start_s": "x"}
    ) as resp:
        assert resp.status == 400
        assert "start_s" in (await resp.json())["error"]["message"]


async def test_audio_needs_the_token_and_accepts_it_in_the_query(review_server) -> None:
    session, _, demo, _ = review_server
    import aiohttp

    url = f"{session._base_url}/api/audio"
    params = {"path": str(Path(demo) / GREAT_TIT), "end_s": "1"}
    async with aiohttp.ClientSession() as anon:
        async with anon.get(url, params=params) as resp:
            assert resp.status == 401
        async with anon.get(url, params={**params, "token": "review-test-token"}) as resp:
            assert resp.status == 200
