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


# ---- the signed copy comes back (import-json SIGNED.pdf)


def sign_as_reviewer(data: bytes, cert) -> bytes:  # type: ignore[no-untyped-def]
    """What a reviewer's own tool does: a PAdES signature into the copy's empty field, appended."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load_pkcs12(str(cert.p12), passphrase=b"pw")
    meta = signers.PdfSignatureMetadata(field_name="ReviewerSignature", subfilter=fields.SigSeedSubFilter.PADES)
    return signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), meta, signer=signer).getvalue()


@pytest.fixture
def signed_copy(demo, tmp_path, capsys):
    """The review copy of plan 3, the account manager's export of that version, and the copy
    signed by the reviewer with her own certificate."""
    sent = tmp_path / "for review.pdf"
    assert run(capsys, "--db", str(demo), "send-for-review", "3", "-o", str(sent))[0] == 0
    export = tmp_path / "mine.json"
    assert run(capsys, "--db", str(demo), "export-json", "3", "-o", str(export))[0] == 0
    cert = make_cert(tmp_path, "helen", "Helen Zhou", "pw", "Northwind Group")
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(sign_as_reviewer(sent.read_bytes(), cert))
    return sent, export, signed, cert


def test_the_signed_copy_records_the_sign_off_of_that_version_by_its_signer(demo, signed_copy, capsys):
    _, _, signed, _ = signed_copy
    code, out, err = run(capsys, "--db", str(demo), "import-json", str(signed))
    assert code == 0, err
    assert out.strip() == "3"
    assert "signed off: version 1 of plan 3, by Helen Zhou" in err
    assert "signer not verified: no --trust root given" in err
    cycle = json.loads(run(capsys, "--db", str(demo), "cycle", "3", "--json")[1])
    (signoff,) = cycle["signoffs"]
    assert signoff["reviewer"] == "Helen Zhou" and signoff["version"] == 1
    with Portfolio.open(str(demo)) as portfolio:
        recorded = portfolio.load_cycle(3).signoffs[0]
        assert recorded.fingerprint == portfolio.fingerprint(3)
        assert "Northwind Group" in recorded.certificate_subject
    # Read again: nothing more.
    assert run(capsys, "--db", str(demo), "import-json", str(signed))[0] == 0
    with Portfolio.open(str(demo)) as portfolio:
        assert len(portfolio.load_cycle(3).signoffs) == 1


def test_trust_roots_decide_whether_the_signer_is_verified(demo, signed_copy, tmp_path, capsys):
    _, _, signed, cert = signed_copy
    stranger = make_cert(tmp_path, "other", "Someone Else", "pw")
    code, _, err = run(capsys, "--db", str(demo), "import-json", str(signed), "--trust", str(stranger.pem))
    assert code == 0 and "signer NOT verified" in err
    roots = tmp_path / "roots"
    roots.mkdir()
    (roots / "northwind.pem").write_bytes(cert.pem.read_bytes())
    code, _, err = run(capsys, "--db", str(demo), "import-json", str(signed), "--trust", str(roots))
    assert code == 0 and "signer verified: the certificate chains to a trusted root" in err


def test_into_an_empty_database_the_signed_copy_gives_the_account_managers_own_export(signed_copy, tmp_path, capsys):
    _, export, signed, _ = signed_copy
    empty = tmp_path / "reviewer.db"
    code, out, err = run(capsys, "--db", str(empty), "import-json", str(signed))
    assert code == 0, err
    plan = out.strip()
    again = tmp_path / "theirs.json"
    assert run(capsys, "--db", str(empty), "export-json", plan, "-o", str(again))[0] == 0
    assert again.read_bytes() == export.read_bytes()
    with Portfolio.open(str(empty)) as portfolio:
        assert portfolio.load_cycle(int(plan)).signoffs[0].reviewer == "Helen Zhou"


def test_content_changed_after_signing_is_refused_and_nothing_is_written(demo, signed_copy, tmp_path, capsys):
    from pypdf import PdfWriter
    from pypdf.generic import TextStringObject

    _, _, signed, _ = signed_copy
    # An incremental update that changes what the cover says (its title in the metadata and a
    # page's content), as an editor would after the signature.
    writer = PdfWriter(io.BytesIO(signed.read_bytes()), incremental=True)
    writer.pages[4].merge_page(PdfReader(io.BytesIO(_stamp("APPROVED WITHOUT CHANGES"))).pages[0])
    writer.add_metadata({"/Title": TextStringObject("Another plan")})
    out = io.BytesIO()
    writer.write(out)
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(out.getvalue())
    code, _, err = run(capsys, "--db", str(demo), "import-json", str(changed))
    assert code == 2
    assert "the signed PDF is refused" in err and "nothing was written" in err
    with Portfolio.open(str(demo)) as portfolio:
        assert portfolio.load_cycle(3).signoffs == []


def test_an_annotation_added_after_signing_is_accepted_and_reported(demo, signed_copy, tmp_path, capsys):
    from pypdf import PdfWriter
    from pypdf.annotations import Text

    _, _, signed, _ = signed_copy
    writer = PdfWriter(io.BytesIO(signed.read_bytes()), incremental=True)
    writer.add_annotation(5, Text(rect=(400, 500, 420, 520), text="Signed; see my note on the forecast."))
    out = io.BytesIO()
    writer.write(out)
    noted = tmp_path / "noted.pdf"
    noted.write_bytes(out.getvalue())
    code, _, err = run(capsys, "--db", str(demo), "import-json", str(noted))
    assert code == 0, err
    assert "signed off: version 1 of plan 3, by Helen Zhou" in err
    assert "note: added after it was signed:" in err


def _stamp(text: str) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(100, 400, text)
    canvas.save()
    return out.getvalue()


def test_verify_accepts_the_signed_review_copy_once_its_sign_off_is_recorded(demo, signed_copy, capsys):
    _, _, signed, _ = signed_copy
    code, out, _ = run(capsys, "--db", str(demo), "verify", str(signed))
    assert code == 1 and "no signed-off version in the database has this fingerprint" in out  # not yet
    assert run(capsys, "--db", str(demo), "import-json", str(signed))[0] == 0
    code, out, _ = run(capsys, "--db", str(demo), "verify", str(signed))
    assert code == 0, out
    line = next(x for x in out.splitlines() if x.startswith("ok   digital signature over exactly that version"))
    assert "Helen Zhou" in line
    assert out.rstrip().endswith("verified")
