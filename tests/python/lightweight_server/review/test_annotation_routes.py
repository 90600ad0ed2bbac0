"""POST /api/annotations/load and /save on a live server: round trips, conflicts, bad input."""

from __future__ import annotations

import csv
import os
from pathlib import Path

BINARY_CSV = (
    "file,start_time,end_time,annotation,score,site\n"
    "great_tit/2021-B32-0415_05-11.wav,0.0,3.0,yes,0.98,A\n"
    "great_tit/2021-B32-0415_05-15.wav,0.50,3.50,,0.10,B\n"
    "storm_petrel/XC46092.wav,3,6,uncertain,2.5e-1,A\n"
    "missing/nowhere.wav,0,3,no,0.7,C\n"
)
MULTI_CSV = (
    "file,start_time,end_time,annotation,robin,wren\n"
    "a.wav,0,3,\"['robin', 'wren']\",0.9,0.8\n"
    "b.wav,0,3,[],0.1,0.2\n"
    "c.wav,0,3,,-1.5,\n"
    'd.wav,0,3,"[""Parus major, Great Tit""]",0.4,0.3\n'
)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


async def _post(session, route: str, body: dict) -> tuple[int, dict]:
    async with session.post(route, json=body) as resp:
        return resp.status, await resp.json()


async def test_load_binary_resolves_audio_against_the_root(review_server) -> None:
    session, root, demo, _ = review_server
    path = _write(root / "task.csv", BINARY_CSV)
    status, body = await _post(
        session, "/api/annotations/load", {"path": str(path), "audio_root": str(demo)}
    )
    assert status == 200
    assert body["columns"] == [
        "file",
        "start_time",
        "end_time",
        "annotation",
        "score",
        "site",
        "comments",
    ]
    assert body["score_columns"] == ["score"]
    assert body["mode_guess"] == "binary" and body["group_column"] is None
    assert body["mtime_ns"] == str(path.stat().st_mtime_ns)
    rows = body["rows"]
    assert [r["index"] for r in rows] == [0, 1, 2, 3]
    assert [r["annotation"] for r in rows] == ["yes", "", "uncertain", "no"]
    assert rows[1]["start_time"] == 0.5 and rows[2]["scores"] == {"score": 0.25}
    assert rows[0]["audio_path"] == str(demo / "great_tit/2021-B32-0415_05-11.wav")
    assert [r["audio_exists"] for r in rows] == [True, True, True, False]
    assert rows[3]["audio_path"] == str(demo / "missing/nowhere.wav")


async def test_load_multiclass_threshold_and_groups(review_server) -> None:
    session, root, _, _ = review_server
    path = _write(root / "multi.csv", MULTI_CSV)
    status, body = await _post(
        session, "/api/annotations/load", {"path": str(path), "score_threshold": 0.3}
    )
    assert status == 200
    assert body["mode_guess"] == "multiclass"
    assert body["classes_guess"] == ["robin", "wren", "Parus major, Great Tit"]
    assert body["total_rows"] == 4 and body["dropped_below_threshold"] == 2
    assert [r["index"] for r in body["rows"]] == [0, 3]
    assert body["rows"][1]["annotation"] == '["Parus major, Great Tit"]'
    assert body["rows"][0]["audio_path"] == str(root / "a.wav")  # no root: the CSV's folder
    status, body = await _post(
        session,
        "/api/annotations/load",
        {"path": str(path), "score_threshold": 0.15, "score_column": "wren"},
    )
    assert [r["index"] for r in body["rows"]] == [0, 1, 3]

    grouped = _write(
        root / "grouped.csv",
        "file,start_time,annotation,group\n"
        "a.wav,0,no,s1\na.wav,3,,s1\nb.wav,0,yes,s2\nb.wav,3,no,s2\nc.wav,0,no,s3\n",
    )
    status, body = await _post(session, "/api/annotations/load", {"path": str(grouped)})
    assert body["group_column"] == "group"
    assert body["group_statuses"] == {
        "s1": "unverified_candidate",
        "s2": "verified_detection",
        "s3": "verified_non_detection",
    }
    assert [r["group"] for r in body["rows"]] == ["s1", "s1", "s2", "s2", "s3"]


async def test_save_round_trip_changes_only_labels_and_keeps_hidden_rows(review_server) -> None:
    session, root, _, _ = review_server
    source = _write(root / "multi.csv", MULTI_CSV)
    status, loaded = await _post(
        session, "/api/annotations/load", {"path": str(source), "score_threshold": 0.3}
    )
    target = root / "reviewed.csv"
    edits = [
        {"index": 0, "annotation": "['wren']", "comments": "faint, far away"},
        {
            "index": 3,
            "annotation": loaded["rows"][1]["annotation"],
            "comments": 'said "hi"\nline 2',
        },
    ]
    status, saved = await _post(
        session,
        "/api/annotations/save",
        {"path": str(target), "source_path": str(source), "rows": edits, "expected_mtime_ns": None},
    )
    assert status == 200, saved
    assert saved == {
        "path": str(target),
        "mtime_ns": str(target.stat().st_mtime_ns),
        "saved_rows": 2,
    }
    before, after = _read_rows(source), _read_rows(target)
    assert len(after) == 4  # rows hidden by the threshold are kept
    for old, new in zip(before, after, strict=True):
        for column in ("file", "start_time", "end_time", "robin", "wren"):
            assert new[column] == old[column]  # exact strings: "-1.5", "" stay as written
    assert [r["annotation"] for r in after] == ["['wren']", "[]", "", '["Parus major, Great Tit"]']
    assert after[0]["comments"] == "faint, far away" and after[3]["comments"] == 'said "hi"\nline 2'
    status, reloaded = await _post(session, "/api/annotations/load", {"path": str(target)})
    assert [r["annotation"] for r in reloaded["rows"]] == [r["annotation"] for r in after]
    assert reloaded["columns"] == [
        "file",
        "start_time",
        "end_time",
        "annotation",
        "robin",
        "wren",
        "comments",
    ]


async def test_unchanged_save_keeps_the_file_byte_for_byte(review_server) -> None:
    session, root, _, _ = review_server
    text = BINARY_CSV.replace("score,site\n", "score,site,comments\n", 1).replace("\n", ",\r\n")
    text = text.replace("site,comments,\r\n", "site,comments\r\n", 1)
    path = root / "crlf.csv"
    path.write_bytes(text.encode())
    status, loaded = await _post(session, "/api/annotations/load", {"path": str(path)})
    rows = [
        {"index": r["index"], "annotation": r["annotation"], "comments": r["comments"]}
        for r in loaded["rows"]
    ]
    status, saved = await _post(
        session,
        "/api/annotations/save",
        {
            "path": str(path),
            "source_path": str(path),
            "rows": rows,
            "expected_mtime_ns": loaded["mtime_ns"],
        },
    )
    assert status == 200, saved
    assert path.read_bytes() == text.encode()


async def test_autosave_over_the_loaded_file_then_conflict_409(review_server) -> None:
    session, root, _, _ = review_server
    path = _write(root / "task.csv", BINARY_CSV)
    _, loaded = await _post(session, "/api/annotations/load", {"path": str(path)})
    body = {"path": str(path), "source_path": str(path), "expected_mtime_ns": loaded["mtime_ns"]}
    status, first = await _post(
        session, "/api/annotations/save", {**body, "rows": [{"index": 1, "annotation": "no"}]}
    )
    assert status == 200
    status, second = await _post(
        session,
        "/api/annotations/save",
        {
            **body,
            "expected_mtime_ns": first["mtime_ns"],
            "rows": [{"index": 1, "annotation": "yes"}],
        },
    )
    assert status == 200 and _read_rows(path)[1]["annotation"] == "yes"
    # someone else edits the file
    _write(path, path.read_text().replace("uncertain", "no"))
    os.utime(path, ns=(path.stat().st_atime_ns, int(second["mtime_ns"]) + 1_000_000))
    status, error = await _post(
        session,
        "/api/annotations/save",
        {**body, "expected_mtime_ns": second["mtime_ns"], "rows": [{"index": 1, "annotation": ""}]},
    )
    assert status == 409
    assert error["error"]["code"] == "file_changed"
    assert "changed on disk since it was loaded" in error["error"]["message"]
    assert _read_rows(path)[2]["annotation"] == "no"  # their edit survived
    assert _read_rows(path)[1]["annotation"] == "yes"
    status, error = await _post(
        session, "/api/annotations/save", {**body, "expected_mtime_ns": None, "rows": []}
    )
    assert status == 409  # an existing file is never overwritten blindly
    assert error["error"]["code"] == "file_changed"
    assert "already exists" in error["error"]["message"]
    status, _ = await _post(
        session,
        "/api/annotations/save",
        {
            **body,
            "expected_mtime_ns": None,
            "overwrite": True,
            "rows": [{"index": 1, "annotation": ""}],
        },
    )
    assert status == 200 and _read_rows(path)[1]["annotation"] == ""


async def test_files_without_file_or_start_time_are_refused_clearly(review_server) -> None:
    session, root, _, _ = review_server
    no_file = _write(root / "nofile.csv", "path,start_time,annotation\na.wav,0,yes\n")
    status, body = await _post(session, "/api/annotations/load", {"path": str(no_file)})
    assert status == 400
    assert body["error"]["code"] == "invalid_annotation_file"
    assert "'file'" in body["error"]["message"] and "path, start_time" in body["error"]["message"]
    no_start = _write(root / "nostart.csv", "file,offset\na.wav,0\n")
    status, body = await _post(session, "/api/annotations/load", {"path": str(no_start)})
    assert status == 400 and "'start_time'" in body["error"]["message"]
    status, body = await _post(
        session,
        "/api/annotations/save",
        {"path": str(root / "out.csv"), "source_path": str(no_file), "rows": []},
    )
    assert status == 400 and body["error"]["code"] == "invalid_annotation_file"
    assert not (root / "out.csv").exists()
    binary = _write(root / "bin.xlsx", "")
    binary.write_bytes(b"PK\x03\x04\xff\xfe\x00garbage")
    status, body = await _post(session, "/api/annotations/load", {"path": str(binary)})
    assert status == 400 and "not a UTF-8 text CSV" in body["error"]["message"]


async def test_bad_saves_are_refused_without_touching_the_file(review_server, tmp_path) -> None:
    session, root, _, _ = review_server
    path = _write(root / "task.csv", BINARY_CSV)
    before = path.read_bytes()
    mtime = str(path.stat().st_mtime_ns)
    base = {"path": str(path), "source_path": str(path), "expected_mtime_ns": mtime}
    status, body = await _post(
        session, "/api/annotations/save", {**base, "rows": [{"index": 99, "annotation": "yes"}]}
    )
    assert status == 400 and "Row 99 does not exist" in body["error"]["message"]
    status, body = await _post(
        session, "/api/annotations/save", {**base, "rows": [{"index": 0, "annotation": "maybe"}]}
    )
    assert status == 400 and "'maybe' is not a label" in body["error"]["message"]
    status, body = await _post(
        session,
        "/api/annotations/save",
        {**base, "path": str(tmp_path / "outside.csv"), "rows": []},
    )
    assert status == 403
    assert path.read_bytes() == before
    assert [p.name for p in root.iterdir()] == ["task.csv"]  # no temp files left behind
