"""Turn a job's audio-source fields into the sorted list of recordings it will read.

One function, :func:`select_audio_files`, serves both the inference script and the server's "how
many files match?" preview, so the form shows exactly what the job will run on. Standard library
only (the light server imports it).

Rules:

- a folder is searched recursively (unless ``recursive`` is off) for the chosen extensions, in any
  case (``.wav`` finds AudioMoth's ``.WAV``); hidden files and folders (``.*``, which includes the
  macOS ``._*`` resource forks) are left out;
- glob patterns are absolute; ``**`` matches any number of subfolders; the same extension and
  hidden-file rules apply to what they match;
- picked files and the lines of a list file are taken as given, whatever their extension: the user
  named them. Missing ones stay in the list (the job lists them in ``failed_files.csv`` with the
  reason "file not found") and are reported as a problem;
- the result is de-duplicated and sorted by path.
"""

from __future__ import annotations

import glob
import os
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

GLOB_CHARS = frozenset("*?[")


class AudioSourceLike(Protocol):
    """The audio-source fields of a config (``backend.common.configs.AudioSource``)."""

    audio_dir: str | None
    recursive: bool
    extensions: list[str]
    audio_files: list[str]
    audio_globs: list[str]
    audio_list_file: str | None


@dataclass
class AudioSelectionResult:
    """The chosen recordings and plain-words problems found while choosing them.

    ``truncated`` is true when the search stopped at ``max_files``.
    """

    files: list[Path]
    problems: list[str] = field(default_factory=list)
    truncated: bool = False


def select_audio_files(
    source: AudioSourceLike, max_files: int | None = None
) -> AudioSelectionResult:
    """Every recording named by ``source``: de-duplicated, sorted by path.

    Parameters
    ----------
    source
        A config with the audio-source fields.
    max_files
        Stop after this many distinct files (``truncated`` is then set); ``None`` for no limit.
    """
    wanted = {("." + e.lstrip(".")).lower() for e in source.extensions}
    problems: list[str] = []
    seen: dict[str, Path] = {}
    truncated = False

    def add_all(paths: Iterator[Path]) -> bool:
        """Add paths; False once the cap is reached."""
        for path in paths:
            key = os.path.normpath(str(path))
            if key not in seen:
                if max_files is not None and len(seen) >= max_files:
                    return False
                seen[key] = Path(key)
        return True

    sources: list[Iterator[Path]] = []
    if source.audio_dir:
        folder = Path(source.audio_dir).expanduser()
        if folder.is_dir():
            sources.append(walk_folder(folder, wanted, source.recursive))
        else:
            problems.append(f"The audio folder {folder} does not exist.")
    if source.audio_files:
        picked = [Path(p).expanduser() for p in source.audio_files]
        problems.extend(_missing_problem(picked, "picked file"))
        sources.append(iter(picked))
    for pattern in source.audio_globs:
        sources.append(_glob_matches(pattern, wanted, problems))
    if source.audio_list_file:
        listed, list_problems = read_list_file(Path(source.audio_list_file).expanduser())
        problems.extend(list_problems)
        problems.extend(_missing_problem(listed, "file in the list"))
        sources.append(iter(listed))
    for paths in sources:
        if not add_all(paths):
            truncated = True
            break
    return AudioSelectionResult(sorted(seen.values(), key=str), problems, truncated)


def walk_folder(folder: Path, extensions: set[str], recursive: bool = True) -> Iterator[Path]:
    """Audio files in ``folder`` (and its subfolders), hidden ones left out; unordered."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")] if recursive else []
        for name in files:
            if is_audio_name(name, extensions):
                yield Path(root) / name


def is_audio_name(name: str, extensions: set[str]) -> bool:
    """Not hidden and one of ``extensions`` (lower-case, dotted), compared case-insensitively."""
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in extensions


def read_list_file(path: Path) -> tuple[list[Path], list[str]]:
    """``(paths, problems)`` from a list file: one path per line, ``#`` comments, blank lines
    skipped, relative paths resolved against the list file's folder."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return [], [f"The list file {path} does not exist."]
    except (OSError, UnicodeDecodeError) as exc:
        return [], [f"The list file {path} could not be read: {exc}"]
    paths = []
    for line in text.splitlines():
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        candidate = Path(entry).expanduser()
        paths.append(candidate if candidate.is_absolute() else path.parent / candidate)
    if not paths:
        return [], [f"The list file {path} names no files."]
    return paths, []


def glob_fixed_prefix(pattern: str) -> Path:
    """The folder part of ``pattern`` before its first wildcard (what a pattern can reach)."""
    parts = Path(pattern).expanduser().parts
    fixed: list[str] = []
    for part in parts:
        if GLOB_CHARS & set(part):
            break
        fixed.append(part)
    if len(fixed) == len(parts):  # no wildcard: the pattern names one file
        fixed = fixed[:-1]
    return Path(*fixed) if fixed else Path(parts[0] if parts else "/")


def apply_test_mode(files: Sequence[Path], n: int | None, seed: int = 0) -> list[Path]:
    """``n`` files chosen at random with ``seed`` (all when ``n`` is None or too big), sorted."""
    if n is None or n >= len(files):
        return list(files)
    return sorted(random.Random(seed).sample(list(files), n), key=str)


def _glob_matches(pattern: str, extensions: set[str], problems: list[str]) -> Iterator[Path]:
    count = 0
    prefix = glob_fixed_prefix(pattern)
    for match in glob.iglob(os.path.expanduser(pattern), recursive=True):
        path = Path(match)
        if (
            is_audio_name(path.name, extensions)
            and not _in_hidden_folder(path, prefix)
            and path.is_file()
        ):
            count += 1
            yield path
    if count == 0:
        problems.append(f"The pattern {pattern} matches no audio files.")


def _in_hidden_folder(path: Path, below: Path) -> bool:
    """Whether a folder between ``below`` (the pattern's fixed part) and ``path`` is hidden."""
    try:
        parts = path.parent.relative_to(below).parts
    except ValueError:
        parts = path.parent.parts
    return any(part.startswith(".") and part not in (".", "..") for part in parts)


def _missing_problem(paths: Sequence[Path], what: str) -> list[str]:
    missing = [p for p in paths if not p.is_file()]
    if not missing:
        return []
    more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
    return [f"{len(missing)} {what}(s) not found: {missing[0]}{more}."]
