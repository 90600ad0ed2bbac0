"""The demo project: real recordings from the pykanto wheel (downloaded from PyPI once)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import soundfile

from backend.common import demo
from backend.common.demo import DEMO_RECORDINGS, PYKANTO_WHEEL, prepare_demo

EXPECTED_FILES = {
    "storm_petrel/XC46092.wav",
    "great_tit/2021-B32-0415_05-11.wav",
    "great_tit/2021-B32-0415_05-15.wav",
    "great_tit/2021-SW83-0418_04-79.wav",
    "audiomoth/20210502_040000.WAV",
}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, demo.DemoPaths, list[str]]:
    """One real download for the module: (data_dir, result, report lines)."""
    data_dir = tmp_path_factory.mktemp("demo_data")
    messages: list[str] = []
    return data_dir, prepare_demo(data_dir, report=messages.append), messages


def no_download(cache_dir: Path) -> str:
    raise AssertionError("the demo must not be downloaded again")


def audio_files(audio_dir: Path) -> set[str]:
    return {p.relative_to(audio_dir).as_posix() for p in audio_dir.rglob("*") if p.is_file()}


def test_prepare_demo_downloads_and_unpacks_real_recordings(
    prepared: tuple[Path, demo.DemoPaths, list[str]],
) -> None:
    data_dir, paths, messages = prepared

    assert paths.audio_dir == data_dir / "demo" / "audio"
    assert paths.output_dir == data_dir / "demo" / "jobs"
    assert paths.output_dir.is_dir()
    assert audio_files(paths.audio_dir) == EXPECTED_FILES
    assert (data_dir / "cache" / PYKANTO_WHEEL).is_file()
    info = soundfile.info(str(paths.audio_dir / "storm_petrel" / "XC46092.wav"))
    assert (info.samplerate, round(info.duration, 2)) == (44100, 14.0)
    readme = (data_dir / "demo" / "README.txt").read_text(encoding="utf-8")
    assert "pykanto" in readme and "licence" in readme and "XC46092" in readme
    assert any("Downloading the demo recordings" in m for m in messages)


def test_second_call_downloads_and_writes_nothing(
    prepared: tuple[Path, demo.DemoPaths, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, first, _ = prepared
    assert first.audio_dir is not None
    mtimes = {p: p.stat().st_mtime_ns for p in first.audio_dir.rglob("*")}
    monkeypatch.setattr(demo, "_download_wheel", no_download)
    messages: list[str] = []

    again = prepare_demo(data_dir, report=messages.append)

    assert again == first
    assert messages == []
    assert {p: p.stat().st_mtime_ns for p in first.audio_dir.rglob("*")} == mtimes


def test_missing_recording_is_restored_from_the_cached_wheel(
    prepared: tuple[Path, demo.DemoPaths, list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(prepared[0] / "cache", data_dir / "cache")
    monkeypatch.setattr(demo, "_download_wheel", no_download)
    paths = prepare_demo(data_dir, report=lambda m: None)
    assert paths.audio_dir is not None
    (paths.audio_dir / "great_tit" / "2021-B32-0415_05-15.wav").unlink()

    restored = prepare_demo(data_dir, report=lambda m: None)

    assert restored.audio_dir is not None
    assert audio_files(restored.audio_dir) == EXPECTED_FILES
    assert len(DEMO_RECORDINGS) == len(EXPECTED_FILES)


def test_frozen_build_without_pip_returns_no_audio_and_explains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    messages: list[str] = []

    paths = prepare_demo(tmp_path, report=messages.append)

    assert paths.audio_dir is None
    assert paths.output_dir == tmp_path / "demo" / "jobs"
    assert "could not be downloaded" in paths.message
    assert "packaged build" in paths.message
    assert paths.message in messages


def test_failed_download_says_so_without_crashing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "PYKANTO_VERSION", "0.0.0.999")  # no such release on PyPI

    paths = prepare_demo(tmp_path, report=lambda m: None)

    assert paths.audio_dir is None
    assert "could not be downloaded" in paths.message
    assert "internet connection" in paths.message
    assert not (tmp_path / "demo" / "audio").exists()
