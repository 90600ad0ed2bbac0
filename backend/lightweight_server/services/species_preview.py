"""Preview of BirdNET's location + date species filter for the inference form.

The meta-model is a TFLite file, and the light server never loads TFLite: the preview runs
``python -m backend.scripts.species_filter`` in the torch environment (JSON request on stdin,
JSON answer on stdout; ~1 s). Answers are cached per request, since the form asks again whenever
a field changes back.
"""

from __future__ import annotations

import json
import subprocess
from collections import OrderedDict
from pathlib import Path
from typing import Any

from backend.common.species_filter_config import SpeciesFilter
from backend.lightweight_server.environment.status import torch_python
from backend.lightweight_server.errors import DipperError, InvalidRequest
from backend.lightweight_server.runner.process import job_environment

PREVIEW_MODULE = "backend.scripts.species_filter"
TIMEOUT_S = 60.0
CACHE_SIZE = 64


class PreviewFailed(DipperError):
    """The preview subprocess failed; the message says why."""

    status = 502


class SpeciesPreview:
    """Runs and caches species-list previews.

    Parameters
    ----------
    code_root
        Folder holding the ``backend`` package (put on the subprocess's ``PYTHONPATH``).
    """

    def __init__(self, code_root: Path) -> None:
        self.code_root = code_root
        self._cache: OrderedDict[str, dict[str, Any]] = OrderedDict()

    def species_list(self, species_filter: SpeciesFilter) -> dict[str, Any]:
        """``{"week", "count", "total", "species": [{"name", "occurrence"}]}``; blocking.

        Raises ``EnvironmentMissing`` when the torch environment is not installed,
        ``InvalidRequest`` for a request the script rejects, ``PreviewFailed`` otherwise.
        """
        key = species_filter.model_dump_json()
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        answer = self._run(species_filter)
        self._cache[key] = answer
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return answer

    def _run(self, species_filter: SpeciesFilter) -> dict[str, Any]:
        command = [str(torch_python()), "-m", PREVIEW_MODULE]
        try:
            done = subprocess.run(
                command,
                input=species_filter.model_dump_json(),
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
                cwd=str(self.code_root),
                env=job_environment(self.code_root),
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise PreviewFailed(
                f"The species list took longer than {TIMEOUT_S:.0f} s; try again."
            ) from exc
        except OSError as exc:
            raise PreviewFailed(f"Could not run the species list: {exc}") from exc
        lines = [ln for ln in done.stdout.splitlines() if ln.strip()]
        try:
            answer = json.loads(lines[-1]) if lines else {}
        except ValueError:
            answer = {}
        if done.returncode == 2 and answer.get("error"):
            raise InvalidRequest(f"The species filter is not valid: {answer['error']}")
        if done.returncode != 0 or "species" not in answer:
            detail = answer.get("error") or (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise PreviewFailed(f"The species list could not be computed: {detail}")
        return answer
