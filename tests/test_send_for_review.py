"""send-for-review: the plan is submitted (its version frozen) and the reviewer's copy says so on
its cover and has an empty signature field, which an outside tool (pyHanko here, with the
reviewer's own certificate) signs into."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from kamplanner.app import main
from kamplanner.services import Portfolio
from tests.certificates import make_cert


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo(tmp_path, capsys):
    db = tmp_path / "plans.db"
    assert run(capsys, "--db", str(db), "demo")[0] == 0
    return db


def test_sending_submits_the_plan_and_the_copy_says_so(demo, tmp_path, capsys):
    pdf = tmp_path / "for review.pdf"
    # Plan 3 is in development, complete: sending it submits it.
    code, _, err = run(capsys, "--db", str(demo), "send-for-review", "3", "-o", str(pdf), "--lang", "en")
    assert code == 0, err
    assert "version 1 is under review" in err
    with Portfolio.open(str(demo)) as portfolio:
        plan = portfolio.load_plan(3)
        assert plan.phase.slug == "review" and not plan.version_label.draft
        day = portfolio.load_cycle(3).entered(plan.phase).at.date()
    reader = PdfReader(pdf)
    cover = reader.pages[0].extract_text()
    assert f"Submitted for review on {day.day} {day:%B %Y}, version 1" in " ".join(cover.split())
    assert reader.get_fields()["ReviewerSignature"]["/FT"] == "/Sig"
    widget = next(a.get_object() for a in reader.pages[1]["/Annots"] if a.get_object()["/Subtype"] == "/Widget")
    assert widget["/T"] == "ReviewerSignature" and "/V" not in widget  # empty: nobody has signed yet
    record = json.loads(reader.attachments["kamplanner-render.json"][0])
    assert record["for_review"] == day.isoformat()
    # The copy is the rendering of the plan it carries, checked with no database.
    code, out, _ = run(capsys, "--db", str(tmp_path / "none.db"), "verify", str(pdf))
    assert code == 0 and "rendering the plan it carries again gives the same document" in out


def test_a_plan_that_cannot_be_submitted_yet_is_refused_and_nothing_is_written(demo, tmp_path, capsys):
    pdf = tmp_path / "early.pdf"
    code, _, err = run(capsys, "--db", str(demo), "send-for-review", "4", "-o", str(pdf))
    assert code == 1 and "refused" in err
    assert not pdf.exists()


def test_sending_again_during_the_review_gives_the_same_copy(demo, tmp_path, capsys):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert run(capsys, "--db", str(demo), "send-for-review", "3", "-o", str(first))[0] == 0
    assert run(capsys, "--db", str(demo), "send-for-review", "3", "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_the_reviewer_signs_the_empty_field_with_their_own_certificate(demo, tmp_path, capsys):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.validation import validate_pdf_signature

    pdf = tmp_path / "for review.pdf"
    assert run(capsys, "--db", str(demo), "send-for-review", "3", "-o", str(pdf))[0] == 0
    cert = make_cert(tmp_path, "helen", "Helen Zhou", "pw", "Northwind Group")
    signer = signers.SimpleSigner.load_pkcs12(str(cert.p12), passphrase=b"pw")
    out = signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf.read_bytes())),
        signers.PdfSignatureMetadata(field_name="ReviewerSignature"),
        signer=signer,
    )
    signed = out.getvalue()
    assert signed.startswith(pdf.read_bytes())  # an incremental update on the copy as sent
    reader = PdfFileReader(io.BytesIO(signed))
    (embedded,) = reader.embedded_signatures
    assert embedded.field_name == "ReviewerSignature"  # the field kamplanner left, not a new one
    status = validate_pdf_signature(embedded)
    assert status.intact and status.valid
    assert "Helen Zhou" in status.signing_cert.subject.human_friendly
