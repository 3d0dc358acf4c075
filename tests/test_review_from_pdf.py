"""A reviewer comments on the plan PDF in their own reader; review-from-pdf reads the comments
back onto the sections and fields they sit on. The annotations are made here as PDF readers
make them (pypdf, appended as an incremental update as Acrobat and Okular save them)."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText, Highlight, Text
from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

from kamplanner import plan_pdf
from kamplanner.app import main
from kamplanner.services import Portfolio


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sent(tmp_path, capsys):
    """A demo database, and the English PDF of its plan 3 as it went out for review."""
    db = tmp_path / "plans.db"
    assert run(capsys, "--db", str(db), "demo")[0] == 0
    pdf = tmp_path / "for review.pdf"
    assert run(capsys, "--db", str(db), "export-pdf", "3", "-o", str(pdf), "--lang", "en")[0] == 0
    return db, pdf


def where(pdf_bytes: bytes, key: str) -> tuple[int, float]:
    """The page (1-based) and top of the heading ``key`` in the PDF's own layout record."""
    layout = json.loads(PdfReader(io.BytesIO(pdf_bytes)).attachments[plan_pdf.LAYOUT_FILE][0])
    return next((page, top) for page, top, k in layout["marks"] if k == key)


def annotated(data: bytes, notes: list[tuple[int, object, str, str]]) -> bytes:
    """``data`` with annotations (page, annotation, author, date) appended as a reader saves them."""
    writer = PdfWriter(io.BytesIO(data), incremental=True)
    for page, annotation, author, made in notes:
        annotation[NameObject("/T")] = TextStringObject(author)
        annotation[NameObject("/M")] = TextStringObject(made)
        writer.add_annotation(page - 1, annotation)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sticky(x: float, y: float, text: str) -> Text:
    return Text(rect=(x, y - 20, x + 20, y), text=text)


def highlight(x: float, y: float, text: str) -> Highlight:
    quads = ArrayObject(FloatObject(v) for v in (x, y, x + 200, y, x, y - 12, x + 200, y - 12))
    mark = Highlight(rect=(x, y - 12, x + 200, y), quad_points=quads, highlight_color="ffe14d")
    mark[NameObject("/Contents")] = TextStringObject(text)
    return mark


def text_box(x: float, y: float, text: str) -> FreeText:
    return FreeText(text=text, rect=(x, y - 40, x + 220, y))


def reviewed(pdf: bytes) -> bytes:
    forecast_page, forecast_top = where(pdf, "f:forecast.rows")
    risks_page, risks_top = where(pdf, "f:risks.trends")
    return annotated(
        pdf,
        [
            (
                forecast_page,
                sticky(500, forecast_top - 60, "2029 growth looks optimistic."),
                "Helen Zhou",
                "D:20261201093000+08'00'",
            ),
            (
                risks_page,
                highlight(60, risks_top - 30, "Add the price war in Jiangsu."),
                "Helen Zhou",
                "D:20261201094500+08'00'",
            ),
            (1, text_box(300, 300, "封面：请补上客户经理的电话。"), "周海伦", "D:20261201100000+08'00'"),
        ],
    )


def test_each_comment_lands_on_its_section_and_field_with_author_and_text(sent, tmp_path, capsys):
    db, pdf = sent
    back = tmp_path / "reviewed.pdf"
    back.write_bytes(reviewed(pdf.read_bytes()))
    code, out, err = run(capsys, "--db", str(db), "review-from-pdf", str(back), "--json")
    assert code == 0, err
    found = json.loads(out)
    assert found["plan"] == 3 and found["already"] == 0
    by_text = {c["text"]: c for c in found["added"]}
    forecast = by_text["2029 growth looks optimistic."]
    assert (forecast["section"], forecast["field"], forecast["author"]) == ("forecast", "forecast.rows", "Helen Zhou")
    assert forecast["at"] == "2026-12-01T09:30:00+08:00" and forecast["kind"] == "text"
    risk = by_text["Add the price war in Jiangsu."]
    assert (risk["section"], risk["field"], risk["kind"]) == ("risks", "risks.trends", "highlight")
    cover = by_text["封面：请补上客户经理的电话。"]
    assert (cover["section"], cover["field"], cover["author"], cover["page"]) == ("account", "", "周海伦", 1)

    # The plan's review record lists them, as `cycle --json` shows it.
    code, out, _ = run(capsys, "--db", str(db), "cycle", "3", "--json")
    listed = json.loads(out)["comments"]
    assert sorted(c["text"] for c in listed) == sorted(by_text)
    assert all(c["status"] == "open" for c in listed)


def test_the_same_pdf_twice_adds_nothing(sent, tmp_path, capsys):
    db, pdf = sent
    back = tmp_path / "reviewed.pdf"
    back.write_bytes(reviewed(pdf.read_bytes()))
    assert run(capsys, "--db", str(db), "review-from-pdf", str(back))[0] == 0
    code, out, err = run(capsys, "--db", str(db), "review-from-pdf", str(back), "--json")
    assert code == 0, err
    again = json.loads(out)
    assert again["added"] == [] and again["already"] == 3
    with Portfolio.open(str(db)) as portfolio:
        assert len(portfolio.load_cycle(3).comments) == 3


def test_answering_and_resolving_a_comment(sent, tmp_path, capsys):
    db, pdf = sent
    back = tmp_path / "reviewed.pdf"
    back.write_bytes(reviewed(pdf.read_bytes()))
    out = run(capsys, "--db", str(db), "review-from-pdf", str(back), "--json")[1]
    key = next(c["key"] for c in json.loads(out)["added"] if c["section"] == "risks")
    code, out, _ = run(capsys, "--db", str(db), "comment", "3", key, "--answer", "Added to 3.2 Trends.")
    assert code == 0 and out.startswith(f"{key}: answered")
    assert run(capsys, "--db", str(db), "comment", "3", key, "--status", "resolved")[0] == 0
    listed = json.loads(run(capsys, "--db", str(db), "cycle", "3", "--json")[1])["comments"]
    done = next(c for c in listed if c["key"] == key)
    assert done["status"] == "resolved" and done["answer"] == "Added to 3.2 Trends."
    code, _, err = run(capsys, "--db", str(db), "comment", "3", "cnosuchkey", "--status", "resolved")
    assert code != 0 and "no review comment" in err


def test_a_comment_on_the_contents_page_is_refused_and_nothing_is_written(sent, tmp_path, capsys):
    db, pdf = sent
    page, top = where(pdf.read_bytes(), "contents")
    back = tmp_path / "stray.pdf"
    back.write_bytes(
        annotated(pdf.read_bytes(), [(page, sticky(300, top - 100, "Nice contents"), "Helen", "D:20261201")])
    )
    code, _, err = run(capsys, "--db", str(db), "review-from-pdf", str(back))
    assert code == 2
    assert f"page {page}: the comment 'Nice contents' sits outside the plan's sections" in err
    assert "nothing was written" in err
    with Portfolio.open(str(db)) as portfolio:
        assert portfolio.load_cycle(3).comments == []


def test_comment_text_is_kept_as_text_and_shown_escaped(sent, tmp_path, capsys):
    db, pdf = sent
    page, top = where(pdf.read_bytes(), "f:risks.trends")
    evil = "<b>bold?</b> \x1b[2J\x07cleared & rung"
    back = tmp_path / "evil.pdf"
    back.write_bytes(annotated(pdf.read_bytes(), [(page, sticky(300, top - 40, evil), "\x1b]0;x\x07Eve", "junk")]))
    code, out, err = run(capsys, "--db", str(db), "review-from-pdf", str(back))
    assert code == 0, err
    assert "\x1b" not in out + err and "\x07" not in out + err
    with Portfolio.open(str(db)) as portfolio:
        (comment,) = portfolio.load_cycle(3).comments
    assert comment.text == "<b>bold?</b> [2Jcleared & rung"  # markup stays text; controls are dropped
    assert comment.author == "]0;xEve" and comment.at is None  # "junk" is no date


def test_a_plan_pdf_of_a_plan_this_database_lacks_says_to_import_it(sent, tmp_path, capsys):
    _, pdf = sent
    back = tmp_path / "reviewed.pdf"
    back.write_bytes(reviewed(pdf.read_bytes()))
    code, _, err = run(capsys, "--db", str(tmp_path / "other.db"), "review-from-pdf", str(back))
    assert code != 0 and "import the PDF first" in err and "Traceback" not in err


def test_the_next_review_copy_lists_the_comments_and_what_was_done(sent, tmp_path, capsys):
    db, _ = sent
    first = tmp_path / "first.pdf"
    assert run(capsys, "--db", str(db), "send-for-review", "3", "-o", str(first), "--lang", "en")[0] == 0
    back = tmp_path / "reviewed.pdf"
    back.write_bytes(reviewed(first.read_bytes()))
    added = json.loads(run(capsys, "--db", str(db), "review-from-pdf", str(back), "--json")[1])["added"]
    risk = next(c["key"] for c in added if c["section"] == "risks")
    assert run(capsys, "--db", str(db), "comment", "3", risk, "--answer", "Price war added to the trends.")[0] == 0
    assert run(capsys, "--db", str(db), "comment", "3", risk, "--status", "resolved")[0] == 0
    # Sent back for changes, changed, and sent again: the new copy says what became of each comment.
    args = ["--reviewer", "Helen Zhou", "--decision", "changes", "--score", "3", "--summary", "See my notes"]
    assert run(capsys, "--db", str(db), "review", "3", *args)[0] == 0
    with Portfolio.open(str(db)) as portfolio:
        from kamplanner.domain.edits import SetProse

        plan = portfolio.load_plan(3)
        old = plan.text("risks.trends")
        portfolio.save_edits(3, plan.version, [SetProse("risks.trends", old, old + "\n\nA price war.")])
    second = tmp_path / "second.pdf"
    assert run(capsys, "--db", str(db), "send-for-review", "3", "-o", str(second), "--lang", "en")[0] == 0
    reader = PdfReader(second)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages[-3:])
    assert "Review comments and what was done" in text
    assert "3 Business risks › Effect of technology and other trends · Helen Zhou · 1 December 2026 · resolved" in text
    assert "Done: Price war added to the trends." in text
    assert "2029 growth looks optimistic." in text and "(not answered yet)" in text
    # The copy is still the rendering of what it carries: it verifies with no database.
    code, out, _ = run(capsys, "--db", str(tmp_path / "none.db"), "verify", str(second))
    assert code == 0, out
