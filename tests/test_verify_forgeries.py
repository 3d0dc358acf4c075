"""`verify` against forged, stripped, re-signed and amended sign-off PDFs.

Everything is real: a SQLite file with the demo portfolio, sign-off PDFs made by the
command line, certificates made here with `cryptography`, signatures and incremental
updates made with pyHanko and pypdf. The command line runs in this process
(kamplanner.app.main) to keep the many verifications quick.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import NameObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pypdf import PdfReader, PdfWriter

from kamplanner.app import main
from kamplanner.signing import names_match
from tests import certificates
from tests.certificates import Cert

PASSWORD = "pw-口令"


# --------------------------------------------------------------------------- certificates


def make_cert(folder: Path, stem: str, common_name: str) -> Cert:
    return certificates.make_cert(folder, stem, common_name, PASSWORD)


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("certs")
    return {
        "reviewer": make_cert(folder, "reviewer", "周海峰 Zhou Haifeng"),
        "mallory": make_cert(folder, "mallory", "Mallory"),
        # Anyone can make a certificate with the reviewer's name in it.
        "impostor": make_cert(folder, "impostor", "周海峰"),
        "chloe": make_cert(folder, "chloe", unicodedata.normalize("NFD", "CHLOÉ   martin")),
    }


# --------------------------------------------------------------------------- the command line


def run(*args: str, password: str = PASSWORD) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = os.environ.get("KAMPLANNER_P12_PASSWORD")
    os.environ["KAMPLANNER_P12_PASSWORD"] = password
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        if old is None:
            del os.environ["KAMPLANNER_P12_PASSWORD"]
        else:
            os.environ["KAMPLANNER_P12_PASSWORD"] = old
    return code, out.getvalue(), err.getvalue()


@dataclass
class Case:
    db: Path
    folder: Path
    plan: int
    rendered: bytes  # the signed-off version as rendered: what a signature must sign
    signed: bytes | None = None  # the true signed-off PDF (sign-off --p12)

    def verify(self, data: bytes, *extra: str) -> tuple[int, dict]:
        path = self.folder / f"check-{random.getrandbits(64):016x}.pdf"
        path.write_bytes(data)
        code, out, err = run("--db", str(self.db), "verify", str(path), "--json", *extra)
        assert "Traceback" not in err
        return code, json.loads(out)

    def verify_text(self, data: bytes, *extra: str) -> tuple[int, str, str]:
        path = self.folder / f"check-{random.getrandbits(64):016x}.pdf"
        path.write_bytes(data)
        return run("--db", str(self.db), "verify", str(path), *extra)


def demo(folder: Path) -> tuple[Path, dict[str, int]]:
    db = folder / "plans.db"
    assert run("--db", str(db), "demo")[0] == 0
    _, out, _ = run("--db", str(db), "list", "--json")
    return db, {p["phase"]: p["id"] for p in json.loads(out)}


@pytest.fixture(scope="module")
def signed_case(tmp_path_factory, certs):
    """The monitoring plan's sign-off (by 周海峰), its PDF signed with the reviewer's certificate."""
    folder = tmp_path_factory.mktemp("signed")
    db, plans = demo(folder)
    plan = plans["monitoring"]
    signed, rendered = folder / "signed.pdf", folder / "rendered.pdf"
    code, out, err = run(
        "--db",
        str(db),
        "sign-off",
        str(plan),
        "--reviewer",
        "周海峰",
        "--p12",
        str(certs["reviewer"].p12),
        "-o",
        str(signed),
    )
    assert code == 0, err
    assert "certificate Common Name: 周海峰 Zhou Haifeng sha256:" in out
    # The same sign-off without --p12: the very rendering the signature was made over.
    assert run("--db", str(db), "sign-off", str(plan), "--reviewer", "周海峰", "-o", str(rendered))[0] == 0
    case = Case(db, folder, plan, rendered.read_bytes(), signed.read_bytes())
    assert case.signed.startswith(case.rendered) and len(case.signed) > len(case.rendered)
    return case


@pytest.fixture(scope="module")
def paper_case(tmp_path_factory):
    """The monitoring plan signed off on paper: no certificate recorded."""
    folder = tmp_path_factory.mktemp("paper")
    db, plans = demo(folder)
    plan = plans["monitoring"]
    rendered = folder / "paper.pdf"
    assert run("--db", str(db), "sign-off", str(plan), "--reviewer", "周海峰", "-o", str(rendered))[0] == 0
    return Case(db, folder, plan, rendered.read_bytes())


# --------------------------------------------------------------------------- making forgeries


def pyhanko_sign(pdf: bytes | IncrementalPdfFileWriter, cert: Cert, field: str = "Signature2") -> bytes:
    """Signed in an incremental update (in the writer's own update, when given a writer)."""
    signer = signers.SimpleSigner.load_pkcs12(pfx_file=str(cert.p12), passphrase=PASSWORD.encode())
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES)
    writer = pdf if isinstance(pdf, IncrementalPdfFileWriter) else IncrementalPdfFileWriter(io.BytesIO(pdf))
    return signers.sign_pdf(writer, meta, signer=signer).getvalue()


def replace_page_one_content(pdf: bytes) -> bytes:
    """Page 1 now reads REJECTED: its content and resources rewritten in an incremental update."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    reject_page_one(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def reject_page_one(writer: IncrementalPdfFileWriter) -> None:
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    font = writer.add_object(
        generic.DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    page[NameObject("/Contents")] = writer.add_object(
        generic.StreamObject(stream_data=b"BT /FRej 64 Tf 80 420 Td (REJECTED) Tj ET")
    )
    page[NameObject("/Resources")] = generic.DictionaryObject(
        {NameObject("/Font"): generic.DictionaryObject({NameObject("/FRej"): font})}
    )
    writer.update_container(page)


def rejected_page_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=A4)
    drawing.setFont("Helvetica-Bold", 72)
    drawing.drawString(100, 420, "REJECTED")
    drawing.save()
    return buffer.getvalue()


def pypdf_replace_page_one(pdf: bytes) -> bytes:
    """Page 1 swapped for another page reading REJECTED, written by pypdf as an incremental update."""
    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    writer.insert_page(PdfReader(io.BytesIO(rejected_page_pdf())).pages[0], 0)
    writer.remove_page(1)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def add_annotation(pdf: bytes, subtype: str = "/Text", text: str = "Looks good to me", **extra) -> bytes:
    """A sticky note (or another annotation) on page 1, as an incremental update."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    annot = generic.DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject(subtype),
            NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(x) for x in (50, 700, 70, 720)]),
            NameObject("/Contents"): generic.TextStringObject(text),
            NameObject("/P"): page_ref,
            **{NameObject(k): v for k, v in extra.items()},
        }
    )
    ref = writer.add_object(annot)
    annots = page.get("/Annots")
    if annots is None:
        page[NameObject("/Annots")] = generic.ArrayObject([ref])
        writer.update_container(page)
    else:
        annots.get_object().append(ref)
        writer.update_container(
            annots.get_object() if isinstance(page.raw_get("/Annots"), generic.IndirectObject) else page
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_one_text(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def reasons(report: dict) -> str:
    return "\n".join(report["reasons"])


# --------------------------------------------------------------------------- (1) the true PDF


def test_a_true_signed_off_pdf_passes_with_and_without_trust(signed_case, certs):
    code, report = signed_case.verify(signed_case.signed)
    assert code == 0, report
    assert report["ok"] and report["reasons"] == [] and report["signature_counts"]
    assert report["signed"] and report["intact"] and report["covers_whole_file"]
    assert report["trusted"] is None  # no root given: the certificate recorded in the sign-off decides
    assert report["signer_certificate"] == report["signoff"]["certificate"]
    assert report["plan"] == signed_case.plan and report["rendered_again"] and report["current"]
    code, report = signed_case.verify(signed_case.signed, "--trust", str(certs["reviewer"].pem))
    assert code == 0 and report["trusted"] is True, report
    code, out, err = signed_case.verify_text(signed_case.signed)
    assert code == 0 and out.rstrip().endswith("verified") and "FAIL" not in out and err == ""


# --------------------------------------------------------------------------- (2) forged


@pytest.mark.parametrize("forge", [replace_page_one_content, pypdf_replace_page_one], ids=["pyhanko", "pypdf"])
def test_page_one_replaced_by_rejected_then_signed_by_another_certificate_fails(signed_case, paper_case, certs, forge):
    for case in (signed_case, paper_case):
        forged_page = forge(case.rendered)
        assert forged_page.startswith(case.rendered)
        assert "REJECTED" in page_one_text(forged_page)
        for signer in ("mallory", "impostor", "reviewer"):  # even the reviewer's own key cannot bless it
            forged = pyhanko_sign(forged_page, certs[signer])
            for extra in ((), ("--trust", str(certs[signer].pem))):
                code, report = case.verify(forged, *extra)
                assert code == 1 and not report["ok"], (signer, extra, report)
                assert report["rendered_again"] and report["signed"] and not report["signature_counts"]
                assert "page 1" in reasons(report) and "after the signed-off rendering" in reasons(report)
                assert "not the signed-off rendering" in reasons(report)
    code, out, _ = signed_case.verify_text(pyhanko_sign(forge(signed_case.rendered), certs["mallory"]))
    assert code == 1 and "FAIL after the signed-off rendering, the document was changed: page 1" in out
    assert out.rstrip().endswith("NOT verified")


def test_page_one_changed_in_the_very_update_that_signs_it_fails(signed_case, paper_case, certs):
    for case, signer in ((signed_case, "reviewer"), (paper_case, "impostor"), (paper_case, "reviewer")):
        writer = IncrementalPdfFileWriter(io.BytesIO(case.rendered))
        reject_page_one(writer)
        forged = pyhanko_sign(writer, certs[signer], field="KamplannerSignOff")
        assert "REJECTED" in page_one_text(forged)
        for extra in ((), ("--trust", str(certs["reviewer"].pem))):
            code, report = case.verify(forged, *extra)
            assert code == 1 and report["signature_counts"] and report["intact"], (signer, extra, report)
            assert "the update that adds the signature also changed the signed-off rendering: page 1" in reasons(report)


def test_a_page_changed_after_the_true_signature_fails(signed_case, certs):
    changed = replace_page_one_content(signed_case.signed)
    code, report = signed_case.verify(changed)
    assert code == 1 and report["signature_counts"] and report["intact"], report
    assert "after the signed revision, the document was changed: page 1 was changed" in reasons(report)
    # Signing the change afterwards does not make it acceptable.
    code, report = signed_case.verify(pyhanko_sign(changed, certs["reviewer"]), "--trust", str(certs["reviewer"].pem))
    assert code == 1 and "page 1" in reasons(report), report
    # Nor does a page swapped in by pypdf.
    code, report = signed_case.verify(pypdf_replace_page_one(signed_case.signed))
    assert code == 1 and "page 1 was replaced" in reasons(report), report


# --------------------------------------------------------------------------- (3) stripped


def test_a_stripped_signature_fails_when_the_sign_off_was_made_with_a_certificate(signed_case, certs):
    code, report = signed_case.verify(signed_case.rendered)
    assert code == 1 and not report["ok"] and report["signed"] is False, report
    assert report["rendered_again"] and report["matches_version"]
    assert f"matches signed-off version {report['version']} of plan {signed_case.plan}" in reasons(report)
    assert "carries no signature" in reasons(report)
    assert "made with the certificate of Common Name: 周海峰 Zhou Haifeng" in reasons(report)
    code, report = signed_case.verify(signed_case.rendered, "--trust", str(certs["reviewer"].pem))
    assert code == 1 and "--trust" in reasons(report), report


def test_a_copy_without_signature_of_a_paper_sign_off_matches_but_is_never_signed(paper_case, certs):
    code, report = paper_case.verify(paper_case.rendered)
    assert code == 0 and report["ok"] and report["signed"] is False, report
    assert report["reasons"] == []
    assert any(
        f"matches signed-off version {report['version']} of plan {paper_case.plan} (by 周海峰 on" in n
        and n.endswith("but carries no signature")
        for n in report["notes"]
    )
    code, out, _ = paper_case.verify_text(paper_case.rendered)
    assert code == 0 and "digital signature: none" in out and "carries no signature" in out
    code, report = paper_case.verify(paper_case.rendered, "--trust", str(certs["reviewer"].pem))
    assert code == 1 and "carries no signature" in reasons(report) and "--trust" in reasons(report)


# --------------------------------------------------------------------------- (4) re-signed


def test_the_rendering_re_signed_by_another_certificate_fails(signed_case, certs):
    resigned = pyhanko_sign(signed_case.rendered, certs["mallory"], field="KamplannerSignOff")
    code, report = signed_case.verify(resigned)
    assert code == 1 and report["signature_counts"] and report["intact"], report
    assert "not with the certificate the sign-off was made with" in reasons(report)
    code, report = signed_case.verify(resigned, "--trust", str(certs["reviewer"].pem))
    assert code == 1 and "does not chain to a trusted root" in reasons(report), report
    # A certificate that merely carries the reviewer's name is not the reviewer's certificate.
    code, report = signed_case.verify(pyhanko_sign(signed_case.rendered, certs["impostor"]))
    assert code == 1 and "not with the certificate the sign-off was made with" in reasons(report), report


def test_a_paper_sign_off_signed_later_must_be_signed_by_the_reviewer(paper_case, certs):
    code, report = paper_case.verify(pyhanko_sign(paper_case.rendered, certs["mallory"]))
    assert code == 1 and "not by the reviewer the sign-off names (周海峰)" in reasons(report), report
    code, report = paper_case.verify(
        pyhanko_sign(paper_case.rendered, certs["mallory"]), "--trust", str(certs["reviewer"].pem)
    )
    assert code == 1 and "does not chain to a trusted root" in reasons(report), report
    # The reviewer's name alone passes only without --trust, and says so; with --trust the
    # impostor's certificate does not chain to the reviewer's root.
    by_name = pyhanko_sign(paper_case.rendered, certs["impostor"])
    code, report = paper_case.verify(by_name)
    assert code == 0 and any("only --trust can check" in n for n in report["notes"]), report
    code, report = paper_case.verify(by_name, "--trust", str(certs["reviewer"].pem))
    assert code == 1 and "does not chain to a trusted root" in reasons(report), report
    # A trusted signer is accepted even when the certificate's name is written differently.
    genuine = pyhanko_sign(paper_case.rendered, certs["reviewer"])
    code, report = paper_case.verify(genuine, "--trust", str(certs["reviewer"].pem))
    assert code == 0 and report["trusted"], report


def test_the_reviewers_name_is_compared_normalised(tmp_path, certs):
    db, plans = demo(tmp_path)
    plan = str(plans["review"])
    code, _, err = run(
        "--db", str(db), "review", plan, "--reviewer", "Chloé Martin", "--decision", "approved", "--score", "4", "--yes"
    )
    assert code == 0, err
    rendered = tmp_path / "paper.pdf"
    code, _, err = run("--db", str(db), "sign-off", plan, "--reviewer", "Chloé Martin", "-o", str(rendered))
    assert code == 0, err
    case = Case(db, tmp_path, int(plan), rendered.read_bytes())
    code, report = case.verify(pyhanko_sign(case.rendered, certs["chloe"]))  # CN "CHLOÉ   martin", decomposed
    assert code == 0, report
    assert names_match("Chloé Martin", unicodedata.normalize("NFD", " chloé\tMARTIN "))
    assert not names_match("Chloé Martin", "Chloe Martin") and not names_match("周海峰", "周海峰 Zhou Haifeng")


def test_a_sign_off_made_with_one_certificate_is_not_signed_again_with_another(signed_case, certs, tmp_path):
    out_pdf = tmp_path / "other.pdf"
    code, _, err = run(
        "--db",
        str(signed_case.db),
        "sign-off",
        str(signed_case.plan),
        "--reviewer",
        "周海峰",
        "--p12",
        str(certs["impostor"].p12),
        "-o",
        str(out_pdf),
    )
    assert code == 1 and "signed off with another certificate" in err and not out_pdf.exists()


# --------------------------------------------------------------------------- (5, 6) amended


def test_a_sticky_note_added_after_signing_passes_and_is_reported(signed_case, certs):
    annotated = add_annotation(signed_case.signed)
    code, report = signed_case.verify(annotated)
    assert code == 0, report
    assert report["signature_counts"] and report["intact"] and not report["covers_whole_file"]
    assert 'then annotated: 1 annotation (Text on page 1: "Looks good to me")' in report["notes"]
    code, out, _ = signed_case.verify_text(annotated, "--trust", str(certs["reviewer"].pem))
    assert code == 0 and "note then annotated: 1 annotation" in out


def test_a_second_signature_passes_and_is_reported(signed_case, certs):
    cosigned = pyhanko_sign(signed_case.signed, certs["mallory"])
    code, report = signed_case.verify(cosigned, "--trust", str(certs["reviewer"].pem))
    assert code == 0, report
    assert "then signed by Common Name: Mallory, not trusted" in report["notes"]
    assert [s["signer"] for s in report["signatures"]] == ["Common Name: 周海峰 Zhou Haifeng", "Common Name: Mallory"]
    # Annotated, then signed again: both reported.
    both = pyhanko_sign(add_annotation(signed_case.signed), certs["mallory"])
    code, report = signed_case.verify(both)
    assert code == 0, report
    assert "then signed by Common Name: Mallory" in report["notes"]
    assert any(n.startswith("then annotated: 1 annotation") for n in report["notes"])


@pytest.mark.parametrize(
    ("subtype", "extra"),
    [
        (
            "/Link",
            {
                "/A": generic.DictionaryObject(
                    {
                        NameObject("/S"): NameObject("/URI"),
                        NameObject("/URI"): generic.TextStringObject("https://example.com"),
                    }
                )
            },
        ),
        ("/FileAttachment", {}),
    ],
    ids=["link", "file"],
)
def test_other_annotations_after_signing_are_changes(signed_case, subtype, extra):
    code, report = signed_case.verify(add_annotation(signed_case.signed, subtype, **extra))
    assert code == 1 and "after the signed revision, the document was changed" in reasons(report), report


# --------------------------------------------------------------------------- (7) bytes


def test_a_one_byte_change_anywhere_fails(signed_case):
    signed = signed_case.signed
    contents = signed.index(b"/Contents <", len(signed_case.rendered)) + len(b"/Contents <") + 200
    for where in (len(signed_case.rendered) // 2, len(signed_case.rendered) + 100, contents, len(signed) - 40):
        data = bytearray(signed)
        data[where] = ord("0") if data[where] != ord("0") else ord("1")
        code, report = signed_case.verify(bytes(data))
        assert code == 1 and report["reasons"], (where, report)


def test_appended_garbage_fails(signed_case, paper_case):
    noise = random.Random(7).randbytes(4096)
    for case in (signed_case, paper_case):
        base = case.signed or case.rendered
        for tail in (b"\n% appended after signing\n", noise, b"\n" + noise + b"\n%%EOF\n"):
            code, report = case.verify(base + tail)
            assert code == 1 and report["reasons"], (tail[:20], report)
    code, report = signed_case.verify(signed_case.signed + b"\n% appended after signing\n")
    assert "bytes were appended after the end of the PDF" in reasons(report)
    code, report = signed_case.verify(signed_case.signed[:-200])
    assert code == 1 and report["reasons"]


def test_a_file_that_is_not_a_pdf_exits_2_and_a_bad_trust_root_too(signed_case, tmp_path):
    code, report = signed_case.verify(b"hello, this is not a PDF\n" * 10)
    assert code == 2 and report["reasons"] == ["the file is not a PDF"]
    not_cert = tmp_path / "root.pem"
    not_cert.write_text("not a certificate")
    code, out, err = signed_case.verify_text(signed_case.signed, "--trust", str(not_cert))
    assert code == 2 and "not a certificate" in err and "Traceback" not in err and out == ""


def test_a_wrong_certificate_password_signs_nothing_off(tmp_path, certs):
    db, plans = demo(tmp_path)
    plan = str(plans["review"])
    assert (
        run(
            "--db",
            str(db),
            "review",
            plan,
            "--reviewer",
            "Helen Zhou",
            "--decision",
            "approved",
            "--score",
            "4",
            "--yes",
        )[0]
        == 0
    )
    code, _, err = run(
        "--db",
        str(db),
        "sign-off",
        plan,
        "--reviewer",
        "Helen Zhou",
        "--p12",
        str(certs["reviewer"].p12),
        "-o",
        str(tmp_path / "x.pdf"),
        password="wrong",
    )
    assert code == 1 and "cannot use" in err and not (tmp_path / "x.pdf").exists()
    _, out, _ = run("--db", str(db), "cycle", plan, "--json")
    assert json.loads(out)["signoffs"] == []  # the certificate is opened before anything is written
