"""Parsed fields → CSL-JSON (the format Zotero and citeproc read).

Rules only where rules are clearly better than the model: URLs, DOIs, page
ranges, years, volume/issue pairs, and the names inside an author field."""

from __future__ import annotations

import re

from ...text.patterns import URL, YEAR
from .model import Field

DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")
PAGES = re.compile(r"(\d+[a-z]?(?:\s*[-–—]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–—]\s*\d+)?)*)")
VOL_ISSUE = re.compile(r"(?:vol\.?\s*)?(\d+)\s*(?:,\s*)?(?:no\.?|nos\.?|issue|\()\s*(\d+[-–/]?\d*)\)?", re.I)
ISSUE_ONLY = re.compile(r"^(?:no\.?|nos\.?|issue)\s*(\d+[-–/]?\d*)", re.I)
GLUED_VOLUME = re.compile(r"^(.*[^\W\d])(\d{1,4})$")
PARTICLES = {"van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "la", "le", "ter", "ten", "dos", "das"}
NAME_CUES = re.compile(r"^in:?\s+(?=[A-Z])|^(?:in:?\s+)?(?:edited by|ed\.|eds\.|editors?|trans(?:lated)?\.?(?: by)?|tr\.|by|"
                       r"hrsg\.?(?: v\.)?|a cura di)\s+|,?\s+\(?(?:ed|eds|editor|editors|trans|hrsg)\.?\)?,?$", re.I)
# "accessed June 21, 2025", "(accessed 3 Nov. 2012)", "Retrieved 2010-08-07": the day a web page was
# read (CSL `accessed`), never its date of publication. AnyStyle's core.xml tags these as notes.
ACCESSED = re.compile(r"\b(?:accessed|retrieved|consulted|last (?:accessed|visited)|viewed|abgerufen(?: am)?|"
                      r"zugriff(?: am)?|consulté le)(?:\s+on)?:?\s+(?P<date>(?:[\w.]+[\s,/-]+){0,3}?(?:1[4-9]|20)\d\d"
                      r"(?:[-/.]\d{1,2}[-/.]\d{1,2})?)", re.I)
CONTAINER_CUE = re.compile(r"^in:?\s+", re.I)  # AnyStyle keeps "In:" inside the container it opens
ENDS = " \t\n.,;:()[]{}\"“”‘’'«»–—"  # a dash left at either end is the separator before or after
NAME_ENDS = " \t\n,;:()[]{}\"“”‘’'«»"  # keep the dot of an initial
MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS |= {m[:3]: i for m, i in MONTHS.items()} | {"sept": 9}
ISO_DATE = re.compile(r"\b(1[4-9]\d\d|20\d\d)-(\d{1,2})-(\d{1,2})\b")


def clean(text: str) -> str:
    return " ".join(text.split()).strip(ENDS)


def split_names(text: str, inverted_first: bool = False) -> list[dict]:
    """'Yu Xiao and Ji Zeng' / 'Marr, D., & Nishihara, H.' / 'Roy and Zhores Medvedev' → CSL names."""
    text = NAME_CUES.sub("", " ".join(text.split()).strip(NAME_ENDS))
    text = re.sub(r"\bet al\.?$", "", text).strip(NAME_ENDS)
    if not text:
        return []
    text = text.strip(NAME_ENDS)
    groups = re.split(r"\s*;\s*|\s+(?:and|&|und|et|e|y)\s+|,\s*(?:and|&)\s+", text)
    names: list[dict] = []
    for g, group in enumerate(groups):
        group = group.strip(NAME_ENDS)
        if not group:
            continue
        parts = [p.strip() for p in group.split(",") if p.strip()]
        if len(parts) == 1:
            names.append(_name_from_words(parts[0].split(), inverted=inverted_first and g == 0))
        elif all(_is_initials(p) for p in parts[1::2]) and len(parts) % 2 == 0:
            for fam, giv in zip(parts[::2], parts[1::2]):  # Family, G., Family, G.
                names.append({"family": fam, "given": giv})
        elif len(parts) == 2 and (_is_initials(parts[1]) or len(parts[1].split()) <= 2 and (
                len(parts[0].split()) == 1 or parts[0].split()[0].lower() in PARTICLES)):
            names.append({"family": parts[0], "given": parts[1]})
        else:
            names.extend(_name_from_words(p.split()) for p in parts)
    # "Roy and Zhores Medvedev": a lone first name shares the next person's family name
    for i in range(len(names) - 1):
        if "given" not in names[i] and names[i + 1].get("given") and len(names[i]["family"].split()) == 1 \
                and names[i]["family"][:1].isupper() and not inverted_first:
            names[i] = {"family": names[i + 1]["family"], "given": names[i]["family"]}
    for n in names:  # "Writer, Anna." — the full stop closes the name, it is no initial's
        for part in ("given", "family"):
            words = n.get(part, "").split()
            if words and words[-1].endswith(".") and len(words[-1].rstrip(".")) > 2 and "." not in words[-1][:-1]:
                n[part] = " ".join(words[:-1] + [words[-1][:-1]])
    return [n for n in names if n.get("family") or n.get("literal")]


def _is_initials(text: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z][a-z]?\.?[\s-]?){1,4}", text.strip()))


def _name_from_words(words: list[str], inverted: bool = False) -> dict:
    words = [w for w in words if w]
    if not words:
        return {}
    if len(words) == 1:
        return {"family": words[0]}
    if inverted:
        return {"family": words[0], "given": " ".join(words[1:])}
    if _is_initials(words[-1]) and not _is_initials(words[0]):  # "Heidegger M."
        return {"family": " ".join(words[:-1]), "given": words[-1]}
    i = len(words) - 1
    while i > 0 and words[i - 1].lower() in PARTICLES:
        i -= 1
    if words[-1].rstrip(".").lower() in ("jr", "sr", "ii", "iii"):
        return {"family": words[-2], "given": " ".join(words[:-2]), "suffix": words[-1]}
    return {"family": " ".join(words[i:]), "given": " ".join(words[:i])}


def date_parts(text: str) -> dict | None:
    years = YEAR.findall(text)
    if not years:
        return {"literal": clean(text)} if clean(text) else None
    if iso := ISO_DATE.search(text):
        return {"date-parts": [[int(g) for g in iso.groups()]]}
    parts = [int(years[0])]
    month = next((MONTHS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in MONTHS), None)
    if month:
        parts.append(month)
        day = re.search(r"\b(\d{1,2})\b", YEAR.sub("", text))
        if day:
            parts.append(int(day.group(1)))
    return {"date-parts": [parts]}


def pages(text: str) -> str | None:
    text = re.sub(r"^(?:pp?|pages?|s|pag)\.?\s*", "", clean(text), flags=re.I)
    m = PAGES.search(text)
    return re.sub(r"\s*[–—]\s*|\s*-\s*", "-", m.group(1)) if m else (text or None)


def to_csl(text: str, fields: list[Field], in_note: bool = True, inverted_first: bool = False) -> tuple[dict, str | None]:
    """CSL-JSON for one reference string and its parsed fields; also the cited range
    (the page a note points to, as opposed to an article's page range)."""
    csl: dict = {}
    page_values: list[str] = []
    accessed = ACCESSED.search(text)
    if accessed and (d := date_parts(accessed.group("date"))) and "date-parts" in d:
        csl["accessed"] = d
    else:
        accessed = None
    for f in fields:
        raw = text[f.start:f.end]
        if accessed and f.start < accessed.end() and accessed.start() < f.end and f.label in (
                "issued", "container-title", "note", "publisher", "publisher-place"):
            # the access date and its cue were read above, whatever the model called them
            raw = text[f.start:max(f.start, accessed.start())] + " " + text[min(f.end, accessed.end()):f.end]
        value = clean(raw)
        if not value:
            continue
        label = f.label
        if label in ("author", "editor", "translator", "director", "producer"):
            names = split_names(raw, inverted_first and label == "author" and "author" not in csl)
            if names:
                csl.setdefault(label, []).extend(names)
        elif label == "issued":
            if "issued" not in csl and (d := date_parts(raw)):
                csl["issued"] = d
        elif label == "page":
            if p := pages(raw):
                page_values.append(p)
        elif label == "volume":
            m = VOL_ISSUE.search(value)
            issue = ISSUE_ONLY.match(value)
            if m:
                csl["volume"], csl["issue"] = m.group(1), m.group(2)
            elif issue:
                csl["issue"] = issue.group(1)
            else:
                csl["volume"] = re.sub(r"^(?:vol|vols|tomo|t|bd)\.?\s*", "", value, flags=re.I)
        elif label == "container-title":
            value = CONTAINER_CUE.sub("", value)
            if not value:
                continue
            glued = GLUED_VOLUME.match(value)
            if glued and "volume" not in csl:  # "Journal of Cold War Studies4" (web copy lost a space)
                value, csl["volume"] = glued.group(1).strip(), glued.group(2)
            csl.setdefault(label, value)
        elif label == "citation-number":
            if f is fields[-1] and f is not fields[0] and re.fullmatch(r"\d+(?:[-–]\d+)?", value):
                page_values.append(value)  # a trailing bare number is a page, not a list number
            else:
                csl.setdefault(label, value)
        elif label in ("URL", "DOI", "ISBN"):
            csl.setdefault(label, value)
        elif label == "publisher-place":
            csl.setdefault(label, value)
        else:
            csl.setdefault(label, value)
    if m := URL.search(text):
        csl["URL"] = m.group(0).rstrip(".,;)")
    if m := DOI.search(text):
        csl["DOI"] = m.group(1).rstrip(".,;)")
    cited = None
    if page_values:
        if "container-title" in csl and not in_note:
            csl["page"] = page_values[0]
        elif "container-title" in csl and len(page_values) == 1 and "-" not in page_values[0]:
            cited = page_values[0]  # "in A Book, ed. X (Place: Press, 2001), 67.": one page is the one cited
        elif "container-title" in csl:
            csl["page"] = page_values[0]  # an article's or chapter's range, then the page cited, if any
            cited = page_values[-1] if len(page_values) > 1 else None
        elif in_note:
            cited = page_values[-1]
        else:
            csl["page"] = page_values[0]
    csl["type"] = _type(csl)
    return csl, cited


def _type(csl: dict) -> str:
    genre = csl.get("genre", "").lower()
    if "thesis" in genre or "dissertation" in genre:
        return "thesis"
    if "container-title" in csl:
        if "editor" in csl and "volume" not in csl:
            return "chapter"
        return "article-journal"
    if "URL" in csl and "publisher" not in csl:
        return "webpage"
    return "book"
