"""Spectrogram pieces without the server: STFT scale vs scipy, colour tables vs matplotlib, LRU."""

from __future__ import annotations

import numpy as np
import pytest

from backend.lightweight_server.services.colormap_tables import COLORMAP_HEX
from backend.lightweight_server.services.spectrogram_cache import BytesLRUCache, CachedBytes
from backend.lightweight_server.services.spectrogram_render import colormap_lut, power_db


def test_power_db_matches_scipy_spectrum_scaling() -> None:
    signal = pytest.importorskip("scipy.signal")
    rng = np.random.default_rng(0)
    rate = 22050
    samples = (0.1 * rng.standard_normal(rate * 2)).astype(np.float32)
    window = 511
    db, freqs = power_db(samples, rate, window / rate, max_frames=10_000)
    ref_freqs, _, ref = signal.spectrogram(
        samples,
        rate,
        window="hann",
        nperseg=window,
        noverlap=window // 2,
        nfft=512,
        scaling="spectrum",
    )
    np.testing.assert_allclose(freqs, ref_freqs)
    assert db.shape == ref.shape
    np.testing.assert_allclose(db, 10 * np.log10(ref), atol=1e-3)


def test_long_slices_are_capped_at_max_frames() -> None:
    samples = np.zeros(48000 * 60, dtype=np.float32)
    db, _ = power_db(samples, 48000, 0.0232, max_frames=800)
    assert db.shape[1] <= 800


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("greys", "Greys"),
        ("viridis", "viridis"),
        ("magma", "magma"),
        ("inferno", "inferno"),
        ("plasma", "plasma"),
    ],
)
def test_colour_tables_equal_matplotlib(ours: str, theirs: str) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    expected = np.asarray(matplotlib.colormaps[theirs](np.linspace(0, 1, 256)))[:, :3] * 255
    np.testing.assert_allclose(colormap_lut(ours), expected, atol=0.51)
    assert set(COLORMAP_HEX) == {"greys", "viridis", "magma", "inferno", "plasma"}


def test_lru_cache_is_bounded_by_bytes_and_evicts_least_recently_used() -> None:
    cache = BytesLRUCache(max_bytes=100)
    for key in "abc":
        cache.put(key, CachedBytes(body=b"x" * 40, content_type="t"))
    assert cache.get("a") is None  # evicted: 3 × 40 > 100
    assert cache.get("b") is not None  # b is now the most recent
    cache.put("d", CachedBytes(body=b"y" * 40, content_type="t"))
    assert cache.get("c") is None
    assert cache.get("b") is not None and cache.get("d") is not None
    assert cache.size_bytes == 80 and len(cache) == 2
    cache.put("huge", CachedBytes(body=b"z" * 101, content_type="t"))
    assert cache.get("huge") is None and len(cache) == 2


@pytest.mark.parametrize("colormap", ["greys", "magma", "viridis"])
def test_png_pixels_are_colours_of_the_chosen_map(colormap: str) -> None:
    import io

    from PIL import Image

    from backend.lightweight_server.services.review_params import SpectrogramParams
    from backend.lightweight_server.services.spectrogram_render import render_spectrogram

    rate = 16000
    t = np.arange(rate) / rate
    samples = (0.3 * np.sin(2 * np.pi * 2000 * t * (1 + t))).astype(np.float32)
    params = SpectrogramParams(path="/x.wav", colormap=colormap, format="png", width_px=120)
    rendered = render_spectrogram(samples, rate, params)
    pixels = np.asarray(Image.open(io.BytesIO(rendered.body)).convert("RGB")).reshape(-1, 3)
    lut = {tuple(int(v) for v in row) for row in colormap_lut(colormap)}
    used = {tuple(int(v) for v in row) for row in np.unique(pixels, axis=0)}
    assert used <= lut
    assert len(used) > 20  # a real range of levels, not one flat colour
    assert rendered.max_hz == 8000 and rendered.sample_rate_hz == rate
