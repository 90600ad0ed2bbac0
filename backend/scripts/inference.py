"""End-to-end classification: run a pretrained model on a set of recordings.

``python -m backend.scripts.inference --config cfg.json`` (an :class:`InferenceConfig`). The
recordings come from :func:`backend.common.audio_selection.select_audio_files` (folder, picked
files, glob patterns, list file), optionally a random test-mode subset. Files are predicted in
chunks; each finished chunk is saved in the job folder so a crashed or canceled job resumes
without redoing finished files (:mod:`backend.scripts.inference_outputs`). Outputs:

- ``predictions.csv`` (dense) or ``sparse_predictions.pkl`` (``sparse_save_threshold`` set), one per
  subfolder with ``split_by_subfolder``;
- ``failed_files.csv`` (``file,reason``), only when some files could not be read. Those files are
  skipped; the job still completes unless no file at all could be read.

Scores are post-processed in this order: activation (over all model classes), class subset, floor.
Heavy libraries (torch, opensoundscape, the model zoo) are imported after the config is validated.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from backend.common.audio_selection import apply_test_mode, select_audio_files
from backend.common.configs import InferenceConfig
from backend.common.job_protocol import new_job_dir
from backend.scripts.inference_model import (
    auto_batch_size,
    auto_num_workers,
    choose_device,
    load_model,
)
from backend.scripts.inference_outputs import (
    FAILED_FILES_FILE,
    ChunkStore,
    apply_activation,
    apply_floor,
    resolve_class_subset,
    subfolder_groups,
    write_failed_files,
    write_outputs,
)
from backend.scripts.job_io import Reporter, run_script
from backend.scripts.local_models import (
    keep_embeddings,
    load_local_model,
    model_label,
    remember_zoo_classes,
)
from backend.scripts.species_filter import apply_species_filter
from backend.scripts.wandb_logging import start_wandb_run

__all__ = ["apply_activation", "chunk_files", "load_model", "main", "run_inference"]

INDEX_COLUMNS = ("file", "start_time", "end_time")

# A chunk of files is predicted in one call and saved, so progress moves (and a resume restarts)
# at least once per chunk. DIPPER_INFERENCE_CHUNK_FILES overrides the count (tests use 1).
CHUNK_MAX_FILES = 32
CHUNK_MAX_BYTES = 64 * 1024 * 1024  # ~12 min of 44.1 kHz 16-bit mono, ~10 s of BirdNET on 2 cores

# Stop early when every file so far failed: the problem is not the data.
GIVE_UP_AFTER_FAILURES = 20


def chunk_files(files: Sequence[Path]) -> Iterator[list[Path]]:
    """Consecutive groups of at most ``CHUNK_MAX_FILES`` files and about ``CHUNK_MAX_BYTES``."""
    max_files = int(os.environ.get("DIPPER_INFERENCE_CHUNK_FILES") or CHUNK_MAX_FILES)
    chunk: list[Path] = []
    size = 0
    for path in files:
        chunk.append(path)
        with contextlib.suppress(OSError):
            size += path.stat().st_size
        if len(chunk) >= max_files or size >= CHUNK_MAX_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def choose_files(config: InferenceConfig, reporter: Reporter) -> list[Path]:
    """The recordings of this job (test mode applied); fails when there are none."""
    selection = select_audio_files(config)
    for problem in selection.problems:
        reporter.log(f"Audio: {problem}")
    files = selection.files
    if not files:
        if selection.problems:
            raise FileNotFoundError(f"No audio files found: {' '.join(selection.problems)}")
        where = f" under {config.audio_dir}" if config.audio_dir else ""
        raise FileNotFoundError(
            f"No audio files with extensions {', '.join(config.extensions)}{where}."
        )
    reporter.log(
        f"Audio: {len(files)} files" + (f" under {config.audio_dir}" if config.audio_dir else "")
    )
    if config.test_mode_files is not None and config.test_mode_files < len(files):
        files = apply_test_mode(files, config.test_mode_files, config.seed)
        reporter.log(
            f"Test mode: {len(files)} files chosen at random (seed {config.seed}): "
            + ", ".join(p.name for p in files[:5])
            + (" …" if len(files) > 5 else "")
        )
    return files


def run_inference(config: InferenceConfig, reporter: Reporter) -> list[Path]:
    """Run ``config.model`` on the configured recordings; resume from earlier runs in ``job_dir``.

    Parameters
    ----------
    config
        The validated job config. ``job_dir`` is created under ``output_dir`` when not set.
    reporter
        Receives progress (fraction of files done) and log lines.

    Returns
    -------
    list[Path]
        The output files written into the job folder.
    """
    started = time.monotonic()
    if config.job_dir:
        job_dir = Path(config.job_dir)
        job_dir.mkdir(parents=True, exist_ok=True)
    else:
        job_dir = new_job_dir(Path(config.output_dir), "inference")
    files = choose_files(config, reporter)
    store = ChunkStore(job_dir)
    state = store.resume()
    todo = [p for p in files if str(p) not in state.done]
    if state.done:
        reporter.log(f"Resuming: {len(files) - len(todo)} files already done, {len(todo)} to go")

    model_name = model_label(config)
    reporter.progress(0.0, f"Loading {model_name} model")
    if config.model_file:
        model = load_local_model(Path(config.model_file), reporter)
        keep_embeddings(model, config, reporter)
    else:
        model = load_model(config.model, reporter)
        remember_zoo_classes(config.model, model, reporter)
    keep = resolve_class_subset(
        config.subset_classes, config.subset_classes_file, list(model.classes)
    )
    if keep is not None:
        reporter.log(f"Subset: keeping {len(keep)} of {len(model.classes)} classes")
    if config.species_filter is not None:
        keep = apply_species_filter(
            config.species_filter, list(model.classes), keep, job_dir, reporter
        )
    wandb_run = start_wandb_run(config.wandb, config.model_dump(mode="json"), job_dir, reporter)
    device = choose_device(config.device, model, reporter)
    batch_size = auto_batch_size(config.batch_size, device)
    num_workers = auto_num_workers(config.num_workers)
    reporter.log(
        f"Model loaded in {time.monotonic() - started:.1f} s; device {device}, batch size "
        f"{batch_size}, {num_workers} workers"
    )
    predict_options = {
        "batch_size": batch_size,
        "num_workers": num_workers,
        "overlap_fraction": config.overlap_fraction or None,
    }
    predict_started = time.monotonic()
    failed = dict(state.failed)
    audio_s = state.audio_s
    done = len(files) - len(todo)
    new_audio_s = 0.0
    reporter.progress(done / len(files), f"Inference: {done}/{len(files)} files")
    for chunk in chunk_files(todo):

        def on_file(position: float, before: int = done, hours: float = audio_s / 3600) -> None:
            # position n + f: at the fraction f of the n-th file of this chunk
            done_now = before + int(position) - 1
            inside = f" ({position % 1:.0%} of file {done_now + 1})" if position % 1 else ""
            reporter.progress(
                (before + position - 1) / len(files),
                f"Inference: {done_now}/{len(files)} files{inside}, {hours:.2f} h audio",
            )

        scores, chunk_failed = predict_chunk(model, chunk, predict_options, on_file)
        failed.update(chunk_failed)
        chunk_audio_s = 0.0
        if scores is not None:
            chunk_audio_s = audio_duration_s(scores)
            scores = postprocess(scores, config, keep)
        store.add(scores, chunk, chunk_failed, chunk_audio_s)
        audio_s += chunk_audio_s
        new_audio_s += chunk_audio_s
        done += len(chunk)
        if len(failed) == done >= GIVE_UP_AFTER_FAILURES:
            write_failed_files(job_dir / FAILED_FILES_FILE, failed)
            raise RuntimeError(
                f"The first {done} audio files all failed, so the job stopped. First reason: "
                f"{next(iter(failed.values()))} (all reasons in {FAILED_FILES_FILE})."
            )
        reporter.progress(
            done / len(files), f"Inference: {done}/{len(files)} files, {audio_s / 3600:.2f} h audio"
        )
        wandb_run.log_progress(done, len(files), new_audio_s, time.monotonic() - predict_started)
    if failed:
        write_failed_files(job_dir / FAILED_FILES_FILE, failed)
        reporter.log(f"{len(failed)} file(s) could not be read; see {FAILED_FILES_FILE}")
    if len(failed) == len(files):
        raise RuntimeError(
            f"None of the {len(files)} audio files could be read; see {FAILED_FILES_FILE}."
        )
    predict_s = time.monotonic() - predict_started
    reporter.log(
        f"Predicted {sum(str(p) not in failed for p in todo)} files "
        f"({new_audio_s / 3600:.2f} h of audio) in this run with {model_name} in "
        f"{predict_s:.1f} s ({new_audio_s / max(predict_s, 1e-9):.0f}x real time)"
    )
    groups = (
        subfolder_groups(files, Path(config.audio_dir) if config.audio_dir else None)
        if config.split_by_subfolder
        else {}
    )
    outputs = write_outputs(
        store.frames(), job_dir, groups, sparse=config.sparse_save_threshold is not None
    )
    if wandb_run.active:
        summary = {"files": len(files), "failed_files": len(failed), "audio_hours": audio_s / 3600}
        wandb_run.finish({**summary, "predict_s": predict_s}, store.frames())
    store.clear()
    reporter.log(
        f"Wrote {', '.join(p.name for p in outputs)} for {len(files) - len(failed)} files "
        f"({audio_s / 3600:.2f} h of audio) in {time.monotonic() - started:.1f} s in all"
    )
    return outputs


def postprocess(scores: Any, config: InferenceConfig, keep: list[str] | None) -> Any:
    """Activation over all classes, then the class subset, then the sparse floor."""
    import numpy as np
    import pandas as pd

    scores = apply_activation(scores, config.activation)
    if keep is not None:
        scores = scores[keep]
    scores = scores.astype(np.float32)
    if config.sparse_save_threshold is None:
        return scores
    floored = apply_floor(scores, config.sparse_save_threshold)
    return floored.astype(pd.SparseDtype(np.float32, np.nan))


def predict_chunk(
    model: Any,
    chunk: Sequence[Path],
    options: dict[str, Any],
    on_file: Callable[[float], None] | None = None,
) -> tuple[Any | None, dict[str, str]]:
    """Scores for the readable files of ``chunk`` (``None`` when none) and ``{file: reason}``.

    opensoundscape skips unreadable files inside a call, except when the first file fails, which
    fails the whole call; then each file is predicted on its own.
    """
    try:
        scores, invalid = _predict(model, [str(p) for p in chunk], options, on_file)
    except Exception as exc:
        if len(chunk) == 1:
            problem = read_problem(chunk[0]) or f"prediction failed: {type(exc).__name__}: {exc}"
            return None, {str(chunk[0]): problem}
        # fall back to one file at a time to isolate the unreadable ones
        frames, failed = [], {}
        for path in chunk:
            frame, one_failed = predict_chunk(model, [path], options)
            failed.update(one_failed)
            if frame is not None:
                frames.append(frame)
        import pandas as pd

        return (pd.concat(frames) if frames else None), failed
    failed = {str(f): read_problem(Path(f)) or "could not be decoded" for f in invalid}
    scores = scores[scores.index.get_level_values("start_time").notna()]
    scores = scores[~scores.index.get_level_values("file").isin(list(failed))]
    with_rows = set(scores.index.get_level_values("file"))
    for path in chunk:  # e.g. an empty recording gives no windows at all
        if str(path) not in with_rows and str(path) not in failed:
            failed[str(path)] = read_problem(path) or "no audio to analyse"
    return (scores if len(scores) else None), failed


def _predict(
    model: Any,
    files: list[str],
    options: dict[str, Any],
    on_file: Callable[[float], None] | None = None,
) -> tuple[Any, set[str]]:
    import warnings

    if hasattr(model, "predict_files"):  # FastBirdNET: reports unreadable files itself
        scores, invalid = model.predict_files(files, **options, on_file=on_file)
        return scores, set(invalid)
    with warnings.catch_warnings():
        # opensoundscape/librosa warn once per unreadable file; we list those files ourselves
        warnings.filterwarnings("ignore", message=".*raised errors and were skipped.*")
        warnings.filterwarnings("ignore", message=".*PySoundFile failed.*")
        warnings.filterwarnings("ignore", message=".*Failed to load metadata.*")
        scores, invalid = model.predict(
            files,
            **options,
            progress_bar=False,
            return_invalid_samples=True,
        )
    return scores, set(invalid.index.get_level_values(0))


def read_problem(path: Path) -> str | None:
    """A short reason why ``path`` cannot be read as audio; ``None`` when it reads fine."""
    if not path.exists():
        return "file not found"
    try:
        import soundfile

        if soundfile.info(str(path)).frames == 0:
            return "the recording is empty (no audio samples)"
    except Exception as exc:  # any failure to decode is a reason
        reason = f"not a readable audio file ({str(exc) or type(exc).__name__})"
    else:
        return None
    try:  # formats libsndfile does not read (e.g. some mp3) may still decode via audioread
        from opensoundscape import Audio

        if len(Audio.from_file(str(path), duration=1.0).samples) == 0:
            return "the recording is empty (no audio samples)"
    except Exception:
        return reason
    return None


def audio_duration_s(scores: Any) -> float:
    """Seconds of audio covered: the sum over files of each file's last window end."""
    windows = scores.index.to_frame(index=False)
    return float(windows.groupby("file")["end_time"].max().sum())


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m backend.scripts.inference --config cfg.json``."""
    return run_script(argv, InferenceConfig, run_inference)


if __name__ == "__main__":
    raise SystemExit(main())
