"""Turn ``pip install --progress-bar raw`` output into progress fractions and plain messages.

pip does not say up front how much it will download, so the download phase is an estimate: it
rises with the packages collected and the bytes downloaded (or found locally), measured against
the size of the pinned torch environment, and never goes backwards. The install phase is measured:
pip prints the list of packages, then installs them one by one, each leaving a ``*.dist-info``
folder that :meth:`PipProgress.poll` counts. Typical messages: "Collecting opensoundscape (12
packages so far)", "Downloading torch (0.4/0.5 GB)", "Installing packages (37/235)".
"""

from __future__ import annotations

import math
import re
from pathlib import Path

# Sizes of the pinned torch environment (envs/torch-requirements.txt), used only for estimates.
EXPECTED_PACKAGES = 235
EXPECTED_DOWNLOAD_BYTES = 3.2e9
# Share of the pip run spent downloading (measured: ~50 s of ~125 s on a fast connection).
DOWNLOAD_SHARE = 0.4

_COLLECTING = re.compile(r"^Collecting (?P<name>[A-Za-z0-9._-]+)")
_PROCESSING = re.compile(r"^Processing (?P<path>\S+)")
_DOWNLOADING = re.compile(r"^(?:Downloading|Using cached) (?P<file>\S+)(?: \((?P<size>[^)]+)\))?")
_PROGRESS = re.compile(r"^Progress (?P<current>\d+) of (?P<total>\d+)$")
_INSTALLING = re.compile(r"^Installing collected packages: (?P<names>.*)$")
_SIZE = re.compile(r"^(?P<value>[\d.]+)\s*(?P<unit>[kKMG]?B)$")
_UNITS = {"B": 1.0, "kB": 1e3, "KB": 1e3, "MB": 1e6, "GB": 1e9}


def parse_size(text: str) -> float | None:
    """Bytes in a pip size such as ``"886.2 MB"``; ``None`` when it is not one."""
    match = _SIZE.match(text.strip())
    if not match:
        return None
    return float(match["value"]) * _UNITS[match["unit"]]


def format_bytes_pair(current: float, total: float) -> str:
    """``"1.2/3.0 GB"``: both numbers in the unit that suits the total."""
    unit, scale = ("GB", 1e9) if total >= 1e9 else ("MB", 1e6)
    return f"{current / scale:.1f}/{total / scale:.1f} {unit}"


def package_name(wheel_or_sdist: str) -> str:
    """``torch`` from ``torch-2.11.0-cp311-cp311-manylinux_2_28_x86_64.whl`` (or a URL/path)."""
    name = re.split(r"[/\\]", wheel_or_sdist)[-1]
    return re.split(r"-\d", name, maxsplit=1)[0]


def count_dist_infos(site_packages: Path | None) -> int:
    """Installed distributions in ``site_packages`` (0 when it cannot be read)."""
    if site_packages is None:
        return 0
    try:
        return sum(1 for p in site_packages.iterdir() if p.name.endswith(".dist-info"))
    except OSError:
        return 0


class PipProgress:
    """Feed pip's output lines (and :meth:`poll` while it is quiet); get progress updates back.

    Parameters
    ----------
    start, end
        The part of the overall task this pip run covers (e.g. 0.03 to 0.70).
    site_packages
        The environment's ``site-packages`` folder, watched during the install phase.
    """

    def __init__(
        self, start: float = 0.0, end: float = 1.0, site_packages: Path | None = None
    ) -> None:
        self.start = start
        self.end = end
        self.site_packages = site_packages
        self.collected = 0
        self.finished_bytes = 0.0
        self.current_file = ""
        self.current_bytes = 0.0
        self.current_total = 0.0
        self.to_install = 0
        self.installed_before = 0
        self.last_installed = -1
        self.fraction = start

    def feed(self, line: str) -> tuple[float, str] | None:
        """The update for one output line, or ``None`` when the line tells nothing new."""
        line = line.strip()
        if match := _PROGRESS.match(line):
            self.current_bytes = float(match["current"])
            self.current_total = float(match["total"]) or self.current_total
            pair = format_bytes_pair(self.current_bytes, max(self.current_total, 1.0))
            return self._download_update(f"Downloading {self.current_file} ({pair})")
        if match := _COLLECTING.match(line):
            self._finish_file()
            self.collected += 1
            return self._download_update(f"Collecting {match['name']} ({self._so_far()})")
        if match := _PROCESSING.match(line):  # a wheel from a local folder or mirror
            self._finish_file()
            self.collected += 1
            path = Path(match["path"])
            self.finished_bytes += path.stat().st_size if path.is_file() else 0
            name = package_name(match["path"])
            return self._download_update(f"Collecting {name} ({self._so_far()})")
        if match := _DOWNLOADING.match(line):
            return self._start_file(line, match)
        if match := _INSTALLING.match(line):
            self._finish_file()
            self.to_install = len([n for n in match["names"].split(",") if n.strip()])
            self.installed_before = count_dist_infos(self.site_packages)
            return self._install_update(0)
        if line.startswith("Successfully installed"):
            return self._advance(1.0, "Packages installed")
        return None

    def poll(self) -> tuple[float, str] | None:
        """While installing: the update when more packages are in place, else ``None``."""
        if not self.to_install:
            return None
        done = count_dist_infos(self.site_packages) - self.installed_before
        if done == self.last_installed:
            return None
        return self._install_update(done)

    @staticmethod
    def is_noise(line: str) -> bool:
        """Lines not worth keeping in the log (the raw download counters)."""
        return bool(_PROGRESS.match(line.strip()))

    def _so_far(self) -> str:
        return f"{self.collected} package{'' if self.collected == 1 else 's'} so far"

    def _start_file(self, line: str, match: re.Match[str]) -> tuple[float, str]:
        self._finish_file()
        self.current_file = package_name(match["file"])
        size = parse_size(match["size"] or "") or 0.0
        if line.startswith("Using cached"):
            self.finished_bytes += size
            return self._download_update(f"Using cached {self.current_file}")
        self.current_total = size
        pair = format_bytes_pair(0.0, max(size, 1.0))
        return self._download_update(f"Downloading {self.current_file} ({pair})")

    def _finish_file(self) -> None:
        if self.current_file and self.current_bytes:
            self.finished_bytes += max(self.current_bytes, self.current_total)
        self.current_file, self.current_bytes, self.current_total = "", 0.0, 0.0

    def _download_update(self, message: str) -> tuple[float, str]:
        downloaded = self.finished_bytes + self.current_bytes
        # both rise quickly at first and approach 1 near the expected sizes (0.86 at them)
        packages = 1.0 - math.exp(-2.0 * self.collected / EXPECTED_PACKAGES)
        data = 1.0 - math.exp(-2.0 * downloaded / EXPECTED_DOWNLOAD_BYTES)
        return self._advance(DOWNLOAD_SHARE * (0.3 * packages + 0.7 * data), message)

    def _install_update(self, done: int) -> tuple[float, str]:
        self.last_installed = done
        done = max(0, min(done, self.to_install))
        share = done / self.to_install if self.to_install else 0.0
        local = DOWNLOAD_SHARE + (1.0 - DOWNLOAD_SHARE) * share
        return self._advance(local, f"Installing packages ({done}/{self.to_install})")

    def _advance(self, local: float, message: str) -> tuple[float, str]:
        """Map the pip-local fraction into ``start..end``; never go back."""
        fraction = self.start + (self.end - self.start) * max(0.0, min(local, 1.0))
        self.fraction = max(self.fraction, fraction)
        return self.fraction, message
