"""Constrained decoding: a closed field does not reopen."""

import pytest

from historiograph.components.refparse.decode import Scores, reopens
from historiograph.components.refparse.features import sequence_features, tokenize
from historiograph.components.refparse.model import default_parser

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
    (["title", "volume", "page", "volume", "page"], False),      # so may volumes and pages
    (["publisher-place", "author", "publisher-place"], True),
])
def test_reopens(labels, expected):
    assert reopens(labels) is expected


def test_the_decoder_scores_as_the_model_does():
    """Where the model's best path keeps every field closed, the constrained decoder
    (which rebuilds the scores from the model's weights) finds the very same path."""
    parser = default_parser()
    scores = Scores(parser.tagger)
    for text in NOTES:
        feats = sequence_features([t for _, _, t in tokenize(text)])
        best = parser.tagger.tag(feats)
        decoded = scores.decode(feats)
        assert not reopens(decoded)
        if not reopens(best):
            assert decoded == best
        else:
            assert parser.tagger.probability(decoded) <= parser.tagger.probability(best)


def test_the_parser_never_returns_a_reopened_field():
    parser = default_parser()
    assert reopens(parser.tagger.tag(sequence_features([t for _, _, t in tokenize(NOTES[-1])])))
    for text in NOTES:
        assert not reopens(parser.tag_tokens([t for _, _, t in tokenize(text)]))
