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


class AudioNotFound(DipperError):
    """An audio file the review needs is not where its path points (code ``audio_not_found``)."""

    status = 404

    @property
    def code(self) -> str:
        return "audio_not_found"


class AudioReadError(DipperError):
    """An audio file exists but cannot be decoded (code ``audio_read_error``)."""

    status = 422

    @property
    def code(self) -> str:
        return "audio_read_error"


class InvalidAnnotationFile(DipperError):
    """An annotation CSV lacks a required column or is not a CSV (``invalid_annotation_file``)."""

    status = 400

    @property
    def code(self) -> str:
        return "invalid_annotation_file"


class FileChanged(DipperError):
    """The file on disk changed since it was loaded; saving would overwrite (``file_changed``)."""

    status = 409

    @property
    def code(self) -> str:
        return "file_changed"


class RangeNotSatisfiable(DipperError):
    """A ``Range`` header asks for bytes past the end of the resource."""

    status = 416
