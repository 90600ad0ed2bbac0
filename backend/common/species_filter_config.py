"""The location + date species filter of an inference config (BirdNET only).

BirdNET's meta-model predicts, for a latitude, longitude and week of the year, how likely each of
its species is to occur there. :class:`SpeciesFilter` holds that query (the date as
``YYYY-MM-DD``, converted to BirdNET's 48-week index by :func:`week_48`); the inference script and
the server's preview run the model (``backend.scripts.species_filter``). Pure pydantic, so the
server validates it without the torch environment.
"""

from __future__ import annotations

from datetime import date as Date

from pydantic import BaseModel, ConfigDict, Field, field_validator

DEFAULT_MIN_OCCURRENCE = 0.03  # BirdNET-Analyzer's default location-filter threshold
YEAR_ROUND_WEEK = -1  # the meta-model's input for "any time of year"


def week_48(day: Date | None) -> int:
    """BirdNET's week index of ``day`` (1..48, four "weeks" a month); ``-1`` for the whole year.

    As BirdNET-Analyzer counts them: days 1-7 of a month are its first week, 8-14 the second,
    15-21 the third, 22 to the month's end the fourth (1 May → 17, 31 December → 48).
    """
    if day is None:
        return YEAR_ROUND_WEEK
    return (day.month - 1) * 4 + min(4, (day.day - 1) // 7 + 1)


class SpeciesFilter(BaseModel):
    """Keep only the species BirdNET's meta-model expects at a place and time (BirdNET only)."""

    model_config = ConfigDict(extra="forbid")

    latitude: float = Field(ge=-90.0, le=90.0, description="Decimal degrees, north positive.")
    longitude: float = Field(ge=-180.0, le=180.0, description="Decimal degrees, east positive.")
    date: str | None = Field(
        default=None,
        description="Recording date YYYY-MM-DD (only its week of the year is used); None = any "
        "time of year.",
    )
    min_occurrence: float = Field(
        default=DEFAULT_MIN_OCCURRENCE,
        gt=0.0,
        lt=1.0,
        description="Keep species whose predicted occurrence is at least this (0..1).",
    )

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        try:
            return Date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            raise ValueError(
                f"'{value}' is not a date: write it as YYYY-MM-DD (e.g. 2024-05-17), or leave it "
                "empty for the whole year"
            ) from None

    def week(self) -> int:
        """The meta-model's week input: 1..48, or -1 (whole year) when no date is set."""
        return week_48(Date.fromisoformat(self.date) if self.date else None)
