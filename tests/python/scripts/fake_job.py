"""A tiny job run through the real script harness (``run_script``), for ``test_job_io.py``.

Run as ``python tests/python/scripts/fake_job.py --config cfg.json``; no torch needed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Literal

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from pydantic import BaseModel, ConfigDict, Field  # noqa: E402

from backend.scripts.job_io import Reporter, run_script  # noqa: E402


class FakeConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["fake"] = "fake"
    output_dir: str
    steps: int = Field(default=3, ge=1)
    step_s: float = Field(default=0.0, ge=0)
    fail: bool = False
    wait_for_signal: bool = False
    job_dir: str | None = None


def fake_core(config: FakeConfig, reporter: Reporter) -> None:
    reporter.log("fake job started")
    if config.wait_for_signal:
        time.sleep(60)
    for i in range(config.steps):
        time.sleep(config.step_s)
        reporter.progress((i + 1) / config.steps, f"step {i + 1}/{config.steps}")
    if config.fail:
        raise RuntimeError("the fake job was told to fail")
    Path(config.job_dir or config.output_dir, "output.txt").write_text("done", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(run_script(sys.argv[1:], FakeConfig, fake_core))
