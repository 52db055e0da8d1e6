"""A hostile corpus, built at run time (nothing binary is committed): readable documents
made from the bundled samples (and ../shared/seeds when present) with edits, and broken
or adversarial files of every kind a crawl of the open web or a shared folder brings:
empty and binary files, NUL bytes, legacy and mixed encodings, odd and undecodable file
names, symbolic link loops, dangling links, FIFOs, unreadable files and folders, a 30 MB
file, a 5 MB single line, a file over the size limit, PDF compression bombs and broken
PDFs, HTML nested past every parser's limit, and the texts whose cost used to grow with
the square of their size (50 KB of "[", "John Smith " ×100,000, 50,000 Ibid. lines…).

Used by tests/hostile/test_hostile_corpus.py (a small slice in the default run, the whole
corpus with --heavy) and by benchmarks/hostile.py.

    entries = build(folder, full=True)      # the files, and what each one should give
    report = check(db, folder, entries)     # what the store holds for each of them
"""

from __future__ import annotations

import io
import os
import sqlite3
import stat
import zlib
from dataclasses import dataclass, field
from pathlib import Path

# Problem codes that mean the tool itself failed on a file (never acceptable).
CRASH_CODES = {"component.crash", "input.adapter_crash", "input.worker_died"}
HANG_CODES = {"input.timeout"}

SEED_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@dataclass
class Entry:
    name: str  # relative path inside the corpus folder (may hold undecodable bytes as surrogates)
    kind: str  # ok (must become a document) | broken (must get a problem) | adversarial (either, never a crash)
    expect: tuple[str, ...] = ()  # for broken files: the problem codes that would be right
    size: int = 0
    why: str = ""
    skipped: str = ""  # set when this kind cannot be made here (and why)


@dataclass
class Corpus:
    folder: Path
    entries: list[Entry] = field(default_factory=list)

    def add(self, name: str, data: bytes | None, kind: str, expect=(), why: str = "") -> Entry:
        path = os.path.join(os.fsencode(self.folder), os.fsencode(name))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if data is not None:
            with open(path, "wb") as fh:
                fh.write(data)
        entry = Entry(name, kind, tuple(expect), len(data or b""), why)
        self.entries.append(entry)
        return entry


def _samples() -> list[tuple[str, str]]:
    import historiograph as hg

    out = [(p.name, p.read_text(encoding="utf-8")) for p in hg.sample_corpus()]
    if SEED_DIR.is_dir():
        out += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEED_DIR.glob("0*.txt"))]
    return out


def _edit(text: str, k: int) -> str:
    """A copy of a text with an edit: a sentence changed, a paragraph added."""
    words = ["archive", "fire", "record", "letter", "report", "witness"]
    text = text.replace(" the ", f" the {words[k % len(words)]} ", 1 + k % 3)
    return text + f"\n\nA note added to copy {k}: the {words[k % len(words)]} was read again in {1900 + k}.\n"


def pdf_bytes(pages: list[str], title: str = "A Paper") -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text.encode("latin-1", "replace").decode("latin-1"))
    return bytes(pdf.output())


def pdf_bomb(pages: int, inflated: int) -> bytes:
    """Pages sharing one content stream that inflates to ``inflated`` bytes of text operators."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, StreamObject

    base = PdfReader(io.BytesIO(pdf_bytes(["Seed page."])))
    font = list(base.pages[0]["/Resources"]["/Font"].keys())[0]
    unit = f"BT {font} 12 Tf 72 720 Td (A) Tj ET\n".encode()
    chunk = unit * (1_000_000 // len(unit))
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(chunk) for _ in range(max(1, inflated // len(chunk)))) + packer.flush()
    writer = PdfWriter(clone_from=base)
    stream = StreamObject()
    stream._data = data
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    ref = writer._add_object(stream)
    first = writer.pages[0]
    for i in range(pages):
        (first if i == 0 else writer.add_page(first))[NameObject("/Contents")] = ref
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["Secret page."]))))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_only_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 100, style="F")
    return bytes(pdf.output())


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def _deep_html(depth: int) -> bytes:
    return ("<html><body>" + "<div>" * depth + "<p>Text deep inside the page is still read.</p>"
            + "</div>" * depth + "<p>And the text after it.</p></body></html>").encode()


def build(folder: Path, full: bool = True, copies: int | None = None) -> list[Entry]:
    """Make the corpus in ``folder``; ``full`` False makes the small slice of the default
    test run (a few of each cheap kind, no big files)."""
    c = Corpus(Path(folder))
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    samples = _samples()
    copies = copies if copies is not None else (-(-200 // len(samples)) if full else 1)  # about 200 readable files

    # -- readable documents, edited copies of the samples and seeds (text, Markdown, HTML, PDF)
    for k in range(copies):
        for name, text in samples:
            stem, ext = os.path.splitext(name)
            edited = _edit(text, k)
            c.add(f"docs/{k:03}/{stem}{ext}", edited.encode("utf-8"), "ok")
        if k % 4 == 0:
            name, text = samples[k % len(samples)]
            paras = [p for p in text.split("\n\n") if p.strip()][:6]
            c.add(f"docs/{k:03}/as_pdf_{k}.pdf", pdf_bytes([_edit("\n\n".join(paras), k)]), "ok")

    if full:
        _variants(c, samples, 30)

    # -- broken files: each must get one clear problem
    c.add("broken/empty.txt", b"", "broken", ["input.empty"])
    c.add("broken/blank.md", b"  \n\t\n", "broken", ["input.empty"])
    c.add("broken/image.txt", PNG, "broken", ["input.binary"])
    c.add("broken/program.txt", b"\x7fELF\x02\x01\x01" + bytes(200), "broken", ["input.binary"])
    c.add("broken/archive.txt", b"PK\x03\x04" + bytes(100), "broken", ["input.binary"])
    c.add("broken/nul.txt", b"Some text\x00\x00\x00 with NUL bytes\x00" * 50, "broken", ["input.binary"])
    c.add("broken/database.md", b"SQLite format 3\x00" + bytes(500), "broken", ["input.binary"])
    c.add("broken/slides.pptx", b"PK\x03\x04", "broken", ["input.unsupported"])
    c.add("broken/broken.pdf", b"%PDF-1.4\nthis is not really a pdf\n%%EOF", "broken", ["input.pdf"])
    c.add("broken/truncated.pdf", pdf_bytes(["A page."])[:300], "broken", ["input.pdf", "input.empty"])
    c.add("broken/encrypted.pdf", encrypted_pdf(), "broken", ["input.pdf"])
    c.add("broken/scanned.pdf", image_only_pdf(), "broken", ["input.empty"])
    c.add("broken/not-html.html", b"\x00\x01\x02" * 100, "broken", ["input.binary"])
    c.add("broken/script-only.html", b"<html><head><script>var a = 1;</script></head><body></body></html>",
          "broken", ["input.empty"])
    c.add("broken/controls.txt", bytes(range(1, 32)) * 300 + b"text", "broken", ["input.binary", "input.encoding"])
    _links(c)
    _specials(c)
    _unreadable(c)

    # -- encodings and names: readable, maybe with a warning
    text = "Le débat sur la « responsabilité » de Néron reste ouvert depuis un siècle. " * 20
    c.add("enc/latin1.txt", text.encode("latin-1"), "ok")
    c.add("enc/cp1251.txt", ("Архив был закрыт в 1953 году, и историки спорят. " * 20).encode("cp1251"), "ok")
    c.add("enc/utf16.txt", ("A text saved as UTF-16 by a word processor. " * 20).encode("utf-16"), "adversarial")
    c.add("enc/shift_jis.txt", ("資料館は一九五三年に閉鎖された。歴史家は議論している。" * 20).encode("shift_jis"), "ok")
    damaged = ("The archive was “closed” in 1953 and “reopened” later. " * 30).encode()
    c.add("enc/mostly_utf8.txt", damaged[:500] + b"\xff\xfe" + damaged[500:] + b"caf\xe9", "adversarial")
    c.add("enc/truncated_utf8.txt", "Une fin coupée au milieu d’un caractère : é".encode()[:-1], "adversarial")
    c.add("enc/bom.md", "\ufeff# With a BOM\r\n\r\nWindows line ends.\r\n".encode(), "ok")
    c.add("names/bad\xff\xfename.txt".encode("latin-1").decode("utf-8", "surrogateescape"),
          b"A file whose name is not UTF-8.\n", "ok")
    c.add("names/line\nbreak.txt", b"A newline in the name.\n", "ok")
    c.add("names/\x1b[31mred.txt", b"An escape sequence in the name.\n", "ok")
    c.add("names/\u202etxt.exe", b"A right-to-left override in the name.\n", "adversarial")
    c.add("names/-rf.txt", b"A name that looks like an option.\n", "ok")
    c.add("names/sp ace & [brackets] *?.md", b"# Odd characters\n\nIn the name.\n", "ok")
    c.add("names/" + "n" * 240 + ".txt", b"A long name.\n", "ok")
    c.add("names/noextension", b"Plain text without an extension.\n", "ok")
    c.add("names/page-without-extension", b"<!doctype html><html><body><p>Sniffed as HTML.</p></body></html>", "ok")

    # -- adversarial texts: read, and bounded (never a crash, never a hang)
    c.add("adv/brackets.txt", b"[" * 50_000, "adversarial")
    c.add("adv/combining.txt", ("a" + "\u0301\u0323" * 50_000).encode(), "adversarial")
    c.add("adv/deep.html", _deep_html(5000), "adversarial")
    if full:
        c.add("adv/parens.txt", b"(" * 50_000, "adversarial")
        c.add("adv/quotes.txt", "“".encode() * 20_000, "adversarial")
        c.add("adv/straight_quotes.txt", b'"' * 20_000, "adversarial")
        c.add("adv/blank_lines.txt", b"Start.\n" + b"\n" * 100_000 + b"End.\n", "adversarial")
        c.add("adv/deep300.html", _deep_html(300), "adversarial")
        c.add("adv/markdown_quotes.md", b"> " * 10_000 + b"deeply quoted\n", "adversarial")
        c.add("adv/said.txt", "".join(f"Smith said “quote {i}” and left.\n" for i in range(4000)).encode(),
              "adversarial")
        c.add("adv/john_smith.txt", b"John Smith " * 100_000, "adversarial")
        c.add("adv/ibid.txt", _ibid(50_000), "adversarial")
        c.add("adv/short_forms.txt", _short_forms(20_000), "adversarial")
        c.add("adv/deepest.html", _deep_html(100_000), "adversarial")
        c.add("adv/many_blocks.html", ("<html><body>" + "".join(
            f"<p>Paragraph {i} of a very long page.</p>" for i in range(50_000)) + "</body></html>").encode(),
            "adversarial")
        c.add("adv/huge_text_node.html", b"<html><body><p>" + b"word " * 3_000_000 + b"</p></body></html>",
              "adversarial")
        c.add("adv/one_line_5mb.txt", (b"A sentence that goes on without a line break. " * 110_000)[:5_000_000],
              "adversarial")
        c.add("adv/big_30mb.txt", (b"A paragraph of an enormous file, with nothing odd in it at all.\n\n" * 470_000),
              "adversarial")
        c.add("adv/zalgo.txt", ("Z\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309" * 20_000).encode(),
              "adversarial")
        c.add("adv/bomb.pdf", pdf_bomb(pages=200, inflated=60_000_000), "adversarial")
        c.add("adv/bomb_big.pdf", pdf_bomb(pages=3, inflated=500_000_000), "adversarial")
        _sparse(c, "broken/sparse_1gib.txt", 2**30)
        _sparse(c, "broken/over_limit.txt", 65 * 2**20)
    else:
        c.add("adv/bomb.pdf", pdf_bomb(pages=5, inflated=20_000_000), "adversarial")
    return c.entries


def _variants(c: Corpus, samples: list[tuple[str, str]], n: int) -> None:
    """Broken and adversarial copies of the samples, ``n`` of each kind."""
    import random

    rng = random.Random(16)
    for k in range(n):
        name, text = samples[k % len(samples)]
        data = _edit(text, k).encode("utf-8")
        cut = rng.randrange(1, max(2, len(data) - 1))
        c.add(f"broken/gen/nul_{k}.txt", data[:cut] + b"\x00" * 8 + data[cut:], "broken", ["input.binary"])
        c.add(f"broken/gen/random_{k}.txt", bytes(rng.randrange(256) for _ in range(2000 + 97 * k)), "broken",
              ["input.binary", "input.encoding"])
        pdf = pdf_bytes([_edit(text[:1500], k)])
        c.add(f"broken/gen/truncated_{k}.pdf", pdf[:rng.randrange(40, len(pdf) // 2)], "broken",
              ["input.pdf", "input.empty"])
        bad = bytearray(data)
        for _ in range(3):
            bad[rng.randrange(len(bad))] = 0xFF
        c.add(f"adv/gen/damaged_{k}.txt", bytes(bad) + "“closed”".encode(), "adversarial")
        depth = 200 + 100 * k
        c.add(f"adv/gen/deep_{k}.html", ("<html><body>" + "<div>" * depth + "".join(
            f"<p>{p}</p>" for p in text.split("\n\n")[:8]) + "</div>" * depth + "</body></html>").encode("utf-8"),
            "adversarial")
        run = "".join(rng.choice("[](){}“”\"'«»") for _ in range(200 + 300 * k))
        c.add(f"adv/gen/punct_{k}.txt", (text[:2000] + " " + run + " " + text[2000:4000]).encode("utf-8"),
              "adversarial")


def _ibid(n: int) -> bytes:
    body = " ".join(f"Claim {i} is made.{i}" for i in range(1, min(n, 9999) + 1))
    notes = "1. John Smith, A History of Rome (London: Penguin, 1990), 3.\n" + \
        "".join(f"{i}. Ibid., {i}.\n" for i in range(2, n + 1))
    return f"An Essay\n\n{body}\n\nNotes\n\n{notes}".encode()


def _short_forms(n: int) -> bytes:
    notes = "".join(f"{i}. John Smith, Book Number {i} (London: Penguin, 1990), 3.\n" for i in range(1, n // 2 + 1))
    notes += "".join(f"{i}. Smith, {i}.\n" for i in range(n // 2 + 1, n + 1))
    body = " ".join(f"Claim {i}.{i}" for i in range(1, n + 1))
    return f"An Essay\n\n{body}\n\nNotes\n\n{notes}".encode()


def _links(c: Corpus) -> None:
    base = Path(c.folder) / "links"
    base.mkdir(parents=True, exist_ok=True)
    try:
        (base / "self_loop.txt").symlink_to(base / "self_loop.txt")
        (base / "dangling.txt").symlink_to(base / "nowhere.txt")
        (base / "sub").mkdir(exist_ok=True)
        (base / "sub" / "up").symlink_to(base)
        (base / "a.txt").symlink_to(base / "b.txt")
        (base / "b.txt").symlink_to(base / "a.txt")
    except OSError as exc:  # a file system without links
        c.entries.append(Entry("links/*", "broken", skipped=f"symbolic links cannot be made here: {exc}"))
        return
    c.entries.append(Entry("links/self_loop.txt", "broken", ("input.link",)))
    c.entries.append(Entry("links/dangling.txt", "broken", ("input.link",)))
    c.entries.append(Entry("links/sub/up", "broken", ("input.link",)))
    c.entries.append(Entry("links/a.txt", "broken", ("input.link",)))
    c.entries.append(Entry("links/b.txt", "broken", ("input.link",)))
    (base / "real.txt").write_text("A file reached by a good link as well.\n")
    (base / "good_link.txt").symlink_to(base / "real.txt")
    c.entries.append(Entry("links/real.txt", "ok"))


def _specials(c: Corpus) -> None:
    fifo = Path(c.folder) / "special" / "pipe.txt"
    fifo.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.mkfifo(fifo)
        c.entries.append(Entry("special/pipe.txt", "broken", ("input.special",)))
    except (OSError, AttributeError) as exc:
        c.entries.append(Entry("special/pipe.txt", "broken", skipped=f"no FIFO here: {exc}"))


def _unreadable(c: Corpus) -> None:
    """A file and a folder nobody may read; root reads them anyway, so there they are
    recorded as skipped, with the reason."""
    locked = Path(c.folder) / "locked"
    locked.mkdir(parents=True, exist_ok=True)
    secret = locked / "secret.txt"
    secret.write_text("Nobody may read this.\n")
    folder = locked / "closed"
    folder.mkdir(exist_ok=True)
    (folder / "inside.txt").write_text("Nor this.\n")
    secret.chmod(0)
    folder.chmod(0)
    if os.geteuid() == 0 if hasattr(os, "geteuid") else False:
        why = "running as root: chmod 000 does not stop root from reading, so these read fine"
        c.entries.append(Entry("locked/secret.txt", "ok", skipped=why))
        c.entries.append(Entry("locked/closed/inside.txt", "ok", skipped=why))
    else:
        c.entries.append(Entry("locked/secret.txt", "broken", ("input.unreadable",)))
        c.entries.append(Entry("locked/closed", "broken", ("input.unreadable",)))


def _sparse(c: Corpus, name: str, size: int) -> None:
    path = Path(c.folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.truncate(size)
    c.entries.append(Entry(name, "broken", ("input.too_large",), size))


def unlock(folder: Path) -> None:
    """Give back the permissions _unreadable took, so the corpus can be deleted."""
    for path in (Path(folder) / "locked" / "secret.txt", Path(folder) / "locked" / "closed"):
        if path.exists():
            path.chmod(0o755 if path.is_dir() else 0o644)


def shown(folder: Path, name: str) -> str:
    from historiograph.adapters.files import display_path

    return display_path(os.path.join(str(Path(folder).resolve()), name))


@dataclass
class Report:
    tried: int = 0
    broken: int = 0
    adversarial: int = 0
    documents: int = 0
    crashed: list[tuple[str, str]] = field(default_factory=list)
    hung: list[tuple[str, str]] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)  # broken files without a problem naming them
    wrong_code: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # ok files that did not become documents
    skipped: list[tuple[str, str]] = field(default_factory=list)


def check(db: Path, folder: Path, entries: list[Entry]) -> Report:
    """What the store holds for each file of the corpus: a document, or a problem naming it."""
    conn = sqlite3.connect(str(db))
    conn.row_factory = sqlite3.Row
    docs = {r["source"]: r["id"] for r in conn.execute("SELECT source, id FROM documents")}
    problems: dict[str, list[str]] = {}
    for r in conn.execute("SELECT p.code, p.message, coalesce(p.source, d.source) AS source FROM problems p"
                          " LEFT JOIN documents d ON d.id = p.document_id"):
        problems.setdefault(r["source"] or "", []).append(r["code"])
    conn.close()
    report = Report()
    for e in entries:
        if e.skipped:
            report.skipped.append((e.name, e.skipped))
            continue
        report.tried += 1
        report.broken += e.kind == "broken"
        report.adversarial += e.kind == "adversarial"
        path = shown(folder, e.name)
        codes = problems.get(path, [])
        if path in docs:
            report.documents += 1
        crash = [code for code in codes if code in CRASH_CODES]
        hang = [code for code in codes if code in HANG_CODES]
        if crash:
            report.crashed.append((e.name, ",".join(crash)))
        if hang:
            report.hung.append((e.name, ",".join(hang)))
        if e.kind == "ok" and path not in docs:
            report.missing.append(e.name)
        elif e.kind == "broken":
            if not codes:
                report.unexplained.append(e.name)
            elif e.expect and not set(codes) & set(e.expect):
                report.wrong_code.append((e.name, ",".join(codes)))
        elif e.kind == "adversarial" and path not in docs and not codes:
            report.unexplained.append(e.name)
    return report


def share_broken(entries: list[Entry]) -> float:
    tried = [e for e in entries if not e.skipped]
    return sum(e.kind != "ok" for e in tried) / max(1, len(tried))


__all__ = ["Entry", "Report", "build", "check", "share_broken", "unlock", "pdf_bomb", "pdf_bytes", "CRASH_CODES",
           "HANG_CODES", "stat"]
