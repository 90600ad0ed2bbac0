"""The extraction job: predictions folder in, annotation task(s), summary and clips out.

:func:`run_extraction` is the testable core (``core(config, reporter)`` for
:func:`backend.scripts.job_io.run_script`). Progress: reading files 0–30 %, selecting 30–40 %
(embedding the candidates of diversity/hybrid included), clips 40–95 %, writing 95–100 %. Labelled
files are read first, so a bad one fails at once. Besides ``OUT``'s files, the job folder gets
``summary.csv`` (a copy of the summary, for the app), ``outputs.json`` (``{"outputs": [annotation
CSVs..., summary], "review_audio_root": ...}``) and, when recordings could not be read,
``failed_files.csv``.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from backend.common.extraction_config import ExtractionConfig, find_prediction_files
from backend.common.job_protocol import write_json_atomic
from backend.scripts.extraction.clips import ClipPlan, write_clips
from backend.scripts.extraction.embeddings import CandidateEmbeddings, open_candidate_embeddings
from backend.scripts.extraction.labelled import LabelledRows, read_labelled_files
from backend.scripts.extraction.loading import Predictions, PredictionsError, load_predictions
from backend.scripts.extraction.outputs import (
    StagedFiles,
    binary_tables,
    class_file_name,
    move_clips,
    multiclass_table,
)
from backend.scripts.extraction.selection import Selection, select_windows
from backend.scripts.inference_outputs import write_failed_files
from backend.scripts.job_io import Reporter
from backend.scripts.training.embedding_cache import CacheStats

SUMMARY_COPY = "summary.csv"
OUTPUTS_MANIFEST = "outputs.json"
FAILED_FILES = "failed_files.csv"


def load_for(config: ExtractionConfig, reporter: Reporter) -> Predictions:
    """Find and read the prediction files of ``config`` (progress 0–30 %)."""
    folder = Path(config.predictions_dir)
    if not folder.is_dir():
        raise PredictionsError(f"The predictions folder {folder} does not exist.")
    paths = find_prediction_files(folder)
    if not paths:
        raise PredictionsError(
            f"No predictions*.csv or sparse_predictions*.pkl under {folder}. Choose the job "
            "folder of a finished inference task."
        )
    reporter.log(f"Reading {len(paths)} prediction file(s), {len(config.classes)} class(es).")

    def on_file(done: float, path: Path) -> None:
        message = f"Reading prediction files: {int(done)}/{len(paths)} done ({path.name})"
        reporter.progress(0.3 * done / len(paths), message)

    return load_predictions([(p, k) for p, k in paths], list(config.classes), on_file)


def _clip_plans(
    config: ExtractionConfig,
    pred: Predictions,
    selection: Selection,
    staging: Path,
    reporter: Reporter,
) -> tuple[dict[tuple[str, float, float], ClipPlan], dict[str, str]]:
    windows: dict[tuple[str, float, float], None] = {}
    for chosen in selection.classes:
        files = pred.files[pred.file_codes[chosen.rows]]
        for file, start, end in zip(
            files, pred.start_s[chosen.rows], pred.end_s[chosen.rows], strict=True
        ):
            windows[(str(file), float(start), float(end))] = None
    assert config.clip_duration_s is not None

    def on_clip(done: int, total: int) -> None:
        reporter.progress(0.4 + 0.55 * done / max(total, 1), f"Wrote {done}/{total} clips")

    return write_clips(list(windows), config.audio_root, config.clip_duration_s, staging, on_clip)


def _labelled_rows(config: ExtractionConfig, reporter: Reporter) -> LabelledRows | None:
    """The labelled rows of ``labelled_annotation_files`` (None when there are none)."""
    if not config.labelled_annotation_files:
        return None
    labelled = read_labelled_files(
        config.labelled_annotation_files, list(config.classes), config.audio_root
    )
    counts = ", ".join(f"{name} {count}" for name, count in labelled.counts.items())
    reporter.log(
        f"Labelled: {len(labelled)} row(s) in {len(labelled.sources)} file(s); labels per "
        f"class: {counts}"
    )
    return labelled


def _candidate_embeddings(config: ExtractionConfig, reporter: Reporter) -> CandidateEmbeddings:
    """The embedding source of diversity/hybrid, reporting progress inside 30–40 %."""

    def on_file(done: int, total: int, stats: CacheStats) -> None:
        reporter.progress(
            0.3 + 0.1 * done / max(total, 1),
            f"Embedding candidate windows: {done}/{total} recordings "
            f"({stats.hits} cached, {stats.misses} new)",
        )

    return open_candidate_embeddings(config, on_file)


def run_extraction(config: ExtractionConfig, reporter: Reporter) -> dict[str, Any]:
    """Build the annotation task(s) described by ``config``.

    Returns
    -------
    dict
        ``{"outputs": [paths], "review_audio_root": str | None, "failed": {file: reason}}``.

    Raises
    ------
    PredictionsError
        When the predictions folder holds no usable prediction file; nothing is written to
        ``output_dir`` then.
    LabelledFileError
        When a labelled annotation file is missing or lacks ``file``/``start_time``/
        ``annotation``.
    """
    labelled = _labelled_rows(config, reporter)
    pred = load_for(config, reporter)
    reporter.progress(0.3, f"Selecting windows from {pred.n_windows:,} windows")
    n_classes = len(config.classes)

    def on_class(done: int, name: str) -> None:
        reporter.progress(
            0.3 + 0.1 * done / n_classes, f"Selected windows for {done}/{n_classes} classes"
        )

    embeddings = _candidate_embeddings(config, reporter) if config.uses_embeddings() else None
    selection = select_windows(config, pred, on_class, labelled, embeddings)
    for note in selection.notes:
        reporter.log(note)
    failed: dict[str, str] = {}
    if embeddings is not None:
        stats = embeddings.stats
        reporter.log(f"Embeddings: {stats.hits} from the cache, {stats.misses} new")
        for source, reason in embeddings.failed.items():
            reporter.log(f"Could not embed windows of {source}: {reason}")
        failed.update(embeddings.failed)
    out = Path(config.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d_%H%M%S")
    staged = StagedFiles()
    staging = out / f".clips_partial_{stamp}"
    plans: dict[tuple[str, float, float], ClipPlan] | None = None
    try:
        if config.export_clips:
            plans, clip_failed = _clip_plans(config, pred, selection, staging, reporter)
            for source, reason in clip_failed.items():
                reporter.log(f"Could not read {source}: {reason}")
            failed.update(clip_failed)
        reporter.progress(0.95, "Writing the annotation task")
        if config.mode == "binary":
            for name, table in binary_tables(pred, selection, plans).items():
                staged.write_csv(out / class_file_name(name, stamp), table)
        else:
            staged.write_csv(
                out / f"annotation_task_{stamp}.csv", multiclass_table(pred, selection, plans)
            )
        summary_path = out / f"extraction_summary_{stamp}.csv"
        staged.write_csv(summary_path, selection.summary)
        review_root = str(out) if config.export_clips else config.audio_root
        record = {
            "review_audio_root": review_root,
            "created_at": stamp,
            **config.model_dump(mode="json"),
        }
        staged.write_json(out / f"extraction_config_{stamp}.json", record)
        if plans is not None:
            move_clips(staging, out / "clips")
        written = staged.commit()
    except BaseException:
        staged.discard()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    outputs = [str(p) for p in written if p.suffix == ".csv" and p != summary_path]
    outputs.append(str(summary_path))
    _write_job_files(config, summary_path, outputs, review_root, failed)
    total = sum(len(c.rows) for c in selection.classes)
    reporter.progress(1.0, f"{total} window(s) chosen for {len(selection.classes)} class(es)")
    if total == 0:
        reporter.log("No window was chosen: see the summary for each class and stratum.")
    return {"outputs": outputs, "review_audio_root": review_root, "failed": failed}


def _write_job_files(
    config: ExtractionConfig,
    summary_path: Path,
    outputs: list[str],
    review_root: str | None,
    failed: dict[str, str],
) -> None:
    if not config.job_dir:
        return
    job = Path(config.job_dir)
    job.mkdir(parents=True, exist_ok=True)
    tmp = job / f".{SUMMARY_COPY}.partial"
    shutil.copyfile(summary_path, tmp)
    tmp.replace(job / SUMMARY_COPY)
    write_json_atomic(
        job / OUTPUTS_MANIFEST, {"outputs": outputs, "review_audio_root": review_root}
    )
    if failed:
        write_failed_files(job / FAILED_FILES, failed)
