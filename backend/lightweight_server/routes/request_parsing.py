"""Parse request bodies and queries with pydantic at the edge."""

from __future__ import annotations

from typing import TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from backend.lightweight_server.errors import InvalidRequest

M = TypeVar("M", bound=BaseModel)


async def parse_body(request: web.Request, model: type[M]) -> M:
    """Read the JSON body into ``model`` or raise ``InvalidRequest`` naming the bad fields."""
    try:
        data = await request.json() if request.can_read_body else {}
    except ValueError as exc:
        raise InvalidRequest("The request body is not valid JSON.") from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fields = [".".join(str(p) for p in e["loc"]) for e in exc.errors()]
        msgs = "; ".join(
            f"{f or 'body'}: {e['msg']}" for f, e in zip(fields, exc.errors(), strict=True)
        )
        raise InvalidRequest(f"The request is not valid — {msgs}", {"fields": fields}) from exc
