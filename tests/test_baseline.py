"""Accuracy floors from benchmarks/baseline.json: a change may raise them, never silently lower."""

import json

import pytest

from benchmarks._common import SHARED, baseline
from benchmarks.structure import GOLDEN, evaluate, ours

pytestmark = pytest.mark.seeds


def test_structure_golden_items_meet_the_floor(seeds):
    items = json.loads(GOLDEN.read_text())["items"]
    floor = baseline()["structure"]
    result = evaluate(ours, items)
    assert result["pass_rate"] >= floor["golden_pass_rate"], result["failures"]
    assert result["boilerplate_f1"] >= floor["boilerplate_f1"]


def test_notes_golden_documents_meet_the_floor():
    """benchmarks/golden/notes.json: markers in every style, Ibid./short forms/op. cit., notes problems."""
    from benchmarks.notes import evaluate

    result, floor = evaluate(), baseline()["notes"]
    assert result["marker_f1"] >= floor["golden_marker_f1"]
    assert result["linked"] >= floor["golden_marker_f1"]
    assert result["resolution_accuracy"] >= floor["golden_resolution_accuracy"]
    assert result["problem_r"] >= floor["golden_problem_recall"] and result["problem_p"] == 1.0
    assert result["peer_f1"] < result["marker_f1"]  # the alignment is what the plain pattern lacks


@pytest.mark.slow
def test_reference_parser_meets_the_floor(tmp_path):
    """A fixed split of AnyStyle core.xml (every fifth reference held out), full training."""
    from benchmarks.references import Score, score_model
    from historiograph.components.refparse.datasets import read_anystyle
    from historiograph.components.refparse.model import Parser, train

    data = SHARED / "data" / "anystyle" / "core.xml"
    if not data.exists():
        pytest.skip("../shared/data not present")
    refs = read_anystyle(data)
    model = train([r for i, r in enumerate(refs) if i % 5], tmp_path / "m.crfsuite")
    score = Score()
    score_model(Parser(model), [r for i, r in enumerate(refs) if not i % 5], score)
    assert score.micro()[2] >= baseline()["references"]["anystyle_split_micro_f1"]


@pytest.mark.parametrize("name,floor", [("notes_chicago", "chicago_notes_micro_f1"),
                                        ("styles_mixed", "styles_mixed_micro_f1")])
def test_shipped_reference_model_meets_the_floor_on_hand_tagged_sets(name, floor):
    """benchmarks/golden/{notes_chicago,styles_mixed}.xml: hand-tagged references
    (historians' notes; APA, MLA, IEEE, Vancouver, Harvard) that are not in core.xml,
    the shipped model's training data."""
    from benchmarks.references import Score, score_model
    from historiograph.components.refparse.datasets import read_anystyle
    from historiograph.components.refparse.model import default_parser

    score = Score()
    score_model(default_parser(), read_anystyle(GOLDEN.parent / f"{name}.xml"), score)
    assert score.micro()[2] >= baseline()["references"][floor]


@pytest.mark.slow
def test_attribution_meets_the_floor(tmp_path):
    """The first 20 PolNeAR dev articles (nothing trained on PolNeAR is involved)."""
    from benchmarks.attribution import PIPELINE, load, predict, score
    from historiograph.runner import plan

    data = SHARED / "data" / "polnear" / "dev"
    if not data.exists():
        pytest.skip("../shared/data not present")
    docs = load(data)[:20]
    pipeline = plan(PIPELINE)
    preds = {doc_id: predict(text, pipeline) for doc_id, text, _ in docs}  # top-level: PolNeAR's scope
    assert score(docs, preds)["attribution"][2] >= baseline()["attribution"]["polnear_dev20_f1"]


@pytest.mark.slow
def test_shipped_relation_head_meets_the_floor():
    """PERSPECTRUM dev (the head never saw it): same-point F1 over all pairs and
    agree/disagree macro-F1 on the claim–perspective pairs, as benchmarks/claims.py prints."""
    from historiograph.corpus.align.datasets import read_pairs
    from historiograph.corpus.align.evaluate import judge, score

    path = SHARED / "data" / "claims" / "perspectrum_dev.jsonl"
    if not path.exists():
        pytest.skip("../shared/data not present")
    rows = read_pairs(path)
    result, floor = score(rows, judge(rows)), baseline()["claims"]
    assert result["same_point_f1"] >= floor["perspectrum_dev_same_point_f1"]
    assert result["stance_macro_f1_claim_persp"] >= floor["perspectrum_dev_stance_macro_f1_claim_persp"]

def test_numbers_gold_meets_the_floor():
    """benchmarks/golden/numbers.jsonl: recall with the value right, spurious quantities per real
    one and unit accuracy (the gold set measures; nothing is tuned on its passages)."""
    from benchmarks.quantities import GOLD, evaluate

    if not GOLD.exists():
        pytest.skip("numbers gold set not present")
    result, floor = evaluate()["ours"], baseline()["numbers"]
    assert result["value_recall"] >= floor["gold_value_recall"]
    assert result["spurious_per_real"] <= floor["gold_spurious_per_real_max"]
    assert result["unit_accuracy"] >= floor["gold_unit_accuracy"]


@pytest.mark.slow
def test_terms_gold_set_meets_the_floor():
    """benchmarks/golden/terms_use_mention.jsonl (hand-written use/mention lines): use recall and
    the false-flag rate on mentions stay where they are; nothing here is trained on the set."""
    from benchmarks.terms import evaluate, read_jsonl

    floor = baseline()["terms"]
    report = evaluate(read_jsonl(GOLDEN.parent / "terms_use_mention.jsonl"))
    assert report["terms"]["recall"] >= floor["gold_use_recall"]
    assert report["terms"]["false_flag_rate_mentions"] <= floor["gold_false_flag_mentions_max"]
    assert report["terms"]["f1"] >= floor["gold_f1"]
    assert report["terms"]["f1"] > report["lexicon"]["f1"]


@pytest.mark.slow
def test_terms_isca_heldout_meets_the_floor(tmp_path):
    """The held-out 20 % of ISCA (classifier.split_of; never trained or calibrated on)."""
    from benchmarks.terms import evaluate, read_jsonl, write_heldout

    if not (SHARED / "data" / "hate" / "isca_train.jsonl").exists():
        pytest.skip("../shared/data not present")
    held = tmp_path / "isca_test.jsonl"
    write_heldout(held)
    report = evaluate(read_jsonl(held))
    assert report["terms"]["f1"] >= baseline()["terms"]["isca_heldout_f1"]
    assert report["lexicon"]["f1"] < baseline()["terms"]["isca_heldout_lexicon_f1_below"] < report["terms"]["f1"]


@pytest.mark.slow
def test_attribution_on_the_genre_gold_set_meets_the_floor():
    """benchmarks/golden/attribution_genres: precision and recall of what `quotes` shows."""
    from benchmarks.attribution import GENRE_PIPELINE, load_genres, predict_full, score_docs
    from benchmarks._common import ROOT
    from historiograph.components.attribution import DEFAULT_THRESHOLD
    from historiograph.runner import plan

    docs = load_genres(ROOT / "benchmarks" / "golden" / "attribution_genres")
    pipeline = plan(GENRE_PIPELINE)
    preds = {doc_id: predict_full(text, pipeline) for doc_id, _, text, _, _ in docs}
    p, r, _ = score_docs(docs, preds, DEFAULT_THRESHOLD)["all"].prf()
    floor = baseline()["attribution"]
    assert p >= floor["genres_precision_at_threshold"] and r >= floor["genres_recall_at_threshold"], (p, r)


def test_register_meets_the_floor(capsys):
    """benchmarks/golden/register (hand-written documents, gold entities and hard pairs):
    pairwise F1 of the register's links on the hard pairs and on every pair of gold mentions."""
    from benchmarks.register import GOLD, report

    if not GOLD.exists():
        pytest.skip("register gold set not present")
    result, floor = report(GOLD)["historiograph"], baseline()["register"]
    assert result["hard"][2] >= floor["hard_pairs_f1"]
    assert result["all"][2] >= floor["all_pairs_f1"]
    assert result["all"][0] >= floor["all_pairs_precision"]
