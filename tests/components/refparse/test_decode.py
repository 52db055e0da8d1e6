"""Constrained decoding: a closed field does not reopen."""

import pytest

from historiograph.components.refparse.decode import Scores, reopens, single_run_labels
from historiograph.components.refparse.features import sequence_features, tokenize
from historiograph.components.refparse.model import Parser, default_parser, sidecar, train

ONCE = frozenset({"author", "title", "container-title", "publisher-place", "page"})

NOTES = [
    "Helena Marsh, Rome in Flames (Oxford: Clarendon Press, 2011), 87.",
    "Marr, D., & Nishihara, H. (1978). Representation and recognition. Proceedings B, 200(1140), 269–294.",
    "J. Writer, “A Paper,” in Collected Papers, ed. A. Editor (Paris: Maison, 1999), 12–19.",
    "Ferguson, JN. Aldag, JM. Insel, TR. Young, LJ. (2001). Oxytocin in the amygdala. Journal of Studies, 21: 82-85.",
    # MLA: the model's best path has the container reopen after the editors ("U of | Iowa P,")
    "Writer, Anna. “A Question?” Essays on the History of Culture, edited by Ben Nelson and Carla Gross, U of Iowa P, "
    "1990, pp. 2–9.",
]


@pytest.mark.parametrize("labels, expected", [
    (["author", "author", "title", "issued"], False),
    (["author", "title", "author", "title"], True),              # author and title each split in two
    (["issued", "author", "title", "issued"], False),            # a date may come twice
    (["title", "volume", "author", "volume"], False),            # so may volumes
    (["publisher-place", "author", "publisher-place"], True),
])
def test_reopens(labels, expected):
    assert reopens(labels, ONCE) is expected


def test_single_run_labels_are_learned_from_the_training_data():
    data = [["author", "title", "issued", "title"]] + [["author", "title", "issued"]] * 98 + \
           [["issued", "author", "issued"]]
    assert single_run_labels(data) == {"author"}  # title reopens in 1 of 99, issued in 1 of 100


def test_the_decoder_scores_as_the_model_does():
    """Where the model's best path keeps every field closed, the constrained decoder
    (which rebuilds the scores from the model's weights) finds the very same path."""
    parser = default_parser()
    scores = Scores(parser.tagger)
    once = parser.single_run
    assert {"author", "title", "container-title"} <= once and "issued" not in once
    for text in NOTES:
        feats = sequence_features([t for _, _, t in tokenize(text)])
        best = parser.tagger.tag(feats)
        decoded = scores.decode(feats, once)
        assert not reopens(decoded, once)
        if not reopens(best, once):
            assert decoded == best
        else:
            assert parser.tagger.probability(decoded) <= parser.tagger.probability(best)


def test_the_parser_never_returns_a_reopened_field():
    parser = default_parser()
    assert reopens(parser.tagger.tag(sequence_features([t for _, _, t in tokenize(NOTES[-1])])), parser.single_run)
    for text in NOTES:
        assert not reopens(parser.tag_tokens([t for _, _, t in tokenize(text)]), parser.single_run)


def test_training_writes_the_single_run_labels_beside_the_model(tmp_path):
    refs = [[("A. Writer,", "author"), ("A Book.", "title"), ("London,", "publisher-place"), ("2001.", "issued")],
            [("B. Other,", "author"), ("(1999).", "issued"), ("Some Title.", "title"), ("1999.", "issued")]] * 3
    model = train(refs, tmp_path / "tiny.crfsuite")
    assert sidecar(model) == tmp_path / "tiny.json"
    assert Parser(model).single_run == {"author", "title", "publisher-place"}
    sidecar(model).unlink()
    assert Parser(model).single_run == frozenset()  # no record of its data: decoded unconstrained
