"""Playback denoising for Review: spectral gating of a short audio slice (numpy only).

Field recordings carry a steady background (wind, rain, distant traffic, recorder hiss) that masks
faint calls. The gate estimates that background per frequency bin as the median of the slice's
magnitudes over time (calls are short, so most frames of a bin hold only background), then lowers
every time-frequency cell whose neighbourhood is not clearly above it. Deciding on 3 × 3 averages
and softening the gain's edges keeps the result from "bubbling" (musical noise). It is a listening
aid: the image and the saved labels never change.

The STFT is a Hann window with 75 % overlap, whose overlap-added squared windows sum to a constant,
so with a gain of one everywhere the slice comes back unchanged (up to float rounding).
"""

from __future__ import annotations

import numpy as np

WINDOW_S = 0.0232  # ~1024 samples at 44.1 kHz: fine enough in frequency for bird song
NOISE_PERCENTILE = 50.0  # the background of a bin: its median over frames (calls are brief)
THRESHOLD_DB = 6.0  # 3 × 3 cells on average this far above the background pass (noise: ~0.1 %)
REDUCTION_DB = 18.0  # how far a background-only cell is lowered
MIN_FRAMES = 8  # shorter slices are returned as they are (no background to estimate)


def _frames(samples: np.ndarray, size: int, hop: int) -> tuple[np.ndarray, int]:
    """Hann-windowed frames covering ``samples`` (zero-padded at both ends) and the padding."""
    pad = size
    count = int(np.ceil((len(samples) + 2 * pad - size) / hop)) + 1
    padded = np.zeros((count - 1) * hop + size, dtype=np.float64)
    padded[pad : pad + len(samples)] = samples
    index = np.arange(size)[None, :] + hop * np.arange(count)[:, None]
    return padded[index] * np.hanning(size + 1)[:-1], pad


def _smooth(values: np.ndarray, frames: int, bins: int) -> np.ndarray:
    """Mean of each cell's ``frames`` × ``bins`` neighbourhood (odd sizes), edges repeated."""
    dt, df = frames // 2, bins // 2
    padded = np.pad(values, ((dt, dt), (df, df)), mode="edge")
    rows, cols = values.shape
    total = np.zeros_like(values)
    for i in range(frames):
        for j in range(bins):
            total += padded[i : i + rows, j : j + cols]
    return total / (frames * bins)


def denoise(samples: np.ndarray, sample_rate_hz: int) -> np.ndarray:
    """``samples`` (float, mono or ``(frames, channels)``) with the steady background lowered.

    Parameters
    ----------
    samples
        Audio in -1..1; each channel is gated with its own background estimate.
    sample_rate_hz
        Sample rate, to size the analysis window in seconds.

    Returns
    -------
    numpy.ndarray
        Same shape and dtype as ``samples``.
    """
    if samples.ndim == 2:
        channels = [denoise(samples[:, c], sample_rate_hz) for c in range(samples.shape[1])]
        return np.stack(channels, axis=1).astype(samples.dtype, copy=False)
    size = max(16, int(round(WINDOW_S * sample_rate_hz / 2)) * 2)
    hop = size // 4
    if len(samples) < size * MIN_FRAMES // 4:
        return samples
    frames, pad = _frames(samples.astype(np.float64), size, hop)
    spectrum = np.fft.rfft(frames, axis=1)
    magnitude_db = 20 * np.log10(np.abs(spectrum) + 1e-10)
    background_db = np.percentile(magnitude_db, NOISE_PERCENTILE, axis=0)
    # decide on the level averaged over neighbouring cells: a lone noise peak does not pass,
    # a call (several frames and bins above the background) does
    above_db = _smooth(magnitude_db - background_db[None, :], 3, 3)
    floor = 10 ** (-REDUCTION_DB / 20)
    gain = _smooth(np.where(above_db >= THRESHOLD_DB, 1.0, floor), 3, 3)  # soft edges
    cleaned = np.fft.irfft(spectrum * gain, n=size, axis=1)
    window = np.hanning(size + 1)[:-1]
    out = np.zeros((len(frames) - 1) * hop + size)
    norm = np.zeros_like(out)
    for i, frame in enumerate(cleaned):
        out[i * hop : i * hop + size] += frame * window
        norm[i * hop : i * hop + size] += window**2
    out /= np.maximum(norm, 1e-8)
    result = out[pad : pad + len(samples)]
    return np.clip(result, -1.0, 1.0).astype(samples.dtype, copy=False)
