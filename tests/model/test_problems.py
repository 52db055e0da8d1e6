"""Every problem code the package writes is in the one catalogue, with a meaning."""

import re
from pathlib import Path

import historiograph
from historiograph.model import CATALOGUE, make_problem

AREAS = ("input", "component", "notes", "integrity", "attribution", "references", "terms", "claims",
         "register", "store", "structure", "quantities", "alignment", "review")
CODE = re.compile(r"""["']((?:%s)\.[a-z_]+)["']""" % "|".join(AREAS))


def test_every_code_used_is_catalogued():
    root = Path(historiograph.__file__).parent
    used = {m.group(1): path.name for path in root.rglob("*.py") if path.name != "problems.py"
            for m in CODE.finditer(path.read_text(encoding="utf-8"))}
    missing = {code: where for code, where in used.items() if code not in CATALOGUE}
    assert not missing, f"problem codes used but not in model/problems.py: {missing}"


def test_catalogue_entries_are_complete():
    for code, entry in CATALOGUE.items():
        assert entry.severity in ("info", "warning", "error"), code
        assert entry.meaning.endswith("."), code


def test_make_problem_takes_the_catalogue_severity():
    p = make_problem("component.crash", "x crashed", component="x", version="1")
    assert p.severity == "error"
    assert make_problem("notes.unreferenced", "n", component="notes", version="1").severity == "warning"
