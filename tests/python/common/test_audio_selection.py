"""Audio selection: folder, picked files, globs, list file; filters, dedupe, cap, test mode."""

from __future__ import annotations

from pathlib import Path

from backend.common.audio_selection import (
    apply_test_mode,
    glob_fixed_prefix,
    select_audio_files,
)
from backend.common.configs import AudioSource


def touch(root: Path, *rels: str) -> None:
    for rel in rels:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * 10)


def names(files: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in files]


def test_folder_is_recursive_sorted_case_insensitive_and_skips_hidden(tmp_path: Path) -> None:
    touch(tmp_path, "b/2.WAV", "a/1.wav", "a/._1.wav", ".hidden/3.wav", "c/4.flac", "c/5.txt")
    touch(tmp_path, "0.wav")

    result = select_audio_files(AudioSource(audio_dir=str(tmp_path), extensions=["wav", ".FLAC"]))
    flat = select_audio_files(AudioSource(audio_dir=str(tmp_path), recursive=False))

    assert names(result.files, tmp_path) == ["0.wav", "a/1.wav", "b/2.WAV", "c/4.flac"]
    assert (result.problems, result.truncated) == ([], False)
    assert names(flat.files, tmp_path) == ["0.wav"]


def test_sources_combine_and_duplicates_count_once(tmp_path: Path) -> None:
    touch(tmp_path, "site/a.wav", "site/deep/er/b.wav", "other/c.mp3", "other/d.ogg", "x/notes.txt")
    listing = tmp_path / "lists" / "files.txt"
    listing.parent.mkdir()
    listing.write_text(
        "# my files\n../other/d.ogg\n\n" + str(tmp_path / "site" / "a.wav") + "\n../x/notes.txt\n",
        encoding="utf-8",
    )
    source = AudioSource(
        audio_dir=str(tmp_path / "site"),
        audio_files=[str(tmp_path / "other" / "c.mp3"), str(tmp_path / "site" / "a.wav")],
        audio_globs=[str(tmp_path / "**" / "*.wav")],
        audio_list_file=str(listing),
    )

    result = select_audio_files(source)

    assert names(result.files, tmp_path) == [
        "other/c.mp3",
        "other/d.ogg",
        "site/a.wav",
        "site/deep/er/b.wav",
        "x/notes.txt",  # named in the list: taken as given, whatever its extension
    ]
    assert result.problems == []


def test_missing_things_are_reported_and_missing_named_files_kept(tmp_path: Path) -> None:
    touch(tmp_path, "a.wav")
    source = AudioSource(
        audio_dir=str(tmp_path / "nope"),
        audio_files=[str(tmp_path / "a.wav"), str(tmp_path / "gone.wav")],
        audio_globs=[str(tmp_path / "*.flac")],
        audio_list_file=str(tmp_path / "list.txt"),
    )

    result = select_audio_files(source)

    assert names(result.files, tmp_path) == ["a.wav", "gone.wav"]
    assert result.problems == [
        f"The audio folder {tmp_path / 'nope'} does not exist.",
        f"1 picked file(s) not found: {tmp_path / 'gone.wav'}.",
        f"The list file {tmp_path / 'list.txt'} does not exist.",
        f"The pattern {tmp_path / '*.flac'} matches no audio files.",  # known once scanned
    ]


def test_counting_stops_at_the_cap(tmp_path: Path) -> None:
    touch(tmp_path, *[f"{i:03d}.wav" for i in range(50)])

    result = select_audio_files(AudioSource(audio_dir=str(tmp_path)), max_files=20)

    assert len(result.files) == 20
    assert result.truncated


def test_glob_fixed_prefix() -> None:
    assert glob_fixed_prefix("/data/site_*/**/*.wav") == Path("/data")
    assert glob_fixed_prefix("/data/a/b.wav") == Path("/data/a")
    assert glob_fixed_prefix("/*.wav") == Path("/")


def test_test_mode_picks_n_files_reproducibly() -> None:
    files = [Path(f"/a/{i:02d}.wav") for i in range(30)]

    first = apply_test_mode(files, 5, seed=3)

    assert len(first) == 5 and first == sorted(first, key=str)
    assert set(first) <= set(files)
    assert first == apply_test_mode(files, 5, seed=3)
    assert first != apply_test_mode(files, 5, seed=4)
    assert apply_test_mode(files, 100, seed=3) == files
    assert apply_test_mode(files, None) == files
