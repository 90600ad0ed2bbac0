"""HTTP request headers for cached media: ``Range`` (RFC 9110 §14) and ``If-None-Match``.

One byte range per request; multi-range requests (``bytes=0-1,5-9``) are answered with the whole
body, which the RFC allows.
"""

from __future__ import annotations

from backend.lightweight_server.errors import RangeNotSatisfiable


def parse_byte_range(header: str | None, size_bytes: int) -> tuple[int, int] | None:
    """The inclusive ``(first, last)`` byte positions a ``Range`` header asks for.

    Parameters
    ----------
    header
        The ``Range`` header value, e.g. ``bytes=0-99``, ``bytes=100-`` or ``bytes=-500``.
    size_bytes
        Size of the full body.

    Returns
    -------
    tuple of int or None
        ``None`` when there is no usable single byte range (serve the whole body with 200).

    Raises
    ------
    RangeNotSatisfiable
        The range starts at or after the end of the body (answer 416).
    """
    if not header:
        return None
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first_text, dash, last_text = spec.strip().partition("-")
    if not dash:
        return None
    try:
        if first_text == "":
            suffix = int(last_text)
            if suffix <= 0:
                raise RangeNotSatisfiable(
                    "The requested range is empty.", {"size_bytes": size_bytes}
                )
            return max(0, size_bytes - suffix), size_bytes - 1
        first = int(first_text)
        last = int(last_text) if last_text != "" else size_bytes - 1
    except ValueError:
        return None
    if first < 0 or last < first:
        return None
    if first >= size_bytes:
        raise RangeNotSatisfiable(
            f"The requested range starts at byte {first}, past the end ({size_bytes} bytes).",
            {"size_bytes": size_bytes},
        )
    return first, min(last, size_bytes - 1)


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """True when an ``If-None-Match`` header names ``etag`` (weak comparison) or is ``*``."""
    if not if_none_match:
        return False
    wanted = etag.removeprefix("W/")
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == wanted:
            return True
    return False
