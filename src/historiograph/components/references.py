"""References: parse every reference in the notes, the bibliography and the
running text into CSL-JSON; resolve Ibid., op. cit. and short forms to the full
reference they repeat. (Which references support which sentence: components/support.py.)"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from ..data import load_tsv
from ..model import Document, Note, Problem, Reference, Section
from .base import component
from .refparse.classify import IBID, OPCIT, SHORT, parts
from .refparse.csl import clean, split_names, to_csl
from .refparse.model import Field, default_parser

NAME, VERSION = "references", "6"


@lru_cache(maxsize=None)
def inline_patterns() -> tuple[re.Pattern, ...]:
    """Shapes of a book named in running text (data/inline_books.tsv): named parts are
    spliced into the patterns that use them."""
    named: dict[str, str] = {}
    patterns = []
    for row in load_tsv("inline_books.tsv"):
        regex = row["regex"] % named
        if row["kind"] == "part":
            named[row["name"]] = regex
        else:
            patterns.append(re.compile(regex))
    return tuple(patterns)


def _ref(doc: Document, start: int, end: int, role: str, form: str, note: Note | None = None,
         prefix: str | None = None, inverted_first: bool = False, confidence: float | None = None) -> Reference:
    text = doc.text[start:end]
    if form == "ibid":
        m = IBID.match(text)
        rng = m.group("range") if m else None
        return Reference(spans=((start, end),), csl={}, role=role, form=form,
                         cited_range=rng.replace("–", "-") if rng else None, prefix=prefix,
                         note=note.id if note else None, note_number=note.number if note else None,
                         component=NAME, version=VERSION)
    fields, prob = default_parser().fields(text)
    csl, cited = to_csl(text, fields, in_note=role == "note", inverted_first=inverted_first)
    short = SHORT.match(text) if form == "short" else None
    if short and ("title" not in csl or short.group("title") is None):
        # "Tacitus, Annals 15.38–40." / "Marsh, Rome in Flames, 90." / "Bolton, p. 6" (no title at all)
        a, t, r = short.span("author"), short.span("title"), short.span("range")
        fields = [Field(*a, "author")] + ([Field(*t, "title")] if t[1] > t[0] else []) + [Field(*r, "page")]
        csl, cited = to_csl(text, fields, in_note=True)
        csl["author"] = split_names(short.group("author"))
    if form == "op-cit":
        m = OPCIT.search(text)
        head = text[:m.start()].strip(" ,")
        csl = {"type": "book"}
        if head:
            csl["author"] = split_names(head)
        cited = m.group("range")
    return Reference(
        spans=((start, end),), csl=csl, role=role, form=form,
        fields=tuple((start + f.start, start + f.end, f.label) for f in fields),
        note=note.id if note else None, note_number=note.number if note else None,
        cited_range=cited, prefix=prefix,
        confidence=confidence if confidence is not None else round(prob, 3), component=NAME, version=VERSION)


def people(ref: Reference) -> list[tuple[str, str]]:
    """(lower-cased family name, full name) of a reference's authors and editors."""
    return [(n["family"].lower(), " ".join(filter(None, (n.get("given"), n.get("family")))))
            for n in ref.csl.get("author", []) + ref.csl.get("editor", []) if n.get("family")]


def families(ref: Reference) -> set[str]:
    return {fam for fam, _ in people(ref)}


STOP = {"the", "a", "an", "of", "and", "in", "on", "s"}


def title_key(ref: Reference) -> str:
    """The first four significant words of the title: enough to tell works apart,
    short enough to survive a slightly different parse of the same citation."""
    words = re.findall(r"\w+", (ref.csl.get("title") or "").lower())
    return " ".join([w for w in words if w not in STOP][:4])


def _same_work(a: Reference, b: Reference) -> bool:
    ta, tb = title_key(a), title_key(b)
    if not ta or not tb:
        return False
    short, long_ = sorted((ta, tb), key=len)
    return (families(a) & families(b) or not families(a) or not families(b)) and long_.startswith(short)


def _in_range(page: str | None, ref: Reference) -> bool:
    m = re.match(r"(\d+)", page or "")
    r = re.match(r"(\d+)-(\d+)", ref.csl.get("page", ""))
    if not m or not r:
        return False
    lo, hi = int(r.group(1)), int(r.group(2))
    if hi < lo:  # "465-73"
        hi = int(r.group(1)[: len(r.group(1)) - len(r.group(2))] + r.group(2))
    return lo <= int(m.group(1)) <= hi


def resolve(refs: list[Reference], note_order: dict[str, int] | None = None) -> tuple[list[Reference], list[Problem]]:
    """Point each Ibid., op. cit. and short form (and each repeat of a full
    reference) at the full reference it repeats, carrying the cited range.
    ``note_order``: each note's place among all the notes (commentary ones too), so that
    "the note before" is right where footnote numbers start again on a new page; by
    default the note number."""
    def place(ref: Reference) -> int | None:
        if note_order is not None and ref.note in note_order:
            return note_order[ref.note]
        return ref.note_number

    out: list[Reference] = []
    problems: list[Problem] = []
    by_note: dict[int, list[Reference]] = {}
    target: dict[str, Reference] = {}  # resolved id → the full reference itself

    def final(ref: Reference) -> Reference:
        """The full reference a (possibly resolved) reference stands for."""
        return target.get(ref.id, ref)

    by_id: dict[str, Reference] = {}
    for ref in refs:
        new = ref
        here = place(ref)
        if ref.form == "ibid" and here is not None:
            prev_note = max((n for n in by_note if n < here), default=None)
            same_note = by_note.get(here, [])
            antecedents = same_note[-1:] if same_note else (by_note.get(prev_note, []) if prev_note == here - 1 else [])
            if not antecedents:
                problems.append(Problem(spans=ref.spans, code="notes.ibid_without_antecedent",
                                        message=f"note {ref.note_number}: Ibid. has no antecedent (the note before it "
                                        "cites no work)", component=NAME, version=VERSION))
            else:
                works = {}
                for a in antecedents:  # an ambiguous antecedent passes its candidates on
                    for w in ([target.get(c, by_id[c]) for c in a.candidates] if a.ambiguous else [final(a)]):
                        works[w.id] = w
                if len(works) > 1 and ref.cited_range:  # a page inside one article's range decides
                    inside = [w for w in works.values() if _in_range(ref.cited_range, w)]
                    works = {inside[0].id: inside[0]} if len(inside) == 1 else works
                cited = ref.cited_range or (antecedents[0].cited_range if len(antecedents) == 1 else None)
                if len(works) == 1:
                    (work,) = works.values()
                    new = _replace(ref, resolves_to=work.id, cited_range=cited, csl=work.csl)
                else:
                    new = _replace(ref, ambiguous=True, candidates=tuple(works), cited_range=ref.cited_range)
        elif ref.form in ("short", "op-cit") or (ref.form == "full" and ref.role == "note"):
            earlier = [final(r) for r in out if r.form == "full" and r.role in ("note", "bibliography", "inline")]
            if ref.form == "full":
                matches = {w.id: w for w in earlier if _same_work(ref, w)}
            else:
                fam = families(ref)
                matches = {w.id: w for w in earlier if fam & families(w)
                           and (not title_key(ref) or _same_work(ref, w))}
            if len(matches) == 1:
                (work,) = matches.values()
                new = _replace(ref, resolves_to=work.id,
                               csl=work.csl if ref.form != "full" else ref.csl)
            elif len(matches) > 1 and ref.form != "full":
                new = _replace(ref, ambiguous=True, candidates=tuple(matches))
        if new.resolves_to:
            target[new.id] = final(by_id[new.resolves_to])
        out.append(new)
        by_id[new.id] = new
        if here is not None:
            by_note.setdefault(here, []).append(new)
    return out, problems


def _replace(ref: Reference, **changes) -> Reference:
    return dataclasses.replace(ref, id="", **changes)  # the id is derived anew from the changed fields


def bibliography_entries(doc: Document, sec: Section) -> list[tuple[int, int]]:
    entries = []
    for m in re.finditer(r"[^\n]+", doc.text[sec.start:sec.end]):
        line = m.group().strip()
        s = sec.start + m.start() + (len(m.group()) - len(m.group().lstrip()))
        if len(line) > 15 and not re.fullmatch(r"#*\s*[A-Z][\w ]{0,40}", line):  # skip the heading
            entries.append((s, s + len(line)))
    return entries


def inline_references(doc: Document, regions: list[tuple[int, int]]) -> list[Reference]:
    found: dict[tuple[int, int], Reference] = {}
    for a, b in regions:
        for pattern in inline_patterns():
            for m in pattern.finditer(doc.text, a, b):
                title = m.group("title").rstrip(" ,.:")
                if len(title.split()) < 2:
                    continue
                ts = m.start("title")
                csl = {"type": "book", "title": clean(title), "author": split_names(m.group("author"))}
                span = (min(m.start("author"), ts), max(m.end("author"), ts + len(title)))
                if any(s <= span[0] < e for s, e in found):
                    continue
                found[span] = Reference(
                    spans=(span,), csl=csl, role="inline", form="full", confidence=0.5,
                    fields=((m.start("author"), m.end("author"), "author"), (ts, ts + len(title), "title")),
                    component=NAME, version=VERSION)
    return [found[k] for k in sorted(found)]


@component(NAME, VERSION, requires=("sections", "notes", "note_markers"), produces=("references",))
def references(doc: Document) -> dict:
    secs = [s for s in doc.layer("sections") if isinstance(s, Section)]
    body = [(s.start, s.end) for s in secs if s.parent is None and s.kind in ("body", "post")]
    refs: list[Reference] = list(inline_references(doc, body))
    for sec in secs:
        if sec.kind == "bibliography":
            for s, e in bibliography_entries(doc, sec):
                refs.append(_ref(doc, s, e, "bibliography", "full", inverted_first=True))
    for note in doc.layer("notes"):
        if not isinstance(note, Note):
            continue
        text = doc.text[note.start:note.end]
        for part in parts(text):
            if part.form != "commentary":
                refs.append(_ref(doc, note.start + part.start, note.start + part.end, "note", part.form,
                                 note, part.prefix))
    refs.sort(key=lambda r: (0 if r.role in ("inline", "bibliography") else 1, r.start))
    order = {n.id: k for k, n in enumerate(sorted((n for n in doc.layer("notes") if isinstance(n, Note)),
                                                   key=lambda n: n.start))}
    refs, problems = resolve(refs, order)
    return {"references": sorted(refs, key=lambda r: r.start), "problems": problems}
