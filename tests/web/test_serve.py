import json
import urllib.error
import urllib.request

from typer.testing import CliRunner

from historiograph.cli import app

from .server import serving


def test_serve_binds_locally_read_only_and_refuses_review(sample_db_copy):
    with serving(sample_db_copy) as (base, proc):
        with urllib.request.urlopen(base + "/.json") as r:
            assert json.load(r)["view"] == "overview"
        with urllib.request.urlopen(base + "/") as r:
            assert b"The corpus" in r.read()
        post = urllib.request.Request(base + "/review", data=b"record=x&verdict=confirmed&author=a", method="POST")
        try:
            urllib.request.urlopen(post)
            raise AssertionError("POST accepted by a read-only server")
        except urllib.error.HTTPError as exc:
            assert exc.code == 403
        rebinding = urllib.request.Request(base + "/", headers={"Host": "attacker.example"})
        try:
            urllib.request.urlopen(rebinding)
            raise AssertionError("a foreign Host name was served")
        except urllib.error.HTTPError as exc:
            assert exc.code == 400
    out = " ".join(proc.stdout.read().split())
    assert f"at {base}/ (read-only)" in out


def test_serve_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 1 and "no such corpus database" in result.output
