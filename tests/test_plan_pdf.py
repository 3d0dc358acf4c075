"""A plan PDF carries its plan (the plan file, and how it was rendered from it): it imports like
the plan file, and `verify` checks it against that plan with no database. Files that are not
what they claim get one clear line and change nothing."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from pypdf import PdfReader, PdfWriter

from kamplanner import plan_pdf
from kamplanner.app import main
from kamplanner.domain import planfile
from kamplanner.services import Portfolio, check_carried
from tests.factories import full_plan


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A demo database and the PDF of its plan 3 (a draft), made as a user does."""
    folder = tmp_path_factory.mktemp("carried")
    db = folder / "plans.db"
    assert main(["--db", str(db), "demo"]) == 0
    pdf = folder / "plan.pdf"
    assert main(["--db", str(db), "export-pdf", "3", "-o", str(pdf), "--lang", "en"]) == 0
    return db, pdf


def rewritten(data: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    """The PDF written anew by pypdf after ``change(writer)``, as a tool that edits PDFs does."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def replace_attachment(writer: PdfWriter, name: str, content: bytes) -> None:
    names = writer._root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    for at in range(0, len(names), 2):
        if names[at] == name:
            names[at + 1].get_object()["/EF"]["/F"].get_object().set_data(content)


def test_the_pdf_carries_the_plan_file_and_how_it_was_rendered(exported):
    db, pdf = exported
    reader = PdfReader(pdf)
    carried = reader.attachments
    assert sorted(carried) == [plan_pdf.LAYOUT_FILE, plan_pdf.PLAN_FILE, plan_pdf.RENDER_FILE]
    plan = planfile.loads(carried[plan_pdf.PLAN_FILE][0])
    fingerprint = planfile.fingerprint(plan)
    assert f"sha256:{fingerprint}" in reader.metadata["/Keywords"]
    record = json.loads(carried[plan_pdf.RENDER_FILE][0])
    assert record["language"] == "en" and record["changes"] is False and record["signoff"] is None
    with Portfolio.open(str(db)) as portfolio:
        assert planfile.fingerprint(portfolio.load_plan(3)) == fingerprint


def test_every_page_shows_the_fingerprint_of_the_plan_it_carries(exported):
    _, pdf = exported
    check = check_carried(pdf.read_bytes())
    assert check.pages > 5 and check.pages_showing == check.pages
    assert check.in_metadata and check.rendered_again is True and check.ok


def test_importing_the_pdf_into_an_empty_database_gives_the_plan(exported, tmp_path, capsys):
    db, pdf = exported
    empty = tmp_path / "empty.db"
    code, out, err = run(capsys, "--db", str(empty), "import-json", str(pdf))
    assert code == 0, err
    new_id = int(out)
    with Portfolio.open(str(empty)) as fresh, Portfolio.open(str(db)) as original:
        mine = json.loads(original.export_json(3))
        theirs = json.loads(fresh.export_json(new_id))
    del mine["cycle"], theirs["cycle"]  # the PDF carries the plan, not its review record
    assert theirs == mine


def test_verify_works_without_a_database_and_creates_none(exported, tmp_path, capsys):
    _, pdf = exported
    nowhere = tmp_path / "no such.db"
    code, out, err = run(capsys, "--db", str(nowhere), "verify", str(pdf))
    assert code == 0, out + err
    assert "ok   and on every page" in out and "rendering the plan it carries again gives the same document" in out
    assert out.rstrip().endswith("verified: kamplanner's rendering of the plan it carries")
    assert not nowhere.exists()
    code, out, _ = run(capsys, "--db", str(nowhere), "verify", str(pdf), "--json")
    found = json.loads(out)
    assert code == 0 and found["ok"] and found["database"] is False
    assert found["carried"]["pages_showing_fingerprint"] == found["carried"]["pages"]


def test_with_the_database_verify_also_says_which_version_it_is(exported, capsys):
    db, pdf = exported
    _, out, _ = run(capsys, "--db", str(db), "verify", str(pdf), "--json")
    found = json.loads(out)["carried"]
    assert found["ok"] and found["plan"] == 3 and found["current"] is True


def test_changed_pages_do_not_verify(exported, tmp_path, capsys):
    _, pdf = exported

    # Another word on page 2, as a PDF editor would write it: the plan file is untouched.
    def deface(writer: PdfWriter) -> None:
        page = writer.pages[1]
        page.merge_page(PdfReader(io.BytesIO(_one_word_pdf())).pages[0])

    changed = tmp_path / "changed.pdf"
    changed.write_bytes(rewritten(pdf.read_bytes(), deface))
    code, out, _ = run(capsys, "--db", str(tmp_path / "none.db"), "verify", str(changed))
    assert code == 1
    assert "FAIL rendering the plan it carries again gives the same document" in out
    assert "NOT verified" in out


def test_a_pdf_saved_anew_by_a_reader_still_imports_its_plan(exported, tmp_path, capsys):
    # macOS Preview and others write the whole file again: other bytes, the same pages and files.
    _, pdf = exported
    resaved = tmp_path / "resaved.pdf"
    resaved.write_bytes(rewritten(pdf.read_bytes(), lambda w: None))
    code, out, _ = run(capsys, "--db", str(tmp_path / "none.db"), "verify", str(resaved))
    assert code == 1 and "ok   and on every page" in out  # not the very document kamplanner made
    code, out, err = run(capsys, "--db", str(tmp_path / "empty.db"), "import-json", str(resaved))
    assert code == 0, err


def test_a_plan_file_swapped_for_another_is_found_out_and_not_imported(exported, tmp_path, capsys):
    _, pdf = exported
    other = planfile.dumps(full_plan(year=2031)).encode("utf-8")
    swapped = tmp_path / "swapped.pdf"
    swapped.write_bytes(rewritten(pdf.read_bytes(), lambda w: replace_attachment(w, plan_pdf.PLAN_FILE, other)))
    code, out, _ = run(capsys, "--db", str(tmp_path / "none.db"), "verify", str(swapped))
    assert code == 1
    assert "FAIL that fingerprint is in the PDF's metadata" in out and "FAIL and on every page (0 of" in out
    empty = tmp_path / "empty.db"
    code, _, err = run(capsys, "--db", str(empty), "import-json", str(swapped))
    assert code == 2
    assert "does not match the plan it carries" in err and "nothing was written" in err
    with Portfolio.open(str(empty)) as fresh:
        assert fresh.list_plans() == []


def _one_word_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(100, 400, "APPROVED")
    canvas.save()
    return out.getvalue()


def _bad(tmp_path, name: str, data: bytes):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("truncated", "the PDF is damaged or cut short"),
        ("encrypted", "the PDF is encrypted"),
        ("foreign", "the PDF carries no plan file"),
        ("not a pdf", "the file is not a PDF"),
    ],
)
def test_files_that_are_no_plan_pdf_get_one_line_and_change_nothing(exported, tmp_path, capsys, kind, message):
    _, pdf = exported
    data = pdf.read_bytes()
    made = {
        "truncated": lambda: data[: len(data) // 3],
        "encrypted": lambda: rewritten(data, lambda w: w.encrypt("secret")),
        "foreign": _one_word_pdf,
        "not a pdf": lambda: b"\x1b[2J" + b"x" * 100,
    }[kind]()
    bad = _bad(tmp_path, f"{kind}.pdf", made)
    code, _, err = run(capsys, "--db", str(tmp_path / "none.db"), "verify", str(bad))
    assert code == 2 and message in err and "Traceback" not in err
    empty = tmp_path / "empty.db"
    shutil.rmtree(empty, ignore_errors=True)
    code, _, err = run(capsys, "--db", str(empty), "import-json", str(bad))
    assert code == 2 and "Traceback" not in err
    if kind != "not a pdf":  # a file that is no PDF is read as a plan file, and says so
        assert message in err
    with Portfolio.open(str(empty)) as fresh:
        assert fresh.list_plans() == []


def test_a_huge_or_inflating_embedded_file_is_refused_before_it_is_read_whole(exported, monkeypatch):
    _, pdf = exported
    data = pdf.read_bytes()
    # A plan file that inflates to more than any plan file can be (a "zip bomb"): refused.
    bomb = rewritten(data, lambda w: replace_attachment(w, plan_pdf.PLAN_FILE, b" " * (plan_pdf.MAX_CARRIED + 1)))
    assert len(bomb) < len(data) * 2  # it is small on disk
    with pytest.raises(plan_pdf.NotAPlanPdf, match="more than a plan file can be"):
        plan_pdf.read(bomb)
    monkeypatch.setattr(plan_pdf, "MAX_BYTES", len(data) - 1)
    with pytest.raises(plan_pdf.NotAPlanPdf, match="more than a plan PDF can be"):
        plan_pdf.read(data)


def test_a_name_with_terminal_controls_is_shown_escaped(tmp_path, capsys):
    plan = full_plan(year=2030)
    plan.account.name = "Evil\x1b]0;owned\x07 Corp"
    db = tmp_path / "p.db"
    with Portfolio.open(str(db)) as portfolio:
        plan_id = portfolio.import_json(planfile.dumps(plan))
    pdf = tmp_path / "evil.pdf"
    assert run(capsys, "--db", str(db), "export-pdf", str(plan_id), "-o", str(pdf))[0] == 0
    code, out, _ = run(capsys, "--db", str(tmp_path / "none.db"), "verify", str(pdf))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "Evil\\x1b]0;owned\\x07 Corp" in out


def test_hostile_structures_get_one_line_not_a_hang_or_a_traceback():
    def build(names: bytes) -> bytes:
        objs = [b"<< /Type /Catalog /Pages 2 0 R /Names " + names + b" >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
        out, offsets = b"%PDF-1.7\n", []
        for number, body in enumerate(objs, 1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
        return out + b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref

    deep = b"[" * 200_000 + b"]" * 200_000
    for data in (
        build(b"<< /EmbeddedFiles << /Names [" + deep + b"] >> >>"),  # nested two hundred thousand deep
        build(b"<< /EmbeddedFiles << /Names [(kamplanner-plan.json) 99 0 R] >> >>"),  # a dangling reference
        b"%PDF-1.4\n" + b"1 0 obj << /A " * 300_000,  # an object that never ends
    ):
        with pytest.raises(plan_pdf.NotAPlanPdf) as caught:
            plan_pdf.read(data)
        assert "\n" not in str(caught.value) and len(str(caught.value)) < 300
