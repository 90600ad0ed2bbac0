"""Route ``GET /api/spectrogram``: a spectrogram image of an audio slice, cached and cacheable."""

from __future__ import annotations

import asyncio

from aiohttp import web

from backend.lightweight_server.app_keys import GUARD
from backend.lightweight_server.services.audio_slices import resolve_audio
from backend.lightweight_server.services.http_ranges import etag_matches
from backend.lightweight_server.services.review_media import spectrogram_etag, spectrogram_image
from backend.lightweight_server.services.review_params import SpectrogramParams, parse_params
from backend.lightweight_server.services.spectrogram_cache import BytesLRUCache

SPECTROGRAM_CACHE = web.AppKey("spectrogram_cache", BytesLRUCache)
SPECTROGRAM_CACHE_CONTROL = "private, max-age=86400"
routes = web.RouteTableDef()


@routes.get("/api/spectrogram")
async def spectrogram(request: web.Request) -> web.Response:
    params = parse_params(SpectrogramParams, request.query, "spectrogram")
    loop = asyncio.get_running_loop()
    info = await loop.run_in_executor(None, resolve_audio, request.app[GUARD], params.path)
    etag = spectrogram_etag(info, params)
    headers = {"ETag": etag, "Cache-Control": SPECTROGRAM_CACHE_CONTROL}
    if etag_matches(request.headers.get("If-None-Match"), etag):
        return web.Response(status=304, headers=headers)
    cache = request.app[SPECTROGRAM_CACHE]
    item, hit = await loop.run_in_executor(None, spectrogram_image, cache, info, params)
    headers.update(item.headers)
    headers["X-Dipper-Cache"] = "hit" if hit else "miss"
    return web.Response(body=item.body, content_type=item.content_type, headers=headers)
