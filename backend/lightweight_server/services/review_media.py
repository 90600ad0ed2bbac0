"""Use cases behind ``/api/audio`` and ``/api/spectrogram``: cache keys, ETags, cached rendering.

Keys hold the file's identity (absolute path, size, mtime) and every parameter, so an edited file or
a changed setting never shows a stale image. The routes check ``If-None-Match`` against the ETag
before anything is decoded.
"""

from __future__ import annotations

import hashlib

from backend.lightweight_server.errors import InvalidRequest
from backend.lightweight_server.services.audio_slices import (
    AudioInfo,
    mono_samples,
    wav_slice_bytes,
)
from backend.lightweight_server.services.review_params import (
    MAX_SPECTROGRAM_S,
    AudioParams,
    SpectrogramParams,
)
from backend.lightweight_server.services.spectrogram_cache import BytesLRUCache, CachedBytes
from backend.lightweight_server.services.spectrogram_render import render_spectrogram

SPECTROGRAM_CACHE_BYTES = 64 * 1024 * 1024
AUDIO_CACHE_BYTES = 64 * 1024 * 1024
AUDIO_CACHE_MAX_ITEM_BYTES = 8 * 1024 * 1024


def _etag(key: str) -> str:
    return '"' + hashlib.sha1(key.encode()).hexdigest()[:32] + '"'


def spectrogram_key(info: AudioInfo, params: SpectrogramParams) -> str:
    """Cache key and ETag source: the file version plus every drawing parameter."""
    fields = params.model_dump(exclude={"path"})
    return f"spec|{info.version_key()}|" + "|".join(f"{k}={fields[k]}" for k in sorted(fields))


def spectrogram_etag(info: AudioInfo, params: SpectrogramParams) -> str:
    """Strong ETag of a spectrogram image."""
    return _etag(spectrogram_key(info, params))


def spectrogram_image(
    cache: BytesLRUCache, info: AudioInfo, params: SpectrogramParams
) -> tuple[CachedBytes, bool]:
    """The encoded spectrogram (from the cache when drawn before) and whether it was a cache hit.

    Raises
    ------
    InvalidRequest
        The slice is longer than ``MAX_SPECTROGRAM_S`` or a parameter does not fit this file.
    """
    key = spectrogram_key(info, params)
    cached = cache.get(key)
    if cached is not None:
        return cached, True
    end_s = info.duration_s if params.end_s is None else min(params.end_s, info.duration_s)
    if end_s - (params.start_s or 0.0) > MAX_SPECTROGRAM_S:
        raise InvalidRequest(
            f"A spectrogram can cover at most {MAX_SPECTROGRAM_S:g} s; give start_s and end_s "
            f"for a shorter part of '{info.path.name}' ({info.duration_s:.1f} s long).",
            {"fields": ["end_s"]},
        )
    samples = mono_samples(info, params.start_s, params.end_s)
    rendered = render_spectrogram(samples, info.sample_rate_hz, params)
    item = CachedBytes(
        body=rendered.body,
        content_type=rendered.content_type,
        headers=(
            ("X-Dipper-Sample-Rate", str(rendered.sample_rate_hz)),
            ("X-Dipper-Min-Hz", f"{rendered.min_hz:g}"),
            ("X-Dipper-Max-Hz", f"{rendered.max_hz:g}"),
        ),
    )
    cache.put(key, item)
    return item, False


def audio_key(info: AudioInfo, params: AudioParams) -> str:
    """Cache key and ETag source of an audio slice."""
    return f"audio|{info.version_key()}|{params.start_s}|{params.end_s}|denoise={params.denoise}"


def audio_etag(info: AudioInfo, params: AudioParams) -> str:
    """Strong ETag of an audio slice (or of the whole file)."""
    return _etag(audio_key(info, params))


def audio_wav(cache: BytesLRUCache, info: AudioInfo, params: AudioParams) -> bytes:
    """The slice as 16-bit PCM WAV bytes; small slices are kept for repeated Range requests."""
    key = audio_key(info, params)
    cached = cache.get(key)
    if cached is not None:
        return cached.body
    body = wav_slice_bytes(info, params.start_s, params.end_s, denoised=params.denoise)
    if len(body) <= AUDIO_CACHE_MAX_ITEM_BYTES:
        cache.put(key, CachedBytes(body=body, content_type="audio/wav"))
    return body
