"""Where the database is, worked out without SQLAlchemy: the same answers as SQLAlchemy's parser."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.engine import make_url

from kamplanner.store.location import BadDatabaseURL, resolve_url, sqlite_file


def parsed_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


# Any file name a user might type, Chinese, spaces, %, ?, # and @ included (no NUL or slash).
names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00/"), min_size=1, max_size=40)


@given(names)
def test_the_file_of_a_resolved_path_is_the_one_sqlalchemy_reads(tmp_path_factory, name):
    folder = tmp_path_factory.getbasetemp()
    if name in (".", ".."):
        return
    url = resolve_url(folder / name)
    assert sqlite_file(url) == parsed_file(url)


def test_urls_are_read_by_sqlalchemy():
    for url in (
        "sqlite:////tmp/a%20b.db",
        "sqlite:////tmp/x.db?mode=ro",
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite+pysqlite:////tmp/q.db",
        "postgresql+psycopg://kam@localhost/kam",
    ):
        assert sqlite_file(url) == parsed_file(url), url
    assert sqlite_file("postgresql+psycopg://kam@localhost/kam") is None
    assert sqlite_file("sqlite:////tmp/a%20b.db") == Path("/tmp/a b.db")


def test_a_malformed_url_is_bad_input_with_the_password_masked():
    try:
        resolve_url("postgresql+psycopg://kam:secret@host:notaport/db")
    except BadDatabaseURL as exc:
        assert "secret" not in str(exc)
    else:
        raise AssertionError("a port that is not a number was accepted")


def test_a_path_is_resolved_without_loading_sqlalchemy(tmp_path):
    # The window is shown before SQLAlchemy is loaded: finding the database file must not load it.
    code = (
        "import sys\n"
        "from kamplanner.store.location import resolve_url, sqlite_file\n"
        f"print(sqlite_file(resolve_url({str(tmp_path / '客户 plan.db')!r})))\n"
        "print('sqlalchemy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == str(tmp_path / "客户 plan.db")
    assert out[1] == "False"
