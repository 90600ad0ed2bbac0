"""pip's output → progress fractions and messages (lines as pip 26 prints them)."""

from __future__ import annotations

from pathlib import Path

from backend.lightweight_server.environment.pip_progress import (
    PipProgress,
    format_bytes_pair,
    package_name,
    parse_size,
)

PIP_OUTPUT = """\
Looking in indexes: https://pypi.org/simple
Collecting torch==2.11.0 (from -r /work/envs/torch-requirements.txt (line 4))
  Downloading torch-2.11.0-cp311-cp311-manylinux_2_28_x86_64.whl (530.6 MB)
Progress 0 of 530600000
Progress 265300000 of 530600000
Progress 530600000 of 530600000
Collecting torchvision==0.26.0 (from -r /work/envs/torch-requirements.txt (line 5))
  Using cached torchvision-0.26.0-cp311-cp311-manylinux_2_28_x86_64.whl (7.5 MB)
WARNING: Location 'file:///opt/pypi/simple/six/' is ignored
Collecting six>=1.5 (from python-dateutil>=2.8.2->pandas)
Installing collected packages: six, torchvision, torch
Successfully installed six-1.17.0 torch-2.11.0 torchvision-0.26.0
"""


def feed_all(parser: PipProgress, text: str) -> list[tuple[float, str]]:
    updates = [parser.feed(line) for line in text.splitlines()]
    return [u for u in updates if u is not None]


def test_messages_name_the_package_and_the_download_size() -> None:
    updates = feed_all(PipProgress(), PIP_OUTPUT)
    messages = [m for _, m in updates]

    assert messages[0] == "Collecting torch (1 package so far)"
    assert "Downloading torch (0.0/530.6 MB)" in messages
    assert "Downloading torch (265.3/530.6 MB)" in messages
    assert "Using cached torchvision" in messages
    assert "Collecting six (3 packages so far)" in messages
    assert messages[-2] == "Installing packages (0/3)"
    assert messages[-1] == "Packages installed"


def test_fractions_rise_within_the_given_range_and_end_at_its_end() -> None:
    updates = feed_all(PipProgress(start=0.03, end=0.72), PIP_OUTPUT)
    fractions = [f for f, _ in updates]

    assert fractions == sorted(fractions)
    assert fractions[0] > 0.03
    assert fractions[2] < fractions[4]  # download bytes move the bar
    assert fractions[-1] == 0.72


def test_install_phase_counts_dist_info_folders(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    (site / "pip-26.3.dist-info").mkdir(parents=True)
    parser = PipProgress(site_packages=site)
    parser.feed("Installing collected packages: a, b, c, d")
    assert parser.poll() is None  # nothing new yet

    (site / "a-1.0.dist-info").mkdir()
    (site / "b-1.0.dist-info").mkdir()
    fraction, message = parser.poll() or (0.0, "")

    assert message == "Installing packages (2/4)"
    assert 0.4 < fraction < 1.0
    assert parser.poll() is None


def test_local_wheels_count_as_collected(tmp_path: Path) -> None:
    wheel = tmp_path / "arrow-1.4.0-py3-none-any.whl"
    wheel.write_bytes(b"x" * 1000)
    parser = PipProgress()

    update = parser.feed(f"Processing {wheel} (from isoduration->jsonschema)")

    assert update is not None
    assert update[1] == "Collecting arrow (1 package so far)"
    assert parser.finished_bytes == 1000


def test_helpers() -> None:
    assert parse_size("886.2 MB") == 886.2e6
    assert parse_size("59 kB") == 59e3
    assert parse_size("soon") is None
    assert format_bytes_pair(1.2e9, 3.0e9) == "1.2/3.0 GB"
    assert format_bytes_pair(95.2e6, 366.1e6) == "95.2/366.1 MB"
    assert package_name("nvidia_cudnn_cu13-9.19.0.56-py3-none-manylinux.whl") == "nvidia_cudnn_cu13"
    assert package_name("https://files.example/x/torch-2.11.0-cp311.whl") == "torch"
    assert PipProgress.is_noise("Progress 1 of 2")
    assert not PipProgress.is_noise("Collecting six")
