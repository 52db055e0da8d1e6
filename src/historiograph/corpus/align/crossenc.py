"""The pair model: MiniLM-L6 read as a cross-encoder over "a [SEP] b".

The transformer starts from the installed all-MiniLM-L6-v2 weights (see ``embed.py``);
training (``train.py``) keeps the word and position embeddings and the lowest
``FROZEN_LAYERS`` layers as they are and tunes the rest. Only what training changed is
shipped (``data/models/pair_head.safetensors``, float16), and it is laid over the
installed base model when loaded, so the shipped file stays small.

Output: three logits per pair, in ``LABELS`` order (unrelated, agree, disagree).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

LABELS = ("unrelated", "agree", "disagree")
FROZEN_LAYERS = 3
MAX_TOKENS = 160
_lock = threading.Lock()
_loaded: dict[str, object] = {}


def build():
    """(tokenizer, PairModel) with the base weights, nothing of ours laid over yet."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    from .embed import model_path

    path = model_path()
    tok = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    bert = AutoModel.from_pretrained(str(path), local_files_only=True)

    class PairModel(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(bert.config.hidden_size, len(LABELS))

        def forward(self, input_ids, attention_mask, token_type_ids):
            h = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                          token_type_ids=token_type_ids).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(h.dtype)
            pooled = (h * m).sum(1) / m.sum(1).clamp(min=1.0)  # mean pooling, as MiniLM was trained
            return self.head(self.drop(pooled))

    return tok, PairModel(bert)


def trainable(name: str) -> bool:
    """Parameters training may change (and the shipped file holds)."""
    if name.startswith("head."):
        return True
    if name.startswith("bert.embeddings."):
        return "token_type" in name or "LayerNorm" in name
    if name.startswith("bert.encoder.layer."):
        return int(name.split(".")[3]) >= FROZEN_LAYERS
    return False


def encode_pairs(tok, a: Sequence[str], b: Sequence[str]):
    return tok(list(a), list(b), padding=True, truncation="longest_first", max_length=MAX_TOKENS,
               return_tensors="pt")


def load(weights: Path, quantize: bool | None = None):
    """(tokenizer, model) ready for inference, cached per file. ``quantize``: dynamic int8
    linear layers (default: ``HISTORIOGRAPH_ALIGN_INT8``, off; see ``embed.py``)."""
    if quantize is None:
        from .embed import _int8_wanted

        quantize = _int8_wanted()
    key = f"{weights}:{quantize}"
    if key in _loaded:
        return _loaded[key]
    with _lock:
        if key not in _loaded:
            import torch
            from safetensors.torch import load_file

            tok, model = build()
            state = {k: v.float() for k, v in load_file(str(weights)).items()}
            missing = [k for k in state if k not in model.state_dict()]
            if missing:
                raise ValueError(f"{weights}: parameters the model does not have: {missing[:3]}")
            model.load_state_dict(state, strict=False)
            model.eval()
            if quantize:
                from torch.ao.quantization import per_channel_dynamic_qconfig

                model = torch.ao.quantization.quantize_dynamic(
                    model, {torch.nn.Linear: per_channel_dynamic_qconfig})
            _loaded[key] = (tok, model)
    return _loaded[key]


def predict_logits(tok, model, a: Sequence[str], b: Sequence[str], batch_size: int = 32) -> np.ndarray:
    """(n, 3) logits; pairs are sorted by length so batches pad little."""
    import torch

    n = len(a)
    out = np.zeros((n, len(LABELS)), dtype=np.float32)
    order = np.argsort([-(len(x) + len(y)) for x, y in zip(a, b)], kind="stable")
    with torch.inference_mode():
        for i in range(0, n, batch_size):
            idx = order[i:i + batch_size]
            enc = encode_pairs(tok, [a[j] for j in idx], [b[j] for j in idx])
            out[idx] = model(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]).numpy()
    return out
