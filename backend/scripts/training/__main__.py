"""``python -m backend.scripts.training --config cfg.json`` (a ``TrainingConfig``)."""

from __future__ import annotations

from collections.abc import Sequence

from backend.common.training_config import TrainingConfig
from backend.scripts.job_io import run_script


def main(argv: Sequence[str] | None = None) -> int:
    """Validate the config, then train; return the exit code."""
    from backend.scripts.training.run import run_training

    return run_script(argv, TrainingConfig, run_training)


if __name__ == "__main__":
    raise SystemExit(main())
