"""Training tests also use the torch-env helpers of ``tests/python/scripts`` (``model_files``)."""

from __future__ import annotations

import sys
from pathlib import Path

SCRIPTS_TESTS = str(Path(__file__).resolve().parents[1])
if SCRIPTS_TESTS not in sys.path:
    sys.path.insert(0, SCRIPTS_TESTS)
