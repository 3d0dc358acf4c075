"""PAdES signatures on plan PDFs (pyHanko), and reading a PDF back to check it.

pyHanko costs about half a second to import, so it is imported only inside these functions,
never at start-up. Offline, only PAdES B-B is possible (a timestamp needs a server).
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path

FINGERPRINT_IN_KEYWORDS = re.compile(r"sha256:([0-9a-f]{64})")

# pyHanko logs every failed path validation (a self-signed certificate, no trust root given)
# with a full traceback. What matters is in the SignatureCheck this module returns, so the
# libraries' records go to a log file only when the application configures one, never to
# the terminal through Python's last-resort handler.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


class SigningError(RuntimeError):
    """The certificate cannot be used (wrong password, not a PKCS#12 file, no private key)."""


@dataclass(frozen=True)
class SignatureCheck:
    signed: bool
    intact: bool | None = None  # the signed bytes are unchanged
    covers_whole_file: bool | None = None  # nothing was added after signing
    trusted: bool | None = None  # chains to a given trust root (None: no root given)
    signer: str | None = None
    signed_at: str | None = None
    problem: str | None = None


def sign(pdf: bytes, p12: Path, password: bytes | None, *, reason: str, name: str) -> bytes:
    """The PDF with a PAdES B-B signature from the PKCS#12 file, as an incremental update."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    try:
        signer = signers.SimpleSigner.load_pkcs12(pfx_file=str(p12), passphrase=password)
    except Exception as exc:
        raise SigningError(f"cannot use {p12} to sign: {exc or type(exc).__name__}") from None
    if signer is None:
        raise SigningError(f"cannot use {p12} to sign: wrong password, or no key and certificate in it")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name="KamplannerSignOff",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        name=name,
    )
    out = signers.sign_pdf(writer, meta, signer=signer)
    return out.getvalue()


def check_signature(pdf: bytes, trust_roots: list[Path] | None = None) -> SignatureCheck:
    """Whether the PDF carries a signature, whether it is intact and covers the whole file."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:
        return SignatureCheck(signed=False, problem=f"the PDF cannot be read: {exc}")
    if not signatures:
        return SignatureCheck(signed=False)
    roots = [_load_certificate(p) for p in trust_roots or []]
    signature = signatures[-1]
    context = (
        ValidationContext(trust_roots=roots, allow_fetching=False) if roots else ValidationContext(allow_fetching=False)
    )
    try:
        status = validate_pdf_signature(signature, context)
    except Exception as exc:
        return SignatureCheck(signed=True, intact=False, problem=f"the signature cannot be validated: {exc}")
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    subject = status.signing_cert.subject.human_friendly if status.signing_cert else None
    return SignatureCheck(
        signed=True,
        intact=bool(status.intact and status.valid),
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        trusted=bool(status.trusted) if roots else None,
        signer=subject,
        signed_at=status.signer_reported_dt.isoformat() if status.signer_reported_dt else None,
    )


def _load_certificate(path: Path):  # type: ignore[no-untyped-def]
    from pyhanko.keys import load_cert_from_pemder

    return load_cert_from_pemder(str(path))


def fingerprint_of(pdf: bytes) -> str | None:
    """The plan version's fingerprint, as the renderer wrote it into the PDF's metadata."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        info = PdfFileReader(io.BytesIO(pdf), strict=False).trailer["/Info"]
    except Exception:
        return None
    for key in ("/Keywords", "/Subject"):
        match = FINGERPRINT_IN_KEYWORDS.search(str(info.get(key, "")))
        if match:
            return match.group(1)
    return None
