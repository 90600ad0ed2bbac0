"""Read the records of an offline W&B run file (``run-<id>.wandb``) for tests.

The file is a LevelDB-style log: a 7-byte header (``:W&B``, magic, version), then 32 KiB blocks
of records, each with a 7-byte header (CRC-32C, little-endian length, type: 1 full, 2 first,
3 middle, 4 last). Each assembled record is a ``wandb_internal_pb2.Record`` protobuf. Run in the
torch environment (it needs ``wandb``).
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

BLOCK = 32768
HEADER = 7


def records(path: Path) -> list[bytes]:
    """The raw record payloads of a ``.wandb`` file."""
    data = path.read_bytes()
    if data[:4] != b":W&B":
        raise ValueError(f"{path} is not a W&B run file")
    out: list[bytes] = []
    pos, pending = HEADER, b""
    while pos + HEADER <= len(data):
        left_in_block = BLOCK - pos % BLOCK
        if left_in_block < HEADER:
            pos += left_in_block  # block trailer padding
            continue
        length, kind = struct.unpack("<HB", data[pos + 4 : pos + 7])
        payload = data[pos + HEADER : pos + HEADER + length]
        pos += HEADER + length
        if kind == 0 and length == 0:
            continue
        if kind == 1:
            out.append(payload)
        elif kind == 2:
            pending = payload
        elif kind == 3:
            pending += payload
        elif kind == 4:
            out.append(pending + payload)
            pending = b""
    return out


def history_and_summary(path: Path) -> dict[str, list[dict]]:
    """``{"history": [{key: value}], "summary": [{key: value}], "types": [record types]}``."""
    from wandb.proto import wandb_internal_pb2 as pb

    result: dict[str, list] = {"history": [], "summary": [], "types": []}
    for raw in records(path):
        record = pb.Record()
        record.ParseFromString(raw)
        kind = record.WhichOneof("record_type")
        result["types"].append(kind)
        if kind in ("history", "summary"):
            items = getattr(record, kind).update if kind == "summary" else record.history.item
            row = {}
            for item in items:
                key = item.key or "/".join(item.nested_key)
                row[key] = json.loads(item.value_json)
            result[kind].append(row)
    return result


if __name__ == "__main__":
    print(json.dumps(history_and_summary(Path(sys.argv[1]))))
