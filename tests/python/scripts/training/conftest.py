"""Training tests also use the torch-env helpers of ``tests/python/scripts`` (``model_files``).

``labelled`` is the folder of cut demo recordings and their two binary annotation tasks
(:mod:`training_data`), made once for each test module that asks for it, so the loop folder a
module's training runs write to is its own.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

SCRIPTS_TESTS = str(Path(__file__).resolve().parents[1])
if SCRIPTS_TESTS not in sys.path:
    sys.path.insert(0, SCRIPTS_TESTS)

from training_data import cut_recordings, write_binary_tasks  # noqa: E402


@pytest.fixture(scope="module")
def labelled(demo_audio: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cut recordings under ``clips/`` with ``petrel.csv`` and ``tit.csv`` next to them."""
    folder = tmp_path_factory.mktemp("training_data")
    write_binary_tasks(folder, cut_recordings(demo_audio, folder))
    return folder
