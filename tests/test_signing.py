"""Sign-off PDFs with a PAdES signature, and `verify`, end to end on a real database."""

from __future__ import annotations

import json

import pytest

from tests.certificates import make_cert
from tests.test_cli import kamplanner

PASSWORD = "s3cret-密码"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    made = make_cert(
        tmp_path_factory.mktemp("cert"), "reviewer", "周海峰 Zhou Haifeng", PASSWORD, organization="Hengtai Digital"
    )
    return made.p12, made.pem


@pytest.fixture
def demo_db(tmp_path):
    db = tmp_path / "a.db"
    assert kamplanner("--db", str(db), "demo").returncode == 0
    plans = json.loads(kamplanner("--db", str(db), "list", "--json").stdout)
    return db, {p["phase"]: p["id"] for p in plans}


def verify(db, pdf, *extra):
    result = kamplanner("--db", str(db), "verify", str(pdf), "--json", *extra)
    return result.returncode, json.loads(result.stdout)


def test_a_signed_pdf_verifies_and_a_changed_byte_does_not(demo_db, certificate, tmp_path):
    db, plans = demo_db
    p12, pem = certificate
    pdf = tmp_path / "signed.pdf"
    result = kamplanner(
        "--db",
        str(db),
        "sign-off",
        str(plans["monitoring"]),
        "--reviewer",
        "周海峰",
        "--role",
        "华东区高级经理",
        "--p12",
        str(p12),
        "-o",
        str(pdf),
        env={"KAMPLANNER_P12_PASSWORD": PASSWORD},
    )
    assert result.returncode == 0, result.stderr
    assert PASSWORD.encode() not in result.stdout + result.stderr
    code, report = verify(db, pdf, "--trust", str(pem))
    assert code == 0, report
    assert report["signed"] and report["intact"] and report["covers_whole_file"] and report["trusted"]
    assert "周海峰 Zhou Haifeng" in report["signer"]
    assert report["matches_version"] and report["plan"] == plans["monitoring"] and report["current"]
    assert len(report["fingerprint"]) == 64

    data = bytearray(pdf.read_bytes())
    data[len(data) // 3] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    code, report = verify(db, tampered)
    assert code == 1

    # Without a trust root the self-signed certificate cannot be chained: that is reported
    # as "not checked", and pyHanko's own tracebacks stay off the terminal.
    result = kamplanner("--db", str(db), "verify", str(pdf))
    out, err = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 0, out + err
    assert "Traceback" not in err and "self-signed" not in err
    assert "周海峰 Zhou Haifeng" in out
    assert report["intact"] is False or report["rendered_again"] is False

    extended = tmp_path / "extended.pdf"
    extended.write_bytes(pdf.read_bytes() + b"\n% appended after signing\n")
    code, report = verify(db, extended)
    assert code == 1


def test_an_unsigned_sign_off_pdf_verifies_by_rendering_it_again(demo_db, tmp_path):
    db, plans = demo_db
    pdf = tmp_path / "paper.pdf"
    assert (
        kamplanner(
            "--db", str(db), "sign-off", str(plans["monitoring"]), "--reviewer", "周海峰", "-o", str(pdf)
        ).returncode
        == 0
    )
    code, report = verify(db, pdf)
    assert code == 0 and report["signed"] is False and report["rendered_again"]
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x20
    pdf.write_bytes(bytes(data))
    code, report = verify(db, pdf)
    assert code == 1 and not report["rendered_again"]


def test_an_edit_after_sign_off_leaves_the_signed_version_intact(demo_db, tmp_path):
    db, plans = demo_db
    plan = str(plans["monitoring"])
    pdf = tmp_path / "signed.pdf"
    assert kamplanner("--db", str(db), "sign-off", plan, "--reviewer", "周海峰", "-o", str(pdf)).returncode == 0
    exported = json.loads(kamplanner("--db", str(db), "export-json", plan, "-o", "-").stdout)
    stakeholder = exported["sections"]["appendix"]["account_info"]["stakeholders"][0]
    new = "E" if stakeholder["attitude"] != "E" else "A"
    assert kamplanner("--db", str(db), "progress", plan, "--attitude", f"{stakeholder['key']}={new}").returncode == 0
    code, report = verify(db, pdf)
    assert code == 0 and report["matches_version"]
    assert report["current"] is False  # the plan moved on; the PDF is still that signed version
    cycle = json.loads(kamplanner("--db", str(db), "cycle", plan, "--json").stdout)
    assert cycle["version"] > cycle["signoffs"][-1]["version"] == report["version"]
    assert cycle["signoffs"][-1]["fingerprint"] == report["fingerprint"]


def test_sign_off_is_refused_before_approval_and_a_bad_password_is_an_error(demo_db, certificate, tmp_path):
    db, plans = demo_db
    result = kamplanner(
        "--db", str(db), "sign-off", str(plans["review"]), "--reviewer", "Helen Zhou", "-o", str(tmp_path / "x.pdf")
    )
    assert result.returncode == 1 and b"must first be approved in a review" in result.stderr
    assert not (tmp_path / "x.pdf").exists()
    p12, _ = certificate
    result = kamplanner(
        "--db",
        str(db),
        "sign-off",
        str(plans["monitoring"]),
        "--reviewer",
        "周海峰",
        "--p12",
        str(p12),
        "-o",
        str(tmp_path / "y.pdf"),
        env={"KAMPLANNER_P12_PASSWORD": "wrong"},
    )
    assert result.returncode == 1 and b"cannot use" in result.stderr
    assert not (tmp_path / "y.pdf").exists()
