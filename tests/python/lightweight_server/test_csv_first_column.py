"""Row count and distinct first-column values of a CSV, checked against Python's csv module."""

from __future__ import annotations

import csv
import io

import pytest

from backend.lightweight_server.services import csv_first_column
from backend.lightweight_server.services.csv_first_column import scan_first_column


def reference(text: str) -> tuple[int, list[str]]:
    rows = [r for r in csv.reader(io.StringIO(text)) if r]
    return len(rows), list(dict.fromkeys(r[0] for r in rows))


CASES = {
    "runs of files": "".join(
        f"site_{i // 7}/20210501_0{i // 7}0000.WAV,{i},1.5\n" for i in range(50)
    ),
    "quoted and long names": (
        '"a,b.wav",0,1\n"a,b.wav",3,1\n'
        + ("x" * 300 + ".wav,0,1\n") * 2
        + "y" * 300
        + ".wav,0,1\nc.wav,0,1\n"
    ),
    "crlf, blank lines, no final newline": "a.wav,0\r\n\r\na.wav,3\r\nb.wav,0\n\nb.wav,3",
    "a file seen again later": "a.wav,0\nb.wav,0\na.wav,3\n",
    "quoted like pyarrow writes": (
        '"a.wav",0\n"a.wav",3\n"b.wav",0\n"say ""hi"".wav",0\n"b.wav",1\n'
    ),
    "unicode": "Zaunkönig/ä.wav,0\nZaunkönig/ä.wav,3\nö.wav,0\n",
}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("block_bytes", [7, 64, 4 * 1024 * 1024])
def test_matches_the_csv_module(name: str, block_bytes: int, monkeypatch) -> None:
    monkeypatch.setattr(csv_first_column, "BLOCK_BYTES", block_bytes)
    text = CASES[name]

    result = scan_first_column(io.BytesIO(text.encode("utf-8")))

    assert result == reference(text)
