"""Cell-exact CSV reading/writing and the clean-up of temp files left by interrupted saves."""

from __future__ import annotations

import os
import time
from pathlib import Path

from backend.lightweight_server.services.annotation_csv import (
    read_csv_table,
    remove_stale_temp_files,
    write_csv_atomic,
)


def test_bom_crlf_quotes_and_short_rows_survive_a_round_trip(tmp_path: Path) -> None:
    text = "\ufefffile,start_time,annotation\r\n\"a, b.wav\",0.10,\"['x', 'y']\"\r\nc.wav,1\r\n"
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode("utf-8"))
    table = read_csv_table(path)
    assert table.columns == ["file", "start_time", "annotation"]
    assert table.rows == [["a, b.wav", "0.10", "['x', 'y']"], ["c.wav", "1"]]
    assert (table.line_terminator, table.has_bom) == ("\r\n", True)
    out = tmp_path / "out.csv"
    write_csv_atomic(out, table)
    assert out.read_bytes() == text.replace("c.wav,1\r\n", "c.wav,1,\r\n").encode("utf-8")


def test_stale_temp_files_of_the_target_are_removed_after_a_save(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("file,start_time\na.wav,0\n")
    stale = tmp_path / ".t.csv.abc123.tmp"
    fresh = tmp_path / ".t.csv.def456.tmp"
    other = tmp_path / ".other.csv.abc123.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_text("partial")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    write_csv_atomic(path, read_csv_table(path))
    assert not stale.exists()
    assert fresh.exists() and other.exists()  # maybe a save in progress; another file's temp
    assert remove_stale_temp_files(path, min_age_s=0) == 1
