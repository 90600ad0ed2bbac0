"""Domain errors raised by services; one middleware turns them into the JSON error shape.

Each error carries an HTTP status, a stable ``code`` (the class name) and a plain-words message that
tells the user what to do.
"""

from __future__ import annotations

from typing import Any


class DipperError(Exception):
    """Base class: ``message`` is shown to the user as is."""

    status = 400

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}

    @property
    def code(self) -> str:
        return type(self).__name__

    def to_json(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "details": self.details}}


class TaskNotFound(DipperError):
    status = 404


class InvalidConfig(DipperError):
    status = 422


class InvalidRequest(DipperError):
    status = 400


class InvalidTaskState(DipperError):
    status = 409


class PathNotAllowed(DipperError):
    status = 403


class PathNotFound(DipperError):
    status = 404


class EnvironmentMissing(DipperError):
    status = 409


class Unauthorized(DipperError):
    status = 401


class StoreError(DipperError):
    status = 500
