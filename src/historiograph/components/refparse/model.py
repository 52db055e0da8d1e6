"""The reference parser: a linear-chain CRF (python-crfsuite) over whitespace tokens.

The shipped model (data/models/references.crfsuite) is trained on AnyStyle's
core.xml (BSD-2-Clause; notice in data/LICENSES) by `python -m
historiograph.components.refparse.train`."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import pycrfsuite

from ...data import path as data_path
from .datasets import Segment
from . import features
from .decode import Scores, reopens, single_run_labels
from .features import sequence_features, tokenize

MODEL = "models/references.crfsuite"
MODEL_META = "models/references.json"  # what the shipped model was trained with
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}


NAME_FIELDS = {"author", "editor", "translator"}
POSSESSIVE = re.compile(r"[’']s[,.:;]?$")
OPEN_QUOTES = "\"“‘«"
CLOSE_QUOTE = re.compile(r"[”\"’»][,.:;]?$")


def repair(tokens: list[str], labels: list[str], known: frozenset[str] | None = None) -> list[str]:
    """Label fixes the model cannot learn from its data: a possessive never ends a name
    list (no author, editor or translator in AnyStyle's core.xml does), so in "Remnick,
    Lenin’s Tomb" it opens the title; "in" after a quoted title opens the container; a
    ", translated by" clause leaves an editor run (and ", edited by" a translator run);
    after "Place:" comes the publisher; ", The Unknown …" ends a name list; "ed." inside an
    editor run opens it.
    ``known``: the model's labels (a model trained on other labels gets no fix it could
    not output)."""
    labels = list(labels)
    known = known if known is not None else frozenset({"title", "container-title", "editor", "translator",
                                                        "publisher"})
    for i in range(len(tokens) - 2, -1, -1):
        if labels[i] in NAME_FIELDS and labels[i + 1] == "title" and POSSESSIVE.search(tokens[i]) \
                and i and labels[i - 1] == labels[i]:
            labels[i] = "title"
    if "title" in known:
        _title_after_comma_the(tokens, labels)
    if "container-title" in known:
        _container_after_quoted_title(tokens, labels)
    if {"editor", "translator"} <= known:
        _split_editor_translator(tokens, labels)
        _role_cue_opens_its_run(tokens, labels)
    if "publisher" in known:
        _publisher_after_place_colon(tokens, labels)
    return labels


def _runs(labels: list[str], label: str):
    """(start, end) of each maximal run of ``label``, end inclusive."""
    i = 0
    while i < len(labels):
        if labels[i] != label:
            i += 1
            continue
        end = i
        while end + 1 < len(labels) and labels[end + 1] == label:
            end += 1
        yield i, end
        i = end + 1


def _publisher_after_place_colon(tokens: list[str], labels: list[str]) -> None:
    """A note's '(Boston: Little, Brown, 1970)' with 'Boston: Little, Brown' tagged as
    one place: what follows the colon is the publisher (no publisher-place field in
    core.xml runs on past a colon). Only inside the parenthesis that opens the run:
    'Elsevier: New York' puts the publisher first."""
    for start, end in list(_runs(labels, "publisher-place")):
        colon = next((j for j in range(start, end) if tokens[j].endswith(":")), None)
        if tokens[start].startswith("(") and colon is not None:
            labels[colon + 1:end + 1] = ["publisher"] * (end - colon)


def _title_after_comma_the(tokens: list[str], labels: list[str]) -> None:
    """'Roy and Zhores Medvedev, The Unknown Stalin' tagged as one name list: a name
    never goes on with ', The …' (no author, editor or translator in core.xml does), so
    the article opens the title."""
    for run in NAME_FIELDS:
        for start, end in list(_runs(labels, run)):
            for j in range(start + 1, end):
                if tokens[j] == "The" and tokens[j - 1].endswith(",") and tokens[j + 1][:1].isupper():
                    labels[j:end + 1] = ["title"] * (end + 1 - j)
                    break


CLAUSE_CUES = {"translated": "translator", "trans.": "translator", "edited": "editor", "ed.": "editor"}


def _split_editor_translator(tokens: list[str], labels: list[str]) -> None:
    """'edited by X, translated by Y' tagged as one editor (or translator) run: after a
    comma, the other role's cue opens its own field. In core.xml no editor field holds
    ', translated' and no translator field ', edited'; 'edited and translated by' and
    '(ed. and trans.)' have no comma and stay whole."""
    for run in ("editor", "translator"):
        for start, end in list(_runs(labels, run)):
            for i in range(start + 1, end + 1):
                role = CLAUSE_CUES.get(tokens[i].lower())
                if role and role != run and tokens[i - 1].endswith(","):
                    labels[i:end + 1] = [role] * (end + 1 - i)
                    break


ROLE_CUE = re.compile(r"^(?:ed|eds|edited|editor|editors|trans|translated|hrsg)\.?,?$", re.I)
INITIAL_TOKEN = re.compile(r"^\(?[A-Z]\.")  # "(L. A. Coser, Ed. & Trans.)": names, then the cue


def _role_cue_opens_its_run(tokens: list[str], labels: list[str]) -> None:
    """'… the Age of Lenin and Stalin, ed. Ronald Suny' with 'and Stalin, ed. Ronald Suny'
    tagged as editors: a cue inside an editor or translator run opens it, and what comes
    before it goes back to the title or container it was cut from (in core.xml no editor
    field holds its cue in the middle unless it opens with 'In'). Not where the run opens
    with a cue ('trans. and ed.', 'edited by …, translated by …') or names with initials
    come before it (APA's '(L. A. Coser, Ed. & Trans.)')."""
    for run in ("editor", "translator"):
        for start, end in list(_runs(labels, run)):
            if not start or labels[start - 1] not in ("title", "container-title") \
                    or tokens[start].lower().rstrip(":") == "in" or ROLE_CUE.match(tokens[start]):
                continue
            cue = next((j for j in range(start + 1, end) if ROLE_CUE.match(tokens[j])), None)
            if cue is not None and not any(INITIAL_TOKEN.match(t) for t in tokens[start:cue]):
                labels[start:cue] = [labels[start - 1]] * (cue - start)  # no names before it


def _container_after_quoted_title(tokens: list[str], labels: list[str]) -> None:
    """'“Chapter,” in Book' tagged as one title: the title is the quotation, the rest of
    the run is its container (in core.xml, 'in' after a quoted title opens the
    container or the editors 69 times out of 71). Likewise 'Article 121 – in “Basic
    Documents …”': 'in' before a quotation opens the container (no title in core.xml
    holds ' in “', two containers open so)."""
    for start, end in list(_runs(labels, "title")):
        for j in range(start, end):
            quoted_before = tokens[start][0] in OPEN_QUOTES and CLOSE_QUOTE.search(tokens[j])
            if quoted_before and tokens[j + 1].lower() == "in":
                labels[j + 1:end + 1] = ["container-title"] * (end - j)
                break
            if j > start and tokens[j].lower() in ("in", "in:") and tokens[j + 1][0] in OPEN_QUOTES:
                labels[j:end + 1] = ["container-title"] * (end + 1 - j)  # 'Article 121 – in “Basic Documents”'
                break


@dataclass(frozen=True)
class Field:
    start: int
    end: int
    label: str


def segments_to_tokens(segments: Sequence[Segment]) -> tuple[list[str], list[str]]:
    tokens, labels = [], []
    for text, label in segments:
        for tok in text.split():
            tokens.append(tok)
            labels.append(label)
    return tokens, labels


def fingerprint() -> str:
    """A digest of everything a trained model depends on besides its data: the feature
    code, the word lists it reads and the training parameters. A model trained under
    another fingerprint sees features it never learned (tests compare the shipped one)."""
    digest = hashlib.sha256()
    digest.update(Path(features.__file__).read_bytes())
    digest.update(data_path("reference_lexicon.tsv").read_bytes())
    digest.update(json.dumps(PARAMS, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def sidecar(model: str | Path) -> Path:
    """What a model file was trained with (labels that keep to one run, and for the
    shipped model its fingerprint): references.crfsuite → references.json."""
    return Path(model).with_suffix(".json")


def train(references: Sequence[Sequence[Segment]], out: str | Path, params: dict | None = None,
          verbose: bool = False) -> Path:
    trainer = pycrfsuite.Trainer(verbose=verbose)
    sequences = []
    for segs in references:
        tokens, labels = segments_to_tokens(segs)
        if tokens:
            trainer.append(sequence_features(tokens), labels)
            sequences.append(labels)
    trainer.set_params(PARAMS | (params or {}))
    trainer.train(str(out))
    meta = {"references": len(sequences), "single_run": sorted(single_run_labels(sequences))}
    sidecar(out).write_text(json.dumps(meta, indent=1) + "\n")
    return Path(out)


class Parser:
    """Tag reference strings; fields are character spans into the string."""

    def __init__(self, model: str | Path | None = None):
        self.path = Path(model) if model else data_path(MODEL)
        if not self.path.exists():
            raise FileNotFoundError(f"{self.path}: reference model missing "
                                    "(train it with python -m historiograph.components.refparse.train)")
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(self.path))
        self.labels = frozenset(self.tagger.labels())
        meta = json.loads(sidecar(self.path).read_text()) if sidecar(self.path).exists() else {}
        self.single_run = frozenset(meta.get("single_run", ()))  # none recorded: decoded unconstrained
        self.scores = Scores(self.tagger) if self.single_run else None  # read once (~40 ms), used rarely

    def tag_tokens(self, tokens: list[str]) -> list[str]:
        if not tokens:
            return []
        feats = sequence_features(tokens)
        labels = self.tagger.tag(feats)
        if self.scores and reopens(labels, self.single_run):  # a field split in two: decode again
            labels = self.scores.decode(feats, self.single_run)
        return repair(tokens, labels, self.labels)

    def fields(self, text: str) -> tuple[list[Field], float]:
        """(fields, probability of the whole labelling)."""
        toks = tokenize(text)
        labels = self.tag_tokens([t for _, _, t in toks])
        prob = self.tagger.probability(labels) if labels else 0.0
        fields: list[Field] = []
        for (s, e, _), label in zip(toks, labels):
            if fields and fields[-1].label == label:
                fields[-1] = Field(fields[-1].start, e, label)
            else:
                fields.append(Field(s, e, label))
        return fields, prob

    def segments(self, text: str) -> list[Segment]:
        fields, _ = self.fields(text)
        return [(text[f.start:f.end], f.label) for f in fields]


@lru_cache(maxsize=4)
def default_parser(model: str | None = None) -> Parser:
    return Parser(model)
