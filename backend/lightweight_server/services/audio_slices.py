"""Read audio for the Review tab: file checks, slices as 16-bit PCM WAV bytes, mono samples.

numpy and soundfile are imported on first use so that they do not slow the server's start-up.
A path that does not exist gives ``AudioNotFound`` naming the absolute path tried and how to fix the
"Root audio folder" setting.
"""

from __future__ import annotations

import hashlib
import io
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from backend.lightweight_server.errors import AudioNotFound, AudioReadError, InvalidRequest
from backend.lightweight_server.services.path_guard import PathGuard

if TYPE_CHECKING:
    import numpy as np

MAX_DECODED_BYTES = 1024 * 1024 * 1024


@dataclass(frozen=True)
class AudioInfo:
    """What the server knows about one audio file (enough for cache keys and slicing)."""

    path: Path
    size_bytes: int
    mtime_ns: int
    sample_rate_hz: int
    frames: int
    channels: int
    subtype: str
    container: str

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate_hz if self.sample_rate_hz else 0.0

    def version_key(self) -> str:
        """Changes whenever the file is replaced or edited."""
        return f"{self.path}|{self.size_bytes}|{self.mtime_ns}"


def missing_audio_message(path: Path) -> str:
    """Plain-words message for an audio file that is not there."""
    return (
        f"No audio file at '{path}'. If the annotation file lists relative paths, set \"Root audio "
        'folder" to the folder those paths start from; if it lists absolute paths, clear "Root '
        'audio folder".'
    )


def resolve_audio(guard: PathGuard, raw_path: str) -> AudioInfo:
    """Check an audio path (inside the allowed roots, exists, decodable) and describe it.

    Raises
    ------
    AudioNotFound
        The file does not exist; the message names the absolute path tried.
    AudioReadError
        The file exists but is not audio that can be read.
    """
    path = guard.check(raw_path, "audio file")
    if not path.is_file():
        raise AudioNotFound(missing_audio_message(path), {"path": str(path)})
    import soundfile

    stat = path.stat()
    try:
        info = soundfile.info(str(path))
    except (RuntimeError, soundfile.LibsndfileError) as exc:
        raise AudioReadError(
            f"'{path}' cannot be read as audio ({exc}). Check that it is a WAV, FLAC, MP3 or OGG "
            "file that plays in another program.",
            {"path": str(path)},
        ) from exc
    return AudioInfo(
        path=path,
        size_bytes=stat.st_size,
        mtime_ns=stat.st_mtime_ns,
        sample_rate_hz=int(info.samplerate),
        frames=int(info.frames),
        channels=int(info.channels),
        subtype=str(info.subtype),
        container=str(info.format),
    )


def frame_range(info: AudioInfo, start_s: float | None, end_s: float | None) -> tuple[int, int]:
    """First and end frame of a slice (``end_s`` past the end is clipped to the file's end)."""
    start = round((start_s or 0.0) * info.sample_rate_hz)
    end = info.frames if end_s is None else min(info.frames, round(end_s * info.sample_rate_hz))
    if start >= info.frames:
        raise InvalidRequest(
            f"start_s={start_s} is past the end of '{info.path.name}' "
            f"({info.duration_s:.3f} s long).",
            {"fields": ["start_s"]},
        )
    return start, max(end, start + 1)


def slice_etag(info: AudioInfo, start_s: float | None, end_s: float | None) -> str:
    """Strong ETag for a slice: changes with the file (size, mtime) and the slice bounds."""
    digest = hashlib.sha1(f"{info.version_key()}|{start_s}|{end_s}".encode()).hexdigest()
    return f'"{digest[:32]}"'


def read_frames(info: AudioInfo, start: int, end: int, dtype: str) -> np.ndarray:
    """Decode frames ``start:end`` as a ``(frames, channels)`` array of ``dtype``."""
    import soundfile

    itemsize = 2 if dtype == "int16" else 4
    if (end - start) * info.channels * itemsize > MAX_DECODED_BYTES:
        raise InvalidRequest(
            f"That part of '{info.path.name}' is too long to send at once: ask for a shorter "
            "slice with start_s and end_s."
        )
    try:
        with soundfile.SoundFile(str(info.path)) as handle:
            if start:
                handle.seek(start)
            return handle.read(end - start, dtype=dtype, always_2d=True)
    except (RuntimeError, soundfile.LibsndfileError) as exc:
        raise AudioReadError(
            f"'{info.path}' could not be decoded ({exc}).", {"path": str(info.path)}
        ) from exc


def wav_slice_bytes(
    info: AudioInfo, start_s: float | None, end_s: float | None, denoised: bool = False
) -> bytes:
    """The slice as a complete WAV file: 16-bit PCM, original sample rate and channels.

    ``denoised`` lowers the steady background first (``audio_denoise.denoise``).
    """
    start, end = frame_range(info, start_s, end_s)
    if denoised:
        import numpy as np

        from backend.lightweight_server.services.audio_denoise import denoise

        floats = denoise(read_frames(info, start, end, "float32"), info.sample_rate_hz)
        samples = np.round(floats * 32767).astype(np.int16)
    else:
        samples = read_frames(info, start, end, "int16")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(info.channels)
        out.setsampwidth(2)
        out.setframerate(info.sample_rate_hz)
        out.writeframes(samples.astype("<i2", copy=False).tobytes())
    return buffer.getvalue()


def is_plain_pcm16_wav(info: AudioInfo) -> bool:
    """True when the file itself is already what ``/api/audio`` sends (served from disk as is)."""
    return info.container == "WAV" and info.subtype == "PCM_16"


def mono_samples(info: AudioInfo, start_s: float | None, end_s: float | None) -> np.ndarray:
    """The slice as float32 mono samples in -1..1 (channels averaged)."""
    start, end = frame_range(info, start_s, end_s)
    samples = read_frames(info, start, end, "float32")
    return samples.mean(axis=1) if samples.shape[1] > 1 else samples[:, 0]
