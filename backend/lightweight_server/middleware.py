"""Middlewares: token check on the API, and domain errors → one JSON error shape."""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from backend.lightweight_server.app_keys import SETTINGS
from backend.lightweight_server.errors import DipperError, Unauthorized

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
PUBLIC_API_PATHS = {"/api/health"}


def _presented_token(request: web.Request) -> str | None:
    auth = request.headers.get("Authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("X-Dipper-Token") or request.query.get("token")


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Translate every domain error (and unexpected ones) into ``{"error": {...}}``."""
    try:
        return await handler(request)
    except DipperError as exc:
        return web.json_response(exc.to_json(), status=exc.status)
    except web.HTTPException as exc:
        if not request.path.startswith("/api/") or exc.status < 400:
            raise
        body = {"error": {"code": type(exc).__name__, "message": exc.reason, "details": {}}}
        return web.json_response(body, status=exc.status)
    except Exception:
        log.exception("unexpected error on %s %s", request.method, request.path)
        body = {
            "error": {
                "code": "InternalError",
                "message": "Something went wrong inside Dipper's server. The details are in the "
                "server log; please report them.",
                "details": {},
            }
        }
        return web.json_response(body, status=500)


@web.middleware
async def token_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Require the secret token on ``/api`` routes (health stays public for start-up checks)."""
    expected = request.app[SETTINGS].token
    if expected and request.path.startswith("/api/") and request.path not in PUBLIC_API_PATHS:
        presented = _presented_token(request) or ""
        if not hmac.compare_digest(presented.encode(), expected.encode()):
            raise Unauthorized(
                "This Dipper server needs its access token. Open the full URL printed when the "
                "server started (it ends with ?token=…)."
            )
    return await handler(request)
