"""A labelled set for the active-learning simulation: real calls mixed into noise, embedded.

**Calls** are cut from the real recordings in the pykanto 0.1.8 wheel (the demo's source, MIT
licence; see ``backend/common/demo.py``) using its Sonic Visualiser box annotations:

- ``great_tit``: the 20 segmented Great Tit songs (whole files, 22.05 kHz);
- ``storm_petrel``: the 11 boxed calls of two European Storm-Petrel recordings (44.1 kHz);
- ``bengalese_finch``: the long boxed song of two Bengalese Finch recordings (32 kHz).

Each class's calls are split once into a *pool* part and a *held-out* part (every third song or
call held out: 14 / 6 songs, 8 / 3 calls; for the finch, the first 70 % / last 30 % of each
boxed song), so no held-out window contains a sound the pool has. A third split, *tune*, mixes
pool sounds at the held-out prevalence: a validation set for tuning the hybrid's schedule that
never touches held-out sounds or windows.

**Distractors** (negatives for every class): chunks of a warbler chorus (opensoundscape's
``sample_data/birds_10s.wav``, first 7 s for the pool, last 3 s held out) and synthetic sounds:
frequency sweeps, whistles with vibrato, insect-like buzzes, click trains and engine hum.

**A window** is 3 s at 48 kHz: coloured noise (1/f^β, β ∈ [0, 2], random level) and a Poisson
number of distractors (mean 1.2, SNR −5…+15 dB). Each split has one *background* stream of such
windows and, per class, one stream whose windows add one call chunk of that class (1–2.5 s, at a
random position) at a random SNR in ``snr_db_range`` relative to the background. Window ``i`` of
a stream depends only on ``(data_seed, split, stream, i)``. A split of ``n`` windows where each
class is in a share ``prevalence`` of them takes ``round(prevalence × n)`` windows of each class
stream and the rest from the background stream, shuffled (``composition``): the streams are
cached by prefix, so a bigger pool or another prevalence only embeds the windows it adds. (With
rare classes, windows holding two classes would be rarer than 1 in 10,000; there are none.)
Call-free stretches of the recordings are not used as background: they may hold faint,
unannotated calls, which would be wrong negatives.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_RATE = 48_000
WINDOW_SAMPLES = 3 * SAMPLE_RATE
CLASSES = ["great_tit", "storm_petrel", "bengalese_finch"]
SPLITS = {"pool": 0, "test": 1, "tune": 2}  # "tune": pool sounds, held-out prevalence
GENERATOR_VERSION = 2  # bump when the mixing changes: cached embeddings are then rebuilt
EMBED_BATCH = 32
SAVE_EVERY = 2048  # windows embedded between two cache writes
_DATA = "pykanto/data"


@dataclass(frozen=True)
class MixSettings:
    """How windows are mixed (part of the cache key)."""

    data_seed: int = 0
    prevalence: float = 0.012
    test_prevalence: float = 0.05
    snr_db_range: tuple[float, float] = (-20.0, 5.0)
    distractor_rate: float = 1.2
    distractor_snr_db_range: tuple[float, float] = (-5.0, 15.0)


@dataclass
class LabelledSet:
    """Embeddings ``x`` (n, 1024) float32, labels ``y`` (n, classes) 0/1 and each window's call
    SNRs ``snr_db`` (n, classes; NaN where absent)."""

    x: np.ndarray
    y: np.ndarray
    snr_db: np.ndarray
    classes: list[str] = field(default_factory=lambda: list(CLASSES))


# ---- sources ---------------------------------------------------------------------------------


def _read(archive: zipfile.ZipFile, member: str) -> tuple[np.ndarray, int]:
    import soundfile

    samples, sr = soundfile.read(io.BytesIO(archive.read(member)), dtype="float64", always_2d=True)
    return samples.mean(axis=1), int(sr)


def _to_48k(samples: np.ndarray, sr: int) -> np.ndarray:
    import soxr

    return np.asarray(soxr.resample(samples, sr, SAMPLE_RATE), dtype=np.float64)


def _boxes(archive: zipfile.ZipFile, member: str) -> list[tuple[int, int]]:
    """Sonic Visualiser box annotations: (start frame, end frame) per box."""
    root = ET.fromstring(archive.read(member))
    return [
        (int(p.get("frame", 0)), int(p.get("frame", 0)) + int(p.get("duration", 0)))
        for p in root.iter("point")
    ]


def load_sources(wheel: Path) -> dict[str, dict[str, list[np.ndarray]]]:
    """``{class or "distractor": {"pool" | "test": [48 kHz arrays]}}`` from the real recordings."""
    sources: dict[str, dict[str, list[np.ndarray]]] = {
        name: {"pool": [], "test": []} for name in [*CLASSES, "distractor"]
    }
    with zipfile.ZipFile(wheel) as archive:
        names = sorted(archive.namelist())
        songs = [n for n in names if re.match(rf"{_DATA}/segmented/great_tit/WAV/.+\.wav$", n)]
        for i, member in enumerate(songs):  # every third song held out
            samples, sr = _read(archive, member)
            sources["great_tit"]["test" if i % 3 == 2 else "pool"].append(_to_48k(samples, sr))
        petrel_calls = []
        for member in sorted(
            n for n in names if re.match(rf"{_DATA}/raw/STORM-PETREL/.+\.wav$", n)
        ):
            samples, sr = _read(archive, member)
            for start, end in _boxes(archive, member[:-4] + ".xml"):
                petrel_calls.append(_to_48k(samples[start:end], sr))
        for i, call in enumerate(petrel_calls):  # every third call held out
            sources["storm_petrel"]["test" if i % 3 == 2 else "pool"].append(call)
        for member in (n for n in names if re.match(rf"{_DATA}/raw/BENGALESE_FINCH/.+\.wav$", n)):
            samples, sr = _read(archive, member)
            for start, end in _boxes(archive, member[:-4] + ".xml"):
                song = _to_48k(samples[start:end], sr)
                cut = int(0.7 * len(song))
                sources["bengalese_finch"]["pool"].append(song[:cut])
                sources["bengalese_finch"]["test"].append(song[cut:])
    chorus_path = _chorus_path()
    import soundfile

    chorus, sr = soundfile.read(str(chorus_path), dtype="float64", always_2d=True)
    chorus = _to_48k(chorus.mean(axis=1), int(sr))
    sources["distractor"]["pool"].append(chorus[: 7 * SAMPLE_RATE])
    sources["distractor"]["test"].append(chorus[7 * SAMPLE_RATE :])
    for name, parts in sources.items():
        if not parts["pool"] or not parts["test"]:
            raise SystemExit(
                f"no {name} recordings found in {wheel}: is it the pykanto 0.1.8 wheel?"
            )
    return sources


def _chorus_path() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("opensoundscape")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("opensoundscape is missing: run this in the torch environment")
    return Path(next(iter(spec.submodule_search_locations))) / "sample_data" / "birds_10s.wav"


def pykanto_wheel(work_dir: Path) -> Path:
    """The pykanto wheel: the user's cached copy, else downloaded once (as the demo does)."""
    sys.path.insert(0, str(REPO_ROOT))
    from backend.common.demo import PYKANTO_WHEEL, prepare_demo
    from backend.common.paths import default_data_dir

    for folder in (default_data_dir() / "cache", work_dir / "demo-data" / "cache"):
        if (folder / PYKANTO_WHEEL).is_file():
            return folder / PYKANTO_WHEEL
    demo = prepare_demo(work_dir / "demo-data", report=lambda line: print(f"  {line}", flush=True))
    if demo.audio_dir is None:
        raise SystemExit(f"No pykanto recordings: {demo.message}")
    return work_dir / "demo-data" / "cache" / PYKANTO_WHEEL


# ---- mixing ----------------------------------------------------------------------------------


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x * x) + 1e-20))


def _coloured_noise(rng: np.random.Generator, n: int, beta: float) -> np.ndarray:
    spectrum = rng.normal(size=n // 2 + 1) + 1j * rng.normal(size=n // 2 + 1)
    freqs = np.fft.rfftfreq(n, 1.0 / SAMPLE_RATE)
    spectrum *= 1.0 / np.maximum(freqs, 20.0) ** (beta / 2.0)
    noise = np.fft.irfft(spectrum, n)
    return noise / _rms(noise)


def _fade(x: np.ndarray, seconds: float = 0.01) -> np.ndarray:
    n = min(len(x) // 2, int(seconds * SAMPLE_RATE))
    if n > 0:
        ramp = np.linspace(0.0, 1.0, n)
        x = x.copy()
        x[:n] *= ramp
        x[-n:] *= ramp[::-1]
    return x


def _chunk(rng: np.random.Generator, parts: list[np.ndarray], low_s: float, high_s: float):  # type: ignore[no-untyped-def]
    source = parts[int(rng.integers(len(parts)))]
    length = min(len(source), int(rng.uniform(low_s, high_s) * SAMPLE_RATE))
    start = int(rng.integers(0, len(source) - length + 1))
    return _fade(source[start : start + length])


def _synthetic_distractor(rng: np.random.Generator) -> np.ndarray:
    kind = int(rng.integers(5))
    duration = rng.uniform(0.1, 0.8) if kind < 2 else rng.uniform(0.5, 2.5)
    t = np.arange(int(duration * SAMPLE_RATE)) / SAMPLE_RATE
    if kind == 0:  # sweep with a harmonic
        f0, f1 = rng.uniform(500, 10_000, size=2)
        phase = 2 * np.pi * (f0 * t + (f1 - f0) * t * t / (2 * duration))
        sound = np.sin(phase) + 0.3 * np.sin(2 * phase)
    elif kind == 1:  # whistle with vibrato
        f0 = rng.uniform(1_000, 8_000)
        vibrato = rng.uniform(0, 0.05) * f0 * np.sin(2 * np.pi * rng.uniform(4, 20) * t)
        sound = np.sin(2 * np.pi * np.cumsum(f0 + vibrato) / SAMPLE_RATE)
    elif kind == 2:  # insect-like buzz: amplitude-modulated carrier
        carrier = np.sin(2 * np.pi * rng.uniform(3_000, 9_000) * t)
        sound = carrier * (0.5 + 0.5 * np.sign(np.sin(2 * np.pi * rng.uniform(20, 80) * t)))
    elif kind == 3:  # click train (rain, mechanical)
        sound = np.zeros_like(t)
        clicks = rng.integers(0, len(t), size=int(rng.uniform(5, 60) * duration))
        sound[clicks] = rng.choice([-1.0, 1.0], size=len(clicks))
        sound = np.convolve(sound, np.exp(-np.arange(48) / 8.0), mode="same")
    else:  # engine hum with harmonics
        f0 = rng.uniform(40, 300)
        sound = sum(np.sin(2 * np.pi * f0 * h * t) / h for h in range(1, 6))
    return _fade(np.asarray(sound, dtype=np.float64))


def _place(rng: np.random.Generator, window: np.ndarray, sound: np.ndarray, level: float) -> None:
    sound = sound[:WINDOW_SAMPLES]
    start = int(rng.integers(0, WINDOW_SAMPLES - len(sound) + 1))
    window[start : start + len(sound)] += sound / _rms(sound) * level


def mix_window(
    sources: dict[str, dict[str, list[np.ndarray]]],
    settings: MixSettings,
    split: str,
    stream: int,
    index: int,
) -> tuple[np.ndarray, float]:
    """Window ``index`` of one ``stream`` of ``split``: (144000 float32 samples, call SNR in dB).

    Stream 0 holds background windows (no call, NaN SNR); stream ``c + 1`` holds windows with one
    call of class ``c``.
    """
    rng = np.random.default_rng([settings.data_seed, SPLITS[split], stream, index])
    part = "test" if split == "test" else "pool"  # which sounds: never held-out ones for tuning
    background_level = 10 ** rng.uniform(-2.5, -1.5)
    window = _coloured_noise(rng, WINDOW_SAMPLES, rng.uniform(0.0, 2.0)) * background_level
    for _ in range(int(rng.poisson(settings.distractor_rate))):
        if rng.random() < 0.4:
            sound = _chunk(rng, sources["distractor"][part], 1.0, 3.0)
        else:
            sound = _synthetic_distractor(rng)
        snr = rng.uniform(*settings.distractor_snr_db_range)
        _place(rng, window, sound, background_level * 10 ** (snr / 20))
    call_snr = float("nan")
    if stream > 0:
        call_snr = float(rng.uniform(*settings.snr_db_range))
        call = _chunk(rng, sources[CLASSES[stream - 1]][part], 1.0, 2.5)
        _place(rng, window, call, background_level * 10 ** (call_snr / 20))
    peak = np.abs(window).max()
    if peak > 0.99:  # keep it a valid recording
        window *= 0.99 / peak
    return window.astype(np.float32), call_snr


# ---- composition ---------------------------------------------------------------------------


def composition(n_windows: int, prevalence: float) -> list[int]:
    """Windows per stream for a split of ``n_windows`` where each class is in ``prevalence`` of
    them: ``[background, class 0, class 1, …]`` (at least one window per class)."""
    per_class = max(1, round(prevalence * n_windows))
    background = n_windows - per_class * len(CLASSES)
    if background < 0:
        raise SystemExit(f"prevalence {prevalence} is too high for {n_windows} windows")
    return [background] + [per_class] * len(CLASSES)


def _compose(stored: dict[str, np.ndarray], settings: MixSettings, split: str, n: int):  # type: ignore[no-untyped-def]
    """The split's windows: stream prefixes, shuffled once (fixed by ``data_seed`` and size)."""
    prevalence = settings.prevalence if split == "pool" else settings.test_prevalence
    xs, ys, snrs = [], [], []
    for stream, count in enumerate(composition(n, prevalence)):
        xs.append(stored[f"{split}_{stream}_x"][:count])
        snr = stored[f"{split}_{stream}_snr"][:count]
        labels = np.zeros((count, len(CLASSES)))
        snr_table = np.full((count, len(CLASSES)), np.nan)
        if stream > 0:
            labels[:, stream - 1] = 1.0
            snr_table[:, stream - 1] = snr
        ys.append(labels)
        snrs.append(snr_table)
    order = np.random.default_rng([settings.data_seed, SPLITS[split], n]).permutation(n)
    return LabelledSet(
        np.concatenate(xs)[order], np.concatenate(ys)[order], np.concatenate(snrs)[order]
    )


# ---- embedding, cached -----------------------------------------------------------------------


def _cache_file(cache_dir: Path, settings: MixSettings, wheel: Path) -> Path:
    mixing = {k: v for k, v in asdict(settings).items() if "prevalence" not in k}
    key = json.dumps(
        {"version": GENERATOR_VERSION, "settings": mixing, "wheel": wheel.stat().st_size},
        sort_keys=True,
    )
    return cache_dir / f"mixed_calls_{hashlib.sha1(key.encode()).hexdigest()[:12]}.npz"


def labelled_sets(
    cache_dir: Path, settings: MixSettings, sizes: dict[str, int]
) -> dict[str, LabelledSet]:
    """``sizes[split]`` windows of each split at the settings' prevalence, embedded with BirdNET
    2.4. Each stream (background, one per class) is cached by prefix and independently of the
    prevalence: only windows not in the cache are mixed and embedded, and the cache file is
    rewritten atomically after every part of ``SAVE_EVERY`` windows (an interrupted run keeps
    its work)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    wheel = pykanto_wheel(cache_dir)
    path = _cache_file(cache_dir, settings, wheel)
    stored: dict[str, np.ndarray] = dict(np.load(path)) if path.is_file() else {}
    needed: dict[tuple[str, int], list[range]] = {}
    for split, n in sizes.items():
        prevalence = settings.prevalence if split == "pool" else settings.test_prevalence
        for stream, count in enumerate(composition(n, prevalence)):
            have = len(stored.get(f"{split}_{stream}_snr", ()))
            for first in range(have, count, SAVE_EVERY):  # saved in parts: resumable
                needed[(split, stream)] = needed.get((split, stream), [])
                needed[(split, stream)].append(range(first, min(first + SAVE_EVERY, count)))
    # small parts first: the held-out and per-class windows, then the background
    parts = sorted(
        ((key, r) for key, ranges in needed.items() for r in ranges),
        key=lambda item: (item[0][1] == 0, item[1].start),
    )
    if needed:
        sources = load_sources(wheel)
        embed = _embedder()
        for (split, stream), indices in parts:
            started = time.perf_counter()
            xs, snrs = [], []
            for first in range(indices.start, indices.stop, EMBED_BATCH):
                batch = [
                    mix_window(sources, settings, split, stream, i)
                    for i in range(first, min(first + EMBED_BATCH, indices.stop))
                ]
                xs.append(embed(np.stack([b[0] for b in batch])))
                snrs += [b[1] for b in batch]
            for name, new in (("x", np.concatenate(xs)), ("snr", np.asarray(snrs))):
                old = stored.get(f"{split}_{stream}_{name}")
                stored[f"{split}_{stream}_{name}"] = (
                    new if old is None else np.concatenate([old, new])
                )
            kind = "background" if stream == 0 else CLASSES[stream - 1]
            print(
                f"  embedded {len(indices)} {split} {kind} windows with BirdNET in "
                f"{time.perf_counter() - started:.0f} s",
                flush=True,
            )
            temporary = path.with_name(f".{path.stem}.tmp.npz")
            np.savez(temporary, **stored)
            os.replace(temporary, path)
    else:
        print(f"  all windows cached in {path}", flush=True)
    return {split: _compose(stored, settings, split, n) for split, n in sizes.items()}


def _embedder():  # type: ignore[no-untyped-def]
    """BirdNET 2.4's embedding function for ``(n, 144000)`` float32 windows (the app's embedder)."""
    sys.path.insert(0, str(REPO_ROOT))
    from backend.scripts.birdnet_embed import BirdNETEmbedder
    from backend.scripts.inference_model import birdnet_files

    tflite_path, label_path = birdnet_files()
    model = BirdNETEmbedder(tflite_path, label_path, num_threads=max(1, os.cpu_count() or 1))
    return lambda windows: np.asarray(model.infer(windows), dtype=np.float32)
