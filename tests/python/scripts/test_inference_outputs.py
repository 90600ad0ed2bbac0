"""The dense CSV writer: its fast row formatting writes exactly what pandas would."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from backend.scripts.inference_outputs import _DenseCsv


def scores_frame(files: list[str], rng: np.random.Generator) -> pd.DataFrame:
    index = pd.MultiIndex.from_tuples(
        [(f, s, s + 3.0) for f in files for s in (0.0, 3.0, 6.0)],
        names=["file", "start_time", "end_time"],
    )
    values = rng.normal(-8, 5, (len(index), 4)).astype(np.float32)
    return pd.DataFrame(values, index=index, columns=["Parus major_Great Tit", "b,c", 'd"e', "f"])


def test_fast_rows_equal_the_pandas_path(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    chunks = [
        scores_frame(["/data/site 1/a.wav", "/data/odd, name.wav"], rng),
        scores_frame(['/data/quote"d.wav'], rng),
    ]
    fast = _DenseCsv(tmp_path / "fast.csv")
    slow = _DenseCsv(tmp_path / "slow.csv")
    for chunk in chunks:
        fast.append(chunk)
        slow._append_with_pandas(chunk)
    fast_path, slow_path = fast.finish(), slow.finish()
    assert fast_path.read_text() == slow_path.read_text()
    back = pd.read_csv(fast_path)
    assert list(back.columns) == ["file", "start_time", "end_time", *chunks[0].columns]
    assert back["file"].tolist()[3] == "/data/odd, name.wav"
    expected = np.concatenate([c.to_numpy() for c in chunks])
    np.testing.assert_allclose(back.iloc[:, 3:].to_numpy(), expected, rtol=1e-4)


def test_frames_with_gaps_fall_back_to_blank_cells(tmp_path: Path) -> None:
    chunk = scores_frame(["/a.wav"], np.random.default_rng(0))
    chunk.iloc[1, 2] = np.nan
    writer = _DenseCsv(tmp_path / "p.csv")
    writer.append(chunk)
    back = pd.read_csv(writer.finish())
    assert np.isnan(back.iloc[1, 5]) and not np.isnan(back.iloc[0, 5])
