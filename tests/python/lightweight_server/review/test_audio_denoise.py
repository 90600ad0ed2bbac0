"""Playback denoise: the background goes down, the call stays; ``/api/audio?denoise=1``."""

from __future__ import annotations

import io
import wave

import numpy as np

from backend.lightweight_server.services.audio_denoise import denoise

RATE = 22050
GREAT_TIT = "great_tit/2021-SW83-0418_04-79.wav"


def _tone_in_noise(seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """3 s of white noise with a 4 kHz tone in its middle second: (mix, tone, noise)."""
    rng = np.random.default_rng(seed)
    t = np.arange(3 * RATE) / RATE
    tone = np.where((t >= 1) & (t < 2), 0.3 * np.sin(2 * np.pi * 4000 * t), 0.0)
    noise = 0.03 * rng.standard_normal(t.size)
    return (tone + noise).astype(np.float32), tone, noise


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))


def test_background_is_lowered_and_the_call_kept() -> None:
    mix, tone, _ = _tone_in_noise()
    out = denoise(mix, RATE)
    assert out.shape == mix.shape and out.dtype == mix.dtype
    quiet = slice(int(0.2 * RATE), int(0.8 * RATE))  # noise only
    call = slice(int(1.2 * RATE), int(1.8 * RATE))
    noise_drop_db = 20 * np.log10(_rms(mix[quiet]) / _rms(out[quiet]))
    assert noise_drop_db > 10, noise_drop_db
    # the call keeps its level, and what remains of it is the tone (not the noise)
    assert abs(20 * np.log10(_rms(out[call]) / _rms(tone[call]))) < 1.5
    residual_db = 20 * np.log10(_rms(tone[call]) / _rms(out[call] - tone[call]))
    assert residual_db > 20 * np.log10(_rms(tone[call]) / 0.03) - 3  # not worse than the input


def test_each_channel_is_gated_and_tiny_slices_pass_unchanged() -> None:
    mix, _, _ = _tone_in_noise()
    stereo = np.stack([mix, 0.5 * mix[::-1]], axis=1)
    out = denoise(stereo, RATE)
    assert out.shape == stereo.shape
    np.testing.assert_allclose(out[:, 0], denoise(mix, RATE), atol=1e-6)
    tiny = mix[:100]
    np.testing.assert_array_equal(denoise(tiny, RATE), tiny)


async def test_audio_route_denoises_on_request_with_its_own_etag(review_server) -> None:
    session, _, demo, _ = review_server
    params = {"path": str(demo / GREAT_TIT), "start_s": "0", "end_s": "3"}
    async with session.get("/api/audio", params=params) as resp:
        plain, plain_etag = await resp.read(), resp.headers["ETag"]
    async with session.get("/api/audio", params={**params, "denoise": "1"}) as resp:
        assert resp.status == 200
        cleaned, cleaned_etag = await resp.read(), resp.headers["ETag"]
    assert cleaned_etag != plain_etag
    with wave.open(io.BytesIO(plain)) as a, wave.open(io.BytesIO(cleaned)) as b:
        assert (a.getnframes(), a.getframerate()) == (b.getnframes(), b.getframerate())
        before = np.frombuffer(a.readframes(a.getnframes()), "<i2").astype(float)
        after = np.frombuffer(b.readframes(b.getnframes()), "<i2").astype(float)
    assert _rms(after) < _rms(before)  # the background of a field recording went down
    async with session.get(  # the whole file, denoised: decoded, not streamed from disk
        "/api/audio", params={"path": str(demo / GREAT_TIT), "denoise": "true"}
    ) as resp:
        assert resp.status == 200 and resp.headers["ETag"] != plain_etag
