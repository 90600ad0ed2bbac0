"""``python -m backend.scripts.extraction --config cfg.json`` (an ``ExtractionConfig``)."""

from __future__ import annotations

from collections.abc import Sequence

from backend.common.extraction_config import ExtractionConfig
from backend.scripts.job_io import run_script


def main(argv: Sequence[str] | None = None) -> int:
    """Validate the config, then run the extraction; return the exit code."""
    from backend.scripts.extraction.run import run_extraction

    return run_script(argv, ExtractionConfig, run_extraction)


if __name__ == "__main__":
    raise SystemExit(main())
