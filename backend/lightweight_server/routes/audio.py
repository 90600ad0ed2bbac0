"""Route ``GET /api/audio``: a recording or a slice of it as 16-bit PCM WAV, with Range support."""

from __future__ import annotations

import asyncio

from aiohttp import web

from backend.lightweight_server.app_keys import GUARD
from backend.lightweight_server.errors import RangeNotSatisfiable
from backend.lightweight_server.services.audio_slices import is_plain_pcm16_wav, resolve_audio
from backend.lightweight_server.services.http_ranges import etag_matches, parse_byte_range
from backend.lightweight_server.services.review_media import audio_etag, audio_wav
from backend.lightweight_server.services.review_params import AudioParams, parse_params
from backend.lightweight_server.services.spectrogram_cache import BytesLRUCache

AUDIO_CACHE = web.AppKey("audio_cache", BytesLRUCache)
AUDIO_CACHE_CONTROL = "private, max-age=3600"
routes = web.RouteTableDef()


def ranged_response(
    request: web.Request, body: bytes, content_type: str, headers: dict[str, str]
) -> web.Response:
    """200 with the whole body, or 206 with the one byte range asked for, or 416."""
    size = len(body)
    if_range = request.headers.get("If-Range")
    range_header = request.headers.get("Range")
    if if_range and if_range != headers.get("ETag"):
        range_header = None
    try:
        byte_range = parse_byte_range(range_header, size)
    except RangeNotSatisfiable as exc:
        return web.json_response(
            exc.to_json(),
            status=exc.status,
            headers={**headers, "Content-Range": f"bytes */{size}"},
        )
    if byte_range is None:
        return web.Response(body=body, content_type=content_type, headers=headers)
    first, last = byte_range
    return web.Response(
        status=206,
        body=body[first : last + 1],
        content_type=content_type,
        headers={**headers, "Content-Range": f"bytes {first}-{last}/{size}"},
    )


@routes.get("/api/audio")
async def audio(request: web.Request) -> web.StreamResponse:
    params = parse_params(AudioParams, request.query, "audio")
    loop = asyncio.get_running_loop()
    info = await loop.run_in_executor(None, resolve_audio, request.app[GUARD], params.path)
    whole_file = params.start_s is None and params.end_s is None
    if whole_file and not params.denoise and is_plain_pcm16_wav(info):
        # Already what we send: stream it from disk (aiohttp handles Range, ETag and 304).
        return web.FileResponse(
            info.path,
            headers={"Cache-Control": AUDIO_CACHE_CONTROL, "Content-Type": "audio/wav"},
        )
    etag = audio_etag(info, params)
    headers = {"ETag": etag, "Cache-Control": AUDIO_CACHE_CONTROL, "Accept-Ranges": "bytes"}
    if etag_matches(request.headers.get("If-None-Match"), etag):
        return web.Response(status=304, headers=headers)
    body = await loop.run_in_executor(None, audio_wav, request.app[AUDIO_CACHE], info, params)
    return ranged_response(request, body, "audio/wav", headers)
