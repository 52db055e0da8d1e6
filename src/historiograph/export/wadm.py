"""W3C Web Annotation export (JSON-LD): one AnnotationCollection whose page holds one
Annotation per finding. Each annotation's target is the document's text with a
TextPositionSelector (the offsets) and a TextQuoteSelector (`exact`, `prefix`, `suffix`)
for each span, so it can be re-anchored in a copy of the text; its bodies say what the
finding is (a tag, a description, the details as JSON, the register entry or the CSL item
it identifies, what it links to); its `generator` names the component and version that
made it. A person's review is an Annotation of its own (motivation `assessing`) whose
target is the finding; the finding carries the latest verdict as `hg:status`.

Reads the store and the views' annotations; computes nothing."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, Iterator

from .. import __version__
from ..model import Entity, EntityLink, Review
from ..store import Store
from ..views import annotations

CONTEXT = ["http://www.w3.org/ns/anno.jsonld", {"hg": "urn:historiograph:ns#"}]
QUOTE_CONTEXT = 32  # characters of prefix and suffix
MOTIVATION = {"section": "classifying", "note_marker": "linking", "note": "classifying", "reference": "identifying",
              "attribution": "describing", "mention": "identifying", "claim": "classifying", "problem": "assessing",
              "term_use": "classifying", "quantity": "describing"}


def document_iri(doc_id: str) -> str:
    return f"urn:historiograph:document:{doc_id}"


def annotation_iri(doc_id: str, record_id: str) -> str:
    return f"urn:historiograph:annotation:{doc_id}:{record_id}"


def entity_iri(entity_id: str) -> str:
    return f"urn:historiograph:entity:{entity_id}"


def software(component: str, version: str) -> dict[str, Any]:
    return {"id": f"urn:historiograph:software:{component}@{version}", "type": "Software",
            "name": f"historiograph {component} {version}" if component != "historiograph" else f"historiograph {version}"}


def selectors(text: str, start: int, end: int) -> list[dict[str, Any]]:
    return [{"type": "TextPositionSelector", "start": start, "end": end},
            {"type": "TextQuoteSelector", "exact": text[start:end], "prefix": text[max(0, start - QUOTE_CONTEXT):start],
             "suffix": text[end:end + QUOTE_CONTEXT]}]


def _bodies(a, doc_id: str, entity_of: dict[str, str], names: dict[str, str]) -> list[dict[str, Any]]:
    detail = a.detail
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "tagging", "value": a.type},
        {"type": "TextualBody", "purpose": "describing", "value": a.label, "format": "text/plain"},
        {"type": "TextualBody", "purpose": "describing", "format": "application/json", "hg:role": "detail",
         "value": json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)},
    ]
    if a.kind and a.kind != a.type:
        bodies.insert(1, {"type": "TextualBody", "purpose": "classifying", "value": f"{a.type}:{a.kind}"})
    if a.type == "reference":
        bodies.append({"type": "TextualBody", "purpose": "identifying", "format": "application/vnd.citationstyles.csl+json",
                       "value": json.dumps(detail.get("csl", {}), ensure_ascii=False, sort_keys=True),
                       "hg:form": detail.get("form"), "hg:citedRange": detail.get("cited_range")})
    if a.type == "attribution":
        bodies.append({"type": "TextualBody", "purpose": "identifying", "hg:role": "source",
                       "value": detail.get("speaker") or detail.get("source") or ""})
    entity = detail.get("entity") or entity_of.get(a.id)
    if entity:
        bodies.append({"type": "SpecificResource", "purpose": "identifying", "source": entity_iri(entity),
                       "hg:name": names.get(entity, "")})
    for key in ("note", "nested_in", "resolves_to"):
        if detail.get(key):
            bodies.append({"type": "SpecificResource", "purpose": "linking", "hg:relation": key,
                           "source": annotation_iri(doc_id, detail[key])})
    for ref in detail.get("references", ()) if a.type == "note_marker" else ():
        bodies.append({"type": "SpecificResource", "purpose": "linking", "hg:relation": "cites",
                       "source": annotation_iri(doc_id, ref["reference"])})
    return bodies


def document_annotations(store: Store, doc_id: str, analyzed_at: str | None = None) -> Iterator[dict[str, Any]]:
    """The annotations of one stored document, its findings then the reviews of them."""
    doc = store.document(doc_id)
    reviews = sorted((r for r in store.corpus_records(Review, where={"document": doc.id}) if isinstance(r, Review)),
                     key=lambda r: r.created_at)
    speakers = {lk.mention.record: lk.entity for lk in store.corpus_records(EntityLink, document=doc.id)
                if isinstance(lk, EntityLink) and lk.status in ("machine", "confirmed")}
    mention_of = {m.record: m.id for m in doc.layer("mentions") if getattr(m, "role", "") == "speaker"
                  and getattr(m, "record", None)}
    entity_of = {**{mid: e for mid, e in speakers.items() if mid},
                 **{att: speakers[mid] for att, mid in mention_of.items() if mid in speakers}}
    names = {e.id: e.name for e in store.corpus_records(Entity, ids=sorted(set(entity_of.values())))}
    source = document_iri(doc.id)
    for a in annotations(doc, None, {r.target: r.verdict for r in reviews}):
        parts = a.parts or tuple((s, e, "") for s, e in a.spans)
        targets = []
        for s, e, role in parts:
            target: dict[str, Any] = {"type": "SpecificResource", "source": source, "selector": selectors(doc.text, s, e)}
            if role:
                target["hg:role"] = role
            targets.append(target)
        item: dict[str, Any] = {
            "id": annotation_iri(doc.id, a.id), "type": "Annotation",
            "motivation": MOTIVATION.get(a.type, "describing"),
            "body": _bodies(a, doc.id, entity_of, names),
            "target": targets[0] if len(targets) == 1 else targets,
            "generator": software(a.component, a.version),
            "hg:record": a.id, "hg:layer": a.layer, "hg:status": a.status}
        if analyzed_at:
            item["generated"] = analyzed_at
        if a.confidence is not None:
            item["hg:confidence"] = a.confidence
        yield item
    for r in reviews:
        bodies = [{"type": "TextualBody", "purpose": "assessing", "value": r.verdict}]
        if r.note:
            bodies.append({"type": "TextualBody", "purpose": "commenting", "value": r.note, "format": "text/plain"})
        yield {"id": f"urn:historiograph:review:{r.id}", "type": "Annotation", "motivation": "assessing",
               "creator": {"type": "Person", "name": r.author}, "created": r.created_at, "body": bodies,
               "target": annotation_iri(doc.id, r.target), "generator": software(r.component, r.version),
               "hg:record": r.id, "hg:status": r.verdict}


def write_wadm(store: Store, out: IO[str], all_versions: bool = False, document: str | None = None) -> int:
    """Stream the collection; return the number of annotations written."""
    rows = [store.document_row(document)] if document else store.documents(all_versions)
    head = {"@context": CONTEXT, "id": f"urn:historiograph:collection:{Path(store.location).name}",
            "type": "AnnotationCollection", "label": f"historiograph findings in {Path(store.location).name}",
            "generator": software("historiograph", __version__),
            "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "hg:documents": [{"id": document_iri(r.id), "hg:document": r.id, "hg:title": r.title, "hg:url": r.url,
                              "hg:source": r.source, "hg:version": r.version, "hg:chars": r.n_chars} for r in rows]}
    text = json.dumps(head, ensure_ascii=False, indent=1)
    out.write(text[:-2] + ',\n "first": {"type": "AnnotationPage", "startIndex": 0, "items": [')
    n = 0
    for row in rows:
        for item in document_annotations(store, row.id, row.analyzed_at):
            out.write(("," if n else "") + "\n  " + json.dumps(item, ensure_ascii=False))
            n += 1
    out.write('\n ]},\n "total": %d\n}\n' % n)
    return n


def export_wadm(store: Store, path: str | Path, all_versions: bool = False, document: str | None = None) -> int:
    with open(path, "w", encoding="utf-8") as fh:
        return write_wadm(store, fh, all_versions, document)
