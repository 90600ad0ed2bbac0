"""Serve the built renderer so browser mode needs one port (SPA fallback to index.html).

The build writes gzip and Brotli copies of its assets (``frontend/vite-precompress.ts``);
aiohttp's ``FileResponse`` picks one by the request's ``Accept-Encoding``.
"""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from backend.lightweight_server.app_keys import SETTINGS

routes = web.RouteTableDef()

NOT_BUILT = """<!doctype html><html><body style="font-family:sans-serif;padding:2em">
<h1>Dipper</h1><p>The user interface has not been built yet. Run <code>make run</code> (or
<code>npm run build -w frontend</code>) and reload this page.</p></body></html>"""


def _safe_file(dist: Path, tail: str) -> Path | None:
    candidate = (dist / tail).resolve()
    if candidate.is_file() and candidate.is_relative_to(dist.resolve()):
        return candidate
    return None


@routes.get("/{tail:.*}")
async def frontend(request: web.Request) -> web.StreamResponse:
    tail = request.match_info["tail"]
    if tail.startswith("api/"):
        raise web.HTTPNotFound(reason=f"No API route /{tail}")
    dist = request.app[SETTINGS].frontend_dist
    found = _safe_file(dist, tail) if tail else None
    if found is not None:
        headers = (
            {"Cache-Control": "public, max-age=31536000, immutable"}
            if "/assets/" in ("/" + tail)
            else {"Cache-Control": "no-cache"}
        )
        # FileResponse sends the build's precompressed x.br / x.gz when the browser accepts it
        headers["Vary"] = "Accept-Encoding"
        return web.FileResponse(found, headers=headers)
    index = dist / "index.html"
    if index.is_file():
        return web.FileResponse(index, headers={"Cache-Control": "no-cache"})
    return web.Response(text=NOT_BUILT, content_type="text/html")
