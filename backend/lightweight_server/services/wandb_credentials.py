"""The user's Weights & Biases API key, kept in a private file in the data folder.

``<data>/wandb_credentials.json`` (``{"api_key", "entity"}``), mode 0600, written atomically
(temp file in the same folder + ``os.replace``). The key is only ever read to hand it to a task's
process as ``WANDB_API_KEY``; :meth:`WandbCredentials.status` never includes it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from backend.lightweight_server.errors import InvalidRequest

CREDENTIALS_FILE = "wandb_credentials.json"
_KEY_SECRET = re.compile(r"^[A-Za-z0-9_]+$")
_ENTITY = re.compile(r"^[\w.\-]{1,128}$")
MIN_SECRET_CHARS = 40  # W&B keys have a 40+ character secret, after an optional "<host>-" prefix


def check_api_key(api_key: str) -> str:
    """The stripped key; raises ``InvalidRequest`` (never echoing the key) when malformed.

    Same rule as ``wandb``'s own check: an optional on-premises prefix ending in ``-``, then a
    secret of at least 40 letters, digits or underscores.
    """
    key = api_key.strip()
    secret = key.rsplit("-", 1)[-1]
    if len(key) > 512 or not _KEY_SECRET.match(secret) or len(secret) < MIN_SECRET_CHARS:
        raise InvalidRequest(
            "That does not look like a W&B API key (40 or more letters and digits). Copy it "
            "from wandb.ai/authorize and paste it whole.",
            {"fields": ["api_key"]},
        )
    return key


class WandbCredentials:
    """Read, store and forget the W&B key of this data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / CREDENTIALS_FILE

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) and isinstance(data.get("api_key"), str) else {}

    def status(self) -> dict[str, Any]:
        """``{"logged_in": bool, "entity": str | None}`` — never the key."""
        data = self._read()
        return {"logged_in": bool(data), "entity": data.get("entity") if data else None}

    def api_key(self) -> str | None:
        """The stored key, for a task's environment only."""
        return self._read().get("api_key")

    def login(self, api_key: str, entity: str | None = None) -> dict[str, Any]:
        """Check the key's format and store it (with the optional default entity)."""
        key = check_api_key(api_key)
        entity = (entity or "").strip() or None
        if entity is not None and not _ENTITY.match(entity):
            raise InvalidRequest(
                "The W&B entity (user or team name) may only hold letters, digits, dots, dashes "
                "and underscores.",
                {"fields": ["entity"]},
            )
        self._write({"api_key": key, "entity": entity})
        return self.status()

    def logout(self) -> dict[str, Any]:
        """Forget the key (nothing happens when none is stored)."""
        self.path.unlink(missing_ok=True)
        return self.status()

    def _write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # mkstemp creates the file with mode 0600, so the key is never readable by others
        fd, tmp = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
        )
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
