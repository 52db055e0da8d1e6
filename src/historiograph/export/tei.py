"""TEI P5 export: one file per document, the text kept whole in one `<ab xml:space="preserve">`
with the findings as inline elements around exactly the characters they cover:

- note markers `<ref type="noteAnchor" target="#note">`, notes `<note place="end">`;
- references `<bibl>` (its parsed fields as `author`, `title`, `date`, `publisher`,
  `pubPlace`, `editor`, `biblScope`, `citedRange`; an Ibid. or short form points to the
  full reference with `corresp` and says its page with `citedRange`);
- attributions `<said who="#person" direct="…">` around what is said, the source as
  `<rs type="source">` and the cue as `<seg type="cue">`; an attribution inside another's
  words is a `said` inside that `said` (chains nest);
- mentions `persName`, `orgName`, `placeName`, `title`, `rs`; terms `term` (used) and
  `mentioned` (talked about); numbers `num`; claims, sections and problems `seg`.

Spans that cross are cut into fragments linked by `prev`/`next` (TEI's way of writing one
element in pieces). `who` points into the header's `listPerson`/`listOrg`, built from the
register entries named in the document. Reviews are `change` entries of the
`revisionDesc`, and a reviewed element carries `ana="#status-confirmed"` (or rejected).
Characters XML cannot hold (control characters) become U+FFFD, one for one, so offsets
still hold; the header says so. Reads the store and the views; computes nothing."""

from __future__ import annotations

import re
from pathlib import Path
from lxml import etree

from .. import __version__
from ..model import Entity, EntityLink, Review
from ..store import Store
from ..text.nesting import Close, Open, Text, nest
from ..views import annotations

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# which element is outside when two cover the same characters
ORDER = ("section", "note", "claim", "attribution:content", "reference", "field", "attribution:source",
         "attribution:cue", "term_use", "mention", "quantity", "note_marker", "problem")
FIELD_ELEMENT = {"author": ("author", {}), "editor": ("editor", {}), "translator": ("editor", {"role": "translator"}),
                 "title": ("title", {}), "container-title": ("title", {"type": "container"}),
                 "collection-title": ("title", {"type": "series"}), "issued": ("date", {}),
                 "publisher": ("publisher", {}), "publisher-place": ("pubPlace", {}),
                 "volume": ("biblScope", {"unit": "volume"}), "issue": ("biblScope", {"unit": "issue"}),
                 "page": ("citedRange", {"unit": "page"}), "locator": ("citedRange", {}),
                 "URL": ("ref", {}), "DOI": ("idno", {"type": "DOI"})}
MENTION_ELEMENT = {"person": ("persName", {}), "organisation": ("orgName", {}), "place": ("placeName", {}),
                   "work": ("title", {}), "group": ("rs", {"type": "group"})}


def tei(tag: str) -> str:
    return f"{{{TEI}}}{tag}"


def xml_safe(text: str) -> tuple[str, int]:
    """The text with characters XML 1.0 cannot hold replaced by U+FFFD (same length)."""
    return NOT_XML.subn("\ufffd", text)


class Item:
    """One element to place: its tag, attributes and span, and the finding it belongs to."""

    def __init__(self, start: int, end: int, tag: str, attrs: dict[str, str], group: str, rank: str):
        self.start, self.end, self.tag, self.attrs, self.group, self.rank = start, end, tag, attrs, group, rank

    def order(self) -> tuple:
        return (ORDER.index(self.rank) if self.rank in ORDER else len(ORDER), self.group)


def _items(doc, anns, who_of: dict[str, str], entity_of: dict[str, str]
           ) -> tuple[list[Item], list[tuple[str, str, dict[str, str]]]]:
    """The elements to place around spans, and the empty elements to add to one of them
    (an Ibid.'s page, which the text does not repeat): (its id, tag, attributes)."""
    items: list[Item] = []
    empties: list[tuple[str, str, dict[str, str]]] = []
    records = {r.id: r for layer in doc.layers.values() for r in layer}
    for a in anns:
        if a.type.endswith(("_summary", "_verdict")):
            continue  # a layer's summary of the document, not a place in the text
        d = a.detail
        status = f"#status-{a.status}" if a.status != "machine" else ""
        parts = a.parts or tuple((s, e, "") for s, e in a.spans)
        if a.type == "attribution":
            who = who_of.get(a.id, "")
            for s, e, role in parts:
                if role == "content":
                    attrs = {"who": f"#{who}" if who else "", "direct": "true" if a.kind in ("direct", "block")
                             else "false", "aloud": "false" if a.kind == "thought" else "",
                             "ana": " ".join(filter(None, (f"#attribution-{a.kind}", status)))}
                    items.append(Item(s, e, "said", attrs, a.id, "attribution:content"))
                elif role == "source":
                    items.append(Item(s, e, "rs", {"type": "source", "corresp": f"#{a.id}",
                                                   "ref": f"#{who}" if who else ""}, a.id + "-source",
                                      "attribution:source"))
                elif role == "cue":
                    items.append(Item(s, e, "seg", {"type": "cue", "corresp": f"#{a.id}"}, a.id + "-cue",
                                      "attribution:cue"))
            continue
        rec = records.get(a.id)
        if a.type == "note_marker":
            tag, rank = "ref", "note_marker"
            attrs = {"type": "noteAnchor", "n": str(getattr(rec, "number", "")),
                     "target": f"#{d['note']}" if d.get("note") else ""}
        elif a.type == "note":
            tag, rank, attrs = "note", "note", {"place": "end", "n": str(d.get("number", "")), "type": a.kind}
        elif a.type == "reference":
            tag, rank = "bibl", "reference"
            attrs = {"type": d.get("form") or "full", "corresp": f"#{d['resolves_to']}" if d.get("resolves_to") else ""}
            pages = False
            for fs, fe, var in getattr(rec, "fields", ()) or ():
                if var in FIELD_ELEMENT and a.start <= fs < fe <= a.end:
                    ftag, fattrs = FIELD_ELEMENT[var]
                    fattrs = dict(fattrs, **({"target": doc.text[fs:fe].strip()} if ftag == "ref" else {}))
                    pages = pages or ftag == "citedRange"
                    items.append(Item(fs, fe, ftag, fattrs, f"{a.id}-{var}-{fs}", "field"))
            if d.get("cited_range") and not pages:  # an Ibid. repeating a page: meant, not written
                empties.append((a.id, "citedRange", {"n": str(d["cited_range"])}))
        elif a.type == "mention":
            tag, extra = MENTION_ELEMENT.get(a.kind, ("rs", {"type": a.kind}))
            attrs = dict(extra, ref=f"#{entity_of[a.id]}" if entity_of.get(a.id) else "")
            rank = "mention"
        elif a.type == "term_use":
            usage = str(getattr(rec, "use", "") or d.get("use") or "")
            tag, rank = ("mentioned" if usage == "mention" else "term"), "term_use"
            attrs = {"type": str(getattr(rec, "category", "") or d.get("category") or ""),
                     "subtype": usage, "key": str(getattr(rec, "term", "") or "")}
        elif a.type == "quantity":
            tag, rank, attrs = "num", "quantity", {}
            low, high = getattr(rec, "low", None), getattr(rec, "high", None)
            if low is not None and low == high:
                attrs["value"] = f"{low:g}"
            else:
                attrs.update({k: f"{v:g}" for k, v in (("atLeast", low), ("atMost", high)) if v is not None})
            unit = getattr(rec, "unit", None)
            if unit:
                attrs["type"] = str(unit)
        elif a.type == "section":
            tag, rank, attrs = "seg", "section", {"type": "section", "subtype": a.kind}
        elif a.type == "claim":
            tag, rank, attrs = "seg", "claim", {"type": "claim"}
            support = getattr(rec, "supported_by", ()) or ()
            attrs["corresp"] = " ".join(f"#{x}" for x in support if isinstance(x, str))
        elif a.type == "problem":
            tag, rank, attrs = "seg", "problem", {"type": "problem", "subtype": a.label}
        else:
            tag, rank = "seg", a.type
            attrs = {"type": a.type, "subtype": a.kind if a.kind != a.type else ""}
        attrs["ana"] = status
        for s, e, _ in parts:
            items.append(Item(s, e, tag, attrs, a.id, rank))
    return items, empties


def _place(body: etree._Element, text: str, items: list[Item]) -> None:
    """Lay the items out over the text inside ``body`` (fragments linked by prev/next)."""
    events = nest(len(text), items, lambda it: (it.start, it.end), Item.order)
    pieces: dict[str, list[tuple[Open, etree._Element]]] = {}
    stack = [body]
    for event in events:
        if isinstance(event, Text):
            node, chunk = stack[-1], text[event.start:event.end]
            if len(node):
                node[-1].tail = (node[-1].tail or "") + chunk
            else:
                node.text = (node.text or "") + chunk
        elif isinstance(event, Open):
            item = event.item
            el = etree.SubElement(stack[-1], tei(item.tag), {k: v for k, v in item.attrs.items() if v})
            pieces.setdefault(item.group, []).append((event, el))
            stack.append(el)
        elif isinstance(event, Close):
            stack.pop()
    for group, els in pieces.items():
        els.sort(key=lambda pe: pe[0].start)
        ids = [group if k == 0 else f"{group}.{k}" for k in range(len(els))]
        for k, (_, el) in enumerate(els):
            el.set(XML_ID, ids[k])
            if k:
                el.set("prev", f"#{ids[k - 1]}")
            if k + 1 < len(els):
                el.set("next", f"#{ids[k + 1]}")


def _header(root, row, doc, entities: list[Entity], reviews: list[Review], components: set[str],
            replaced: int, db_name: str) -> None:
    header = etree.SubElement(root, tei("teiHeader"))
    fdesc = etree.SubElement(header, tei("fileDesc"))
    tstmt = etree.SubElement(fdesc, tei("titleStmt"))
    etree.SubElement(tstmt, tei("title")).text = xml_safe(row.title or doc.id)[0]
    if row.author:
        etree.SubElement(tstmt, tei("author")).text = xml_safe(row.author)[0]
    reviewers = sorted({r.author for r in reviews})
    for k, name in enumerate(reviewers, 1):
        resp = etree.SubElement(tstmt, tei("respStmt"), {XML_ID: f"reviewer-{k}"})
        etree.SubElement(resp, tei("resp")).text = "reviewed findings"
        etree.SubElement(resp, tei("name")).text = xml_safe(name)[0]
    pub = etree.SubElement(fdesc, tei("publicationStmt"))
    etree.SubElement(pub, tei("p")).text = (f"Exported by historiograph {__version__} from {db_name}. The text of "
                                            "the body is the analysed text, whole; character offsets count from its "
                                            "first character.")
    sdesc = etree.SubElement(fdesc, tei("sourceDesc"))
    bibl = etree.SubElement(sdesc, tei("bibl"))
    for tag, value in (("title", row.title), ("author", row.author), ("date", row.date)):
        if value:
            etree.SubElement(bibl, tei(tag)).text = xml_safe(value)[0]
    if row.url:
        etree.SubElement(bibl, tei("ref"), {"target": xml_safe(row.url)[0]}).text = xml_safe(row.url)[0]
    etree.SubElement(bibl, tei("idno"), {"type": "historiograph"}).text = doc.id
    etree.SubElement(bibl, tei("idno"), {"type": "sha256"}).text = doc.content_hash
    etree.SubElement(bibl, tei("idno"), {"type": "source"}).text = xml_safe(row.source)[0]
    enc = etree.SubElement(header, tei("encodingDesc"))
    app_info = etree.SubElement(enc, tei("appInfo"))
    for name in ["historiograph@" + __version__] + sorted(components):
        ident, _, version = name.partition("@")
        app = etree.SubElement(app_info, tei("application"), {"ident": ident, "version": version or "0"})
        etree.SubElement(app, tei("label")).text = ident
    if replaced:
        etree.SubElement(enc, tei("p")).text = (f"{replaced} characters that XML cannot hold (control characters) "
                                                "are written as U+FFFD, one for one.")
    cdecl = etree.SubElement(enc, tei("classDecl"))
    tax = etree.SubElement(cdecl, tei("taxonomy"), {XML_ID: "status"})
    for status, what in (("confirmed", "confirmed by a person"), ("rejected", "rejected by a person")):
        cat = etree.SubElement(tax, tei("category"), {XML_ID: f"status-{status}"})
        etree.SubElement(cat, tei("catDesc")).text = what
    kinds = etree.SubElement(cdecl, tei("taxonomy"), {XML_ID: "attribution"})
    for kind in ("direct", "indirect", "mixed", "according_to", "block", "thought", "first_person"):
        cat = etree.SubElement(kinds, tei("category"), {XML_ID: f"attribution-{kind}"})
        etree.SubElement(cat, tei("catDesc")).text = f"attribution: {kind.replace('_', ' ')}"
    people = [e for e in entities if e.kind == "person"]
    others = [e for e in entities if e.kind in ("organisation", "group")]
    if people or others:
        profile = etree.SubElement(header, tei("profileDesc"))
        partic = etree.SubElement(profile, tei("particDesc"))
        if people:
            lp = etree.SubElement(partic, tei("listPerson"))
            for e in people:
                person = etree.SubElement(lp, tei("person"), {XML_ID: e.id})
                etree.SubElement(person, tei("persName")).text = xml_safe(e.name)[0]
                for scheme, ident in dict(e.identifiers).items():
                    etree.SubElement(person, tei("idno"), {"type": scheme}).text = xml_safe(str(ident))[0]
        if others:
            lo = etree.SubElement(partic, tei("listOrg"))
            for e in others:
                org = etree.SubElement(lo, tei("org"), {XML_ID: e.id, "type": e.kind})
                etree.SubElement(org, tei("orgName")).text = xml_safe(e.name)[0]
    if reviews:
        rdesc = etree.SubElement(header, tei("revisionDesc"))
        who = {name: f"#reviewer-{k}" for k, name in enumerate(reviewers, 1)}
        for r in reviews:
            change = etree.SubElement(rdesc, tei("change"), {"when": r.created_at[:10], "who": who[r.author],
                                                             "target": f"#{r.target}", "status": r.verdict})
            change.text = xml_safe(f"{r.verdict} {r.target}" + (f": {r.note}" if r.note else ""))[0]


def document_tei(store: Store, doc_id: str) -> etree._ElementTree:
    """The TEI P5 tree of one stored document."""
    doc = store.document(doc_id)
    row = store.document_row(doc.id)
    reviews = sorted((r for r in store.corpus_records(Review, where={"document": doc.id}) if isinstance(r, Review)),
                     key=lambda r: r.created_at)
    anns = annotations(doc, None, {r.target: r.verdict for r in reviews})
    links = {lk.mention.record: lk.entity for lk in store.corpus_records(EntityLink, document=doc.id)
             if isinstance(lk, EntityLink) and lk.status in ("machine", "confirmed") and lk.mention.document == doc.id}
    entities = [e for e in store.corpus_records(Entity, ids=sorted(set(links.values()))) if isinstance(e, Entity)]
    known = {e.id for e in entities}
    speakers = {m.record: links[m.id] for m in doc.layer("mentions")
                if getattr(m, "role", "") == "speaker" and getattr(m, "record", None) and m.id in links}
    who_of = {att: ent for att, ent in speakers.items() if ent in known and
              next(e for e in entities if e.id == ent).kind in ("person", "organisation", "group")}
    entity_of = {m: e for m, e in links.items() if e in known}
    text, replaced = xml_safe(doc.text)
    root = etree.Element(tei("TEI"), nsmap={None: TEI})
    listed = [e for e in entities if e.kind in ("person", "organisation", "group")]
    _header(root, row, doc, listed, reviews, {f"{a.component}@{a.version}" for a in anns}, replaced,
            Path(store.location).name)
    body = etree.SubElement(etree.SubElement(root, tei("text")), tei("body"))
    ab = etree.SubElement(body, tei("ab"), {XML_SPACE: "preserve", "type": "text"})
    items, empties = _items(doc, anns, who_of, entity_of)
    _place(ab, text, items)
    placed = {el.get(XML_ID): el for el in ab.iter() if el.get(XML_ID)}
    for group, tag, attrs in empties:
        if group in placed:
            etree.SubElement(placed[group], tei(tag), attrs)
    _point_inside(root)
    return etree.ElementTree(root)


def _point_inside(root) -> None:
    """Drop pointers to things this file does not hold (a work's entry, a record of another layer)."""
    ids = {el.get(XML_ID) for el in root.iter() if el.get(XML_ID)}
    for el in root.iter():
        for attr in ("who", "ref", "target", "corresp"):
            value = el.get(attr)
            if value and value.startswith("#"):
                kept = [v for v in value.split() if v[1:] in ids]
                if kept:
                    el.set(attr, " ".join(kept))
                else:
                    del el.attrib[attr]


def file_name(doc_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", doc_id)[:120] + ".xml"


def export_tei(store: Store, folder: str | Path, all_versions: bool = False, document: str | None = None) -> int:
    rows = [store.document_row(document)] if document else store.documents(all_versions)
    folder = Path(folder)
    for row in rows:
        tree = document_tei(store, row.id)
        tree.write(str(folder / file_name(row.id)), xml_declaration=True, encoding="UTF-8", pretty_print=False)
    return len(rows)


def tei_text(tree: etree._ElementTree) -> str:
    """The text of a TEI file's body (what the round-trip test compares with the document)."""
    ab = tree.getroot().find(f"{tei('text')}/{tei('body')}/{tei('ab')}")
    return "".join(ab.itertext()) if ab is not None else ""


__all__ = ["document_tei", "export_tei", "file_name", "tei_text", "xml_safe"]
