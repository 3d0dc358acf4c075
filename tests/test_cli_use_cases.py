"""The use cases the command line reaches the store and the report through (services.py, issue 10):
opening a portfolio, where it lives, many PDFs at once. Real SQLite files, real PDFs read back."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from kamplanner.instance import InstanceLock
from kamplanner.services import BadDatabaseURL, DatabaseError, NotFound, Portfolio


def test_open_a_file_and_say_where_it_is(tmp_path):
    path = tmp_path / "a.db"
    portfolio = Portfolio.open(str(path))
    try:
        assert portfolio.database_file == path
        assert portfolio.display_name == str(path)
        assert portfolio.url.startswith("sqlite:") and portfolio.url.endswith("a.db")
        assert portfolio.damage_warning is None
        assert portfolio.list_plans() == []
    finally:
        portfolio.close()
    assert path.exists()


def test_open_refuses_what_is_no_database(tmp_path):
    with pytest.raises(BadDatabaseURL):
        Portfolio.open("postgresql+nosuchdriver://u:pw@localhost/x")
    text = tmp_path / "notes.db"
    text.write_text("not a database at all")
    with pytest.raises(DatabaseError, match="not a kamplanner database"):
        Portfolio.open(str(text))
    assert text.read_text() == "not a database at all"


def test_open_in_app_sees_a_running_app(tmp_path):
    path = tmp_path / "a.db"
    portfolio = Portfolio.open(str(path))
    try:
        assert not portfolio.open_in_app()
        lock = InstanceLock(path)
        assert lock.acquire()
        try:
            assert portfolio.open_in_app()
        finally:
            lock.release()
        assert not portfolio.open_in_app()
    finally:
        portfolio.close()


def test_render_pdfs_gives_each_plan_in_order_and_goes_on_after_a_failure(demo_portfolio):
    plans = demo_portfolio.list_plans()
    ids = [p.id for p in plans]
    missing = max(ids) + 100
    wanted = [ids[0], missing, *ids[1:]]
    results = list(demo_portfolio.render_pdfs(wanted, lang="en", jobs=1))
    assert [key for key, _, _ in results] == wanted
    for key, result, seconds in results:
        if key == missing:
            assert isinstance(result, NotFound)
            continue
        assert isinstance(result, bytes) and seconds > 0
        account = next(p.account for p in plans if p.id == key)
        assert PdfReader(io.BytesIO(result)).metadata.title.startswith(account)
    # The same PDF as the one-plan use case makes (and as the app exports).
    first = results[0][1]
    assert first == demo_portfolio.render_pdf(ids[0], lang="en")


def test_render_pdfs_with_changes_ends_the_appendix_with_them(demo_portfolio):
    signed = next(p.id for p in demo_portfolio.list_plans() if demo_portfolio.load_cycle(p.id).last_signoff)
    [(key, data, _)] = list(demo_portfolio.render_pdfs([signed], lang="en", with_changes=True, jobs=1))
    assert key == signed and data == demo_portfolio.render_pdf(signed, lang="en", with_changes=True)
    assert data != demo_portfolio.render_pdf(signed, lang="en")
