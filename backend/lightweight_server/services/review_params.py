"""Validated query parameters for audio slices and spectrogram images (units in the names).

Spectrogram settings are in seconds, Hz and dB so that they mean the same at any sample rate. Every
bad value gives ``InvalidRequest`` naming the parameter and what it accepts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from backend.lightweight_server.errors import InvalidRequest

COLORMAPS = ("greys", "viridis", "magma", "inferno", "plasma")
MAX_SPECTROGRAM_S = 300.0


class AudioSliceParams(BaseModel):
    """Which audio to serve: a file, or the ``start_s``–``end_s`` part of it."""

    model_config = ConfigDict(extra="ignore")

    path: str = Field(min_length=1)
    start_s: float | None = Field(default=None, ge=0)
    end_s: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _end_after_start(self) -> AudioSliceParams:
        if self.end_s is not None and self.end_s <= (self.start_s or 0.0):
            raise ValueError("end_s must be greater than start_s")
        return self


class AudioParams(AudioSliceParams):
    """``/api/audio``: the slice, optionally denoised for listening (``denoise=1``)."""

    denoise: bool = False


class SpectrogramParams(AudioSliceParams):
    """How to draw a spectrogram image of an audio slice."""

    window_s: float = Field(default=0.0232, ge=0.001, le=1.0)
    min_hz: float = Field(default=0.0, ge=0)
    max_hz: float | None = Field(default=None, gt=0)
    min_db: float = Field(default=-100.0, ge=-300, le=100)
    max_db: float = Field(default=-20.0, ge=-300, le=100)
    colormap: Literal["greys", "viridis", "magma", "inferno", "plasma"] = "greys"
    width_px: int = Field(default=400, ge=16, le=4000)
    height_px: int = Field(default=200, ge=16, le=2000)
    format: Literal["webp", "png"] = "webp"

    @model_validator(mode="after")
    def _ranges_ordered(self) -> SpectrogramParams:
        if self.max_hz is not None and self.max_hz <= self.min_hz:
            raise ValueError("max_hz must be greater than min_hz")
        if self.max_db <= self.min_db:
            raise ValueError("max_db must be greater than min_db")
        return self


P = TypeVar("P", bound=BaseModel)


def _blank_to_none(query: Mapping[str, str]) -> dict[str, str | None]:
    return {key: (None if value.strip() == "" else value) for key, value in query.items()}


def parse_params(model: type[P], query: Mapping[str, str], what: str) -> P:
    """Validate query parameters; ``InvalidRequest`` names each bad one.

    Parameters
    ----------
    model
        ``AudioSliceParams`` or ``SpectrogramParams``.
    query
        The raw query (empty values count as not given).
    what
        What the parameters are for, used in the message ("audio", "spectrogram").
    """
    try:
        return model.model_validate(_blank_to_none(query))
    except ValidationError as exc:
        problems = []
        fields = []
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"])
            message = str(error["msg"]).removeprefix("Value error, ")
            for name in ("end_s", "max_hz", "max_db"):
                if not field and message.startswith(name):
                    field = name
            fields.append(field)
            problems.append(f"{field or 'parameters'}: {message}")
        raise InvalidRequest(
            f"Invalid {what} parameter — " + "; ".join(problems), {"fields": fields}
        ) from exc
