"""PAdES signatures on plan PDFs (pyHanko), and reading a signed PDF back to check it.

pyHanko costs about half a second to import, so it is imported only inside these functions,
never at start-up. Offline, only PAdES B-B is possible (a timestamp needs a server).

A signed-off PDF is the rendering of the signed-off version (revision 0) and, when it was
signed, incremental updates after it. `examine` finds the signature that counts (the one
whose signed revision directly follows the rendering), validates it, and runs pyHanko's
difference analysis over everything appended after it: further signatures and added
annotations are allowed and listed, any other change is named as a problem. Who the signer
must be is the caller's business (it depends on the sign-off record).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FINGERPRINT_IN_KEYWORDS = re.compile(r"sha256:([0-9a-f]{64})")
_FINGERPRINT_IN_BYTES = re.compile(rb"sha256:([0-9a-f]{64})")
_STARTXREF_AT_END = re.compile(rb"startxref\s+(\d+)\s+%%EOF[\r\n]*\Z")

# Annotations a reader may add to a signed PDF (ISO 32000 markup annotations and their
# pop-ups). Not links, widgets, files, sounds, media or JavaScript-bearing screen annotations.
MARKUP_ANNOTATIONS = frozenset(
    {
        "/Text",
        "/FreeText",
        "/Line",
        "/Square",
        "/Circle",
        "/Polygon",
        "/PolyLine",
        "/Highlight",
        "/Underline",
        "/Squiggly",
        "/StrikeOut",
        "/Stamp",
        "/Caret",
        "/Ink",
        "/Popup",
    }
)

# pyHanko logs every failed path validation (a self-signed certificate, no trust root given)
# with a full traceback. What matters is in the SignatureCheck this module returns, so the
# libraries' records go to a log file only when the application configures one, never to
# the terminal through Python's last-resort handler.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


class SigningError(RuntimeError):
    """The certificate cannot be used (wrong password, not a PKCS#12 file, no private key)."""


@dataclass(frozen=True)
class Certificate:
    """Who a certificate names, and the certificate itself by its SHA-256 fingerprint."""

    sha256: str  # of the DER encoding, lower-case hex
    subject: str
    common_name: str | None = None


@dataclass(frozen=True)
class Credential:
    """A PKCS#12 file opened: the signer (pyHanko's) and its certificate."""

    signer: Any
    certificate: Certificate


@dataclass(frozen=True)
class SignatureCheck:
    """One signature in a PDF, validated (``signed=False``: the PDF carries none)."""

    signed: bool
    intact: bool | None = None  # the signed bytes are unchanged and the signature is valid
    covers_whole_file: bool | None = None  # nothing at all was added after signing
    trusted: bool | None = None  # chains to a given trust root (None: no root given)
    signer: str | None = None
    signed_at: str | None = None
    problem: str | None = None
    certificate: Certificate | None = None
    revision: int | None = None  # the revision it signs (the rendering is revision 0)
    field: str | None = None


@dataclass(frozen=True)
class Examination:
    """What a PDF that starts with a known rendering carries after that rendering."""

    signatures: list[SignatureCheck] = field(default_factory=list)  # every signature, in order
    counting: SignatureCheck | None = None  # the signature over exactly the rendering
    problems: list[str] = field(default_factory=list)  # why it cannot count, what was changed
    later_signatures: list[SignatureCheck] = field(default_factory=list)
    annotations: list[str] = field(default_factory=list)  # added after the counting signature
    form_fields: list[str] = field(default_factory=list)  # filled after it (signature fields aside)


# --------------------------------------------------------------------------- certificates


def names_match(a: str | None, b: str | None) -> bool:
    """Whether two names are the same name: Unicode NFC, case-folded, whitespace collapsed."""
    if not a or not b:
        return False
    return _normal_name(a) == _normal_name(b)


def _normal_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _certificate(cert: Any) -> Certificate:
    """An asn1crypto certificate as a Certificate."""
    common_name = cert.subject.native.get("common_name")
    if isinstance(common_name, list):
        common_name = common_name[0] if common_name else None
    return Certificate(hashlib.sha256(cert.dump()).hexdigest(), cert.subject.human_friendly, common_name)


def load_credential(p12: Path, password: bytes | None) -> Credential:
    """Open a PKCS#12 file to sign with; raises SigningError when it cannot be used."""
    from pyhanko.sign import signers

    try:
        signer = signers.SimpleSigner.load_pkcs12(pfx_file=str(p12), passphrase=password)
    except Exception as exc:
        raise SigningError(f"cannot use {p12} to sign: {exc or type(exc).__name__}") from None
    if signer is None or signer.signing_cert is None:
        raise SigningError(f"cannot use {p12} to sign: wrong password, or no key and certificate in it")
    return Credential(signer, _certificate(signer.signing_cert))


def sign(pdf: bytes, credential: Credential, *, reason: str, name: str) -> bytes:
    """The PDF with a PAdES B-B signature by the credential, as an incremental update."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name="KamplannerSignOff",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        name=name,
    )
    out = signers.sign_pdf(writer, meta, signer=credential.signer)
    return out.getvalue()


def _load_certificate(path: Path):  # type: ignore[no-untyped-def]
    from pyhanko.keys import load_cert_from_pemder

    return load_cert_from_pemder(str(path))


TRUST_SUFFIXES = (".pem", ".crt", ".cer", ".der")


def load_trust_roots(paths: list[Path] | None) -> list[Any]:
    """The trust roots for --trust: certificate files, or folders of them (an organisation's CA
    certificates: every *.pem, *.crt, *.cer and *.der in it). Raises ValueError naming a file
    that is no certificate."""
    roots = []
    for path in paths or []:
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in TRUST_SUFFIXES) if path.is_dir() else [path]
        for file in files:
            try:
                roots.append(_load_certificate(file))
            except Exception as exc:
                raise ValueError(
                    f"--trust {file}: not a certificate (PEM or DER): {exc or type(exc).__name__}"
                ) from None
    return roots


# --------------------------------------------------------------------------- reading a PDF


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


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


def fingerprints_in(pdf: bytes) -> list[str]:
    """Every plan fingerprint the file mentions: the metadata's first, then any in its bytes
    (an update may have rewritten the metadata, and a damaged file may not parse)."""
    found: list[str] = []
    first = fingerprint_of(pdf)
    if first:
        found.append(first)
    for match in _FINGERPRINT_IN_BYTES.finditer(pdf):
        value = match.group(1).decode()
        if value not in found:
            found.append(value)
        if len(found) >= 8:
            break
    return found


def examine(data: bytes, base_length: int, trust_roots: list[Any] | None = None) -> Examination:
    """Check what follows ``data[:base_length]`` (a rendering, revision 0) in ``data``.

    The signature that counts is the first one whose signed revision directly follows the
    rendering. Never raises: every problem, pyHanko's included, is a sentence in ``problems``.
    """
    try:
        return _examine(data, base_length, trust_roots or [])
    except Exception as exc:  # a malformed file can make pyHanko raise anything
        return Examination(problems=[f"the PDF cannot be read after the signed-off rendering: {_say(exc)}"])


def _examine(data: bytes, base_length: int, roots: list[Any]) -> Examination:
    from pyhanko.pdf_utils.reader import PdfFileReader

    problems: list[str] = []
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        xrefs = reader.xrefs
        total = xrefs.total_revisions
        signatures = list(reader.embedded_signatures)
    except Exception as exc:
        return Examination(problems=[f"the PDF cannot be read after the signed-off rendering: {_say(exc)}"])

    trailing = _trailing_problem(data, xrefs, total)
    if trailing:
        problems.append(trailing)
    if xrefs.hybrid_xrefs_present:
        # Readers that do and do not follow hybrid references may be shown different documents.
        problems.append("the file uses hybrid cross-reference sections, which can show readers different documents")
    base = _STARTXREF_AT_END.search(data[max(0, base_length - 1024) : base_length])
    rendering_first = (
        base is not None
        and total >= 2
        and xrefs.get_startxref_for_revision(0) == int(base.group(1))
        and xrefs.get_xref_container_info(0).end_location <= base_length
        and xrefs.get_startxref_for_revision(1) >= base_length
        and xrefs.get_xref_container_info(1).start_location >= base_length
    )
    if not rendering_first:
        problems.append("the file's revisions do not start with the signed-off rendering")

    context = _validation_context(roots)
    policy = _diff_policy()
    checks: list[SignatureCheck] = []
    counting: SignatureCheck | None = None
    counting_index = counting_diff = None
    for index, embedded in enumerate(signatures):
        counts = rendering_first and counting is None and embedded.signed_revision == 1
        check = _validate(embedded, context, policy, roots, skip_diff=not counts)
        checks.append(check)
        if counts:
            counting, counting_index = check, index
            counting_diff = getattr(embedded, "diff_result", None)
            problems.extend(_coverage_problems(embedded))
            # The signed revision itself may add the signature and nothing else: a signature
            # over the rendering changed in the same update is not over the rendering.
            problems.extend(_own_update_problems(reader, policy))
            problems.extend(_modification_problems(reader, counting_diff, embedded.signed_revision))

    if not signatures:
        problems.append("nothing after the signed-off rendering is a signature")
    elif counting is None:
        first = signatures[0]
        if rendering_first and first.signed_revision > 1:
            problems.append(
                f"the first signature (by {checks[0].signer or 'an unknown signer'}) signs revision "
                f"{first.signed_revision}, not the signed-off rendering: {first.signed_revision - 1} other"
                " update(s) came in between"
            )
        elif rendering_first:
            problems.append("no signature signs exactly the signed-off rendering")
        if rendering_first:
            # Name what was done to the signed-off rendering.
            problems.extend(_modification_problems(reader, _review(policy, reader, 0), 0))
        return Examination(checks, None, _unique(problems))

    later = [c for i, c in enumerate(checks) if counting_index is not None and i > counting_index]
    for check in later:
        if not check.intact:
            problems.append(
                f"a later signature (by {check.signer or 'an unknown signer'}) is broken: {check.problem or 'not intact'}"
            )
    annotations = _added_annotations(reader, 1)
    forms = _filled_fields(counting_diff, {c.field for c in checks})
    return Examination(checks, counting, _unique(problems), later, annotations, forms)


def _validation_context(roots: list[Any]):  # type: ignore[no-untyped-def]
    from pyhanko_certvalidator import ValidationContext

    # No roots: trust is not judged (reported as None), so no operating-system trust list either.
    return ValidationContext(trust_roots=roots, allow_fetching=False)


def _validate(embedded, context, policy, roots, *, skip_diff: bool) -> SignatureCheck:  # type: ignore[no-untyped-def]
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    name = getattr(embedded, "fq_name", None)
    try:
        certificate = _certificate(embedded.signer_cert)
    except Exception:
        certificate = None
    try:
        status = validate_pdf_signature(embedded, context, diff_policy=policy, skip_diff=skip_diff)
    except Exception as exc:
        return SignatureCheck(
            signed=True,
            intact=False,
            trusted=False if roots else None,
            signer=certificate.subject if certificate else None,
            problem=f"the signature cannot be validated: {_say(exc)}",
            certificate=certificate,
            revision=embedded.signed_revision,
            field=name,
        )
    intact = bool(status.intact and status.valid)
    return SignatureCheck(
        signed=True,
        intact=intact,
        covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        trusted=bool(status.trusted) if roots else None,
        signer=certificate.subject if certificate else None,
        signed_at=status.signer_reported_dt.isoformat() if status.signer_reported_dt else None,
        problem=None if intact else "the signed bytes were changed, or the signature does not match them",
        certificate=certificate,
        revision=embedded.signed_revision,
        field=name,
    )


def _coverage_problems(embedded) -> list[str]:  # type: ignore[no-untyped-def]
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if embedded.coverage in (SignatureCoverageLevel.ENTIRE_FILE, SignatureCoverageLevel.ENTIRE_REVISION):
        return []
    return ["the signature does not cover the whole revision it signs"]


def _review(policy, reader, revision: int):  # type: ignore[no-untyped-def]
    try:
        return policy.review_file(reader, revision)
    except Exception as exc:
        return exc


def _own_update_problems(reader, policy) -> list[str]:  # type: ignore[no-untyped-def]
    """Why revision 1 (the counting signature's update) is more than a signature."""
    from pyhanko.sign.diff_analysis import ModificationLevel

    try:
        result = policy.apply(reader.get_historical_resolver(0), reader.get_historical_resolver(1))
        if result.modification_level <= ModificationLevel.FORM_FILLING:
            return []
        detail = ""
    except Exception as exc:
        detail = _say(exc)
    try:
        changes = describe_changes(reader, 0, 1)
    except Exception:
        changes = []
    what = "the update that adds the signature also changed the signed-off rendering"
    if changes:
        return [f"{what}: {change}" for change in changes]
    return [f"{what}" + (f" ({detail})" if detail else "")]


def _modification_problems(reader, diff_result, since: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Why the changes after revision ``since`` are not allowed (empty: they are)."""
    from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel

    if diff_result is None:
        return []
    if isinstance(diff_result, DiffResult) and diff_result.modification_level < ModificationLevel.OTHER:
        return []
    what = "the signed revision" if since else "the signed-off rendering"
    try:
        changes = describe_changes(reader, since)
    except Exception:
        changes = []
    detail = _say(diff_result) if isinstance(diff_result, Exception) else ""
    if changes:
        return [f"after {what}, the document was changed: {change}" for change in changes]
    return [
        f"after {what}, the document was changed beyond signatures and annotations" + (f" ({detail})" if detail else "")
    ]


def _trailing_problem(data: bytes, xrefs, total: int) -> str | None:  # type: ignore[no-untyped-def]
    end = data.rfind(b"%%EOF")
    if end < 0:
        return "the file does not end like a PDF (no %%EOF)"
    extra = data[end + 5 :]
    if extra.strip(b"\r\n"):
        return f"{len(extra)} bytes were appended after the end of the PDF"
    match = _STARTXREF_AT_END.search(data[-1024:])
    if match is None or int(match.group(1)) != xrefs.get_startxref_for_revision(total - 1):
        return "the end of the file is not the end of its last revision"
    return None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _say(exc: object) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


# --------------------------------------------------------------------------- what changed


def _page_refs(resolver) -> list[Any]:  # type: ignore[no-untyped-def]
    """The page objects' references in page order (the leaves of the page tree)."""
    from pyhanko.pdf_utils import generic

    pages: list[Any] = []
    seen: set[Any] = set()

    def walk(node_ref, node) -> None:  # type: ignore[no-untyped-def]
        kids = node.get_object().raw_get("/Kids")
        for kid in kids.get_object():
            if not isinstance(kid, generic.IndirectObject) or kid.reference in seen:
                raise ValueError("a malformed page tree")
            seen.add(kid.reference)
            obj = kid.get_object()
            if obj.get("/Type") == "/Pages" or "/Kids" in obj:
                walk(kid.reference, obj)
            else:
                pages.append(kid.reference)

    root = resolver.root.raw_get("/Pages")
    walk(getattr(root, "reference", None), root)
    return pages


def _annots(page) -> tuple[list[Any], Any]:  # type: ignore[no-untyped-def]
    """A page's annotation references, and the reference of its /Annots array (if indirect)."""
    from pyhanko.pdf_utils import generic

    try:
        value = page.raw_get("/Annots")
    except KeyError:
        return [], None
    array_ref = value.reference if isinstance(value, generic.IndirectObject) else None
    refs = [a.reference for a in value.get_object() if isinstance(a, generic.IndirectObject)]
    return refs, array_ref


def _content_refs(page) -> list[Any]:  # type: ignore[no-untyped-def]
    from pyhanko.pdf_utils import generic

    try:
        value = page.raw_get("/Contents")
    except KeyError:
        return []
    if isinstance(value, generic.IndirectObject):
        obj = value.get_object()
        if isinstance(obj, generic.ArrayObject):
            return [value.reference] + [v.reference for v in obj if isinstance(v, generic.IndirectObject)]
        return [value.reference]
    if isinstance(value, generic.ArrayObject):
        return [v.reference for v in value if isinstance(v, generic.IndirectObject)]
    return []


def describe_changes(reader, since: int, until: int | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    """The changes to pages after revision ``since`` (up to ``until``, by default the last
    revision), in plain words (annotations aside)."""
    last = reader.xrefs.total_revisions - 1 if until is None else until
    old = reader.get_historical_resolver(since)
    new = reader.get_historical_resolver(last)
    changed_refs: set[Any] = set()
    for revision in range(since + 1, last + 1):
        changed_refs |= reader.xrefs.explicit_refs_in_revision(revision)
    old_pages, new_pages = _page_refs(old), _page_refs(new)
    found: list[str] = []
    if len(old_pages) != len(new_pages):
        found.append(f"it had {len(old_pages)} pages and now has {len(new_pages)}")
    for number, (old_ref, new_ref) in enumerate(zip(old_pages, new_pages, strict=False), start=1):
        if old_ref != new_ref:
            found.append(f"page {number} was replaced by another page")
            continue
        old_page, new_page = old(old_ref), new(new_ref)
        keys = sorted(
            k
            for k in set(old_page.keys()) | set(new_page.keys())
            if k != "/Annots" and old_page.get(k, None) != new_page.get(k, None)
        )
        if keys:
            found.append(f"page {number} was changed ({', '.join(keys)})")
        elif any(ref in changed_refs for ref in _content_refs(new_page)):
            found.append(f"the content of page {number} was rewritten")
    if not found:
        rewritten = sorted(
            (ref for ref in changed_refs if reader.xrefs.get_historical_ref(ref, since) is not None),
            key=lambda r: (r.idnum, r.generation),
        )
        if rewritten:
            shown = ", ".join(f"{r.idnum} {r.generation} R" for r in rewritten[:6])
            more = f" and {len(rewritten) - 6} more" if len(rewritten) > 6 else ""
            found.append(f"objects of it were rewritten ({shown}{more})")
    return found


def _added_annotations(reader, since: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The annotations (not form widgets) added after revision ``since``, one line each."""
    old = reader.get_historical_resolver(since)
    new = reader.get_historical_resolver(reader.xrefs.total_revisions - 1)
    found: list[str] = []
    try:
        pages = list(zip(_page_refs(old), _page_refs(new), strict=False))
    except Exception:
        return found
    for number, (old_ref, new_ref) in enumerate(pages, start=1):
        before = set(_annots(old(old_ref))[0])
        for ref in _annots(new(new_ref))[0]:
            if ref in before:
                continue
            annot = new(ref)
            subtype = str(annot.get("/Subtype", "")).lstrip("/")
            if subtype in ("Widget", "Popup"):
                continue
            text = " ".join(str(annot.get("/Contents", "")).split())
            text = text if len(text) <= 60 else text[:57] + "..."
            found.append(f"{subtype} on page {number}" + (f': "{text}"' if text else ""))
    return found


def _filled_fields(result, signature_fields: set[str | None]) -> list[str]:  # type: ignore[no-untyped-def]
    """Form fields (signature fields aside) whose value changed, by the difference analysis."""
    from pyhanko.sign.diff_analysis import DiffResult

    if not isinstance(result, DiffResult):
        return []
    return sorted(name for name in result.changed_form_fields if name not in signature_fields)


# --------------------------------------------------------------------------- difference analysis


_POLICY = None


def _diff_policy():  # type: ignore[no-untyped-def]
    """pyHanko's default difference analysis, plus added markup annotations (at level
    ANNOTATIONS), each revision reviewed against the one before it."""
    global _POLICY
    if _POLICY is None:
        _POLICY = _make_policy()
    return _POLICY


def _make_policy():  # type: ignore[no-untyped-def]
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.reader import RawPdfPath
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, DiffResult, ModificationLevel, SuspiciousModification
    from pyhanko.sign.diff_analysis.commons import compare_dicts, compare_key_refs, qualify_transforming
    from pyhanko.sign.diff_analysis.form_rules_api import (
        FieldComparisonContext,
        FormUpdate,
        FormUpdatingRule,
        _list_fields,
    )
    from pyhanko.sign.diff_analysis.policies import StandardDiffPolicy
    from pyhanko.sign.diff_analysis.rules_api import Context, QualifiedWhitelistRule, ReferenceUpdate, RelativeContext

    class AddedAnnotationsRule(QualifiedWhitelistRule):
        """New markup annotations on a page whose dictionary changed in /Annots only."""

        def apply_qualified(self, old, new):  # type: ignore[no-untyped-def]
            try:
                pairs = list(zip(_page_refs(old), _page_refs(new), strict=True))
            except Exception:
                return  # a changed page tree stays unexplained
            level = ModificationLevel.ANNOTATIONS
            for old_ref, new_ref in pairs:
                if old_ref != new_ref:
                    continue
                old_page, new_page = old(old_ref), new(new_ref)
                before, old_array = _annots(old_page)
                after, new_array = _annots(new_page)
                added = [ref for ref in after if ref not in before]
                if not added or not set(before) <= set(after):
                    continue
                if not compare_dicts(old_page, new_page, frozenset(["/Annots"]), raise_exc=False):
                    continue
                markup = []
                for ref in added:
                    annot = new(ref)
                    subtype = annot.get("/Subtype") if hasattr(annot, "get") else None
                    if subtype == "/Widget":
                        continue  # a new signature field's widget: the form rules judge it
                    if subtype not in MARKUP_ANNOTATIONS or not old.is_ref_unassignable(ref):
                        markup = []
                        break
                    markup.append(ref)
                if not markup:
                    continue
                yield level, ReferenceUpdate(new_ref)
                if new_array is not None and (new_array == old_array or old.is_ref_unassignable(new_array)):
                    yield level, ReferenceUpdate(new_array, RelativeContext(old_ref, RawPdfPath("/Annots")))
                for ref in markup:
                    yield level, ReferenceUpdate(ref)
                    for dep in new.collect_dependencies(new(ref), since_revision=old.revision + 1):
                        yield level, ReferenceUpdate(dep)

    class FormRule(FormUpdatingRule):
        """pyHanko's form rule, which can also judge the update that adds the document's
        first form (its first signature field): pyHanko never diffs that one, as it only
        reviews what comes after a signature; we review the signature's own update too."""

        def apply(self, old, new):  # type: ignore[no-untyped-def]
            if "/AcroForm" in old.root or "/AcroForm" not in new.root:
                yield from super().apply(old, new)
                return
            as_update = FormUpdate.curry_ref(field_name=None)
            _, acroform = yield from qualify_transforming(
                ModificationLevel.LTA_UPDATES,
                compare_key_refs("/AcroForm", old, old.root, new.root),
                transform=FormUpdate.curry_ref(
                    field_name=None, context_checked=Context.from_absolute(old, RawPdfPath("/Root", "/AcroForm"))
                ),
            )
            if not isinstance(acroform, generic.DictionaryObject):
                raise SuspiciousModification("the new /AcroForm is not a dictionary")
            unexpected = set(acroform.keys()) - {"/Fields", "/SigFlags", "/DR", "/DA", "/NeedAppearances"}
            if unexpected:
                raise SuspiciousModification(f"the new /AcroForm has unexpected entries {sorted(unexpected)}")
            fields_path = RawPdfPath("/Root", "/AcroForm", "/Fields")
            _, new_fields = yield from qualify_transforming(
                ModificationLevel.LTA_UPDATES,
                compare_key_refs("/Fields", old, generic.DictionaryObject(), acroform),
                transform=FormUpdate.curry_ref(
                    field_name=None, context_checked=Context.from_absolute(old, fields_path)
                ),
            )
            if "/DR" in acroform:
                _, resources = yield from qualify_transforming(
                    ModificationLevel.FORM_FILLING,
                    compare_key_refs("/DR", old, generic.DictionaryObject(), acroform),
                    transform=as_update,
                )
                for dep in new.collect_dependencies(resources, since_revision=old.revision + 1):
                    yield ModificationLevel.FORM_FILLING, as_update(dep)
            context = FieldComparisonContext(
                field_specs=dict(_list_fields(generic.ArrayObject(), new_fields, old_path=fields_path)),
                old=old,
                new=new,
            )
            for rule in self.field_rules:
                yield from rule.apply(context)

    class EachRevisionPolicy(StandardDiffPolicy):
        def review_file(self, reader, base_revision, field_mdp_spec=None, doc_mdp=None):  # type: ignore[no-untyped-def]
            base = base_revision if isinstance(base_revision, int) else base_revision.revision
            level = ModificationLevel.NONE
            changed: set[str] = set()
            for revision in range(base + 1, reader.xrefs.total_revisions):
                try:
                    result = self.apply(
                        old=reader.get_historical_resolver(revision - 1),
                        new=reader.get_historical_resolver(revision),
                        field_mdp_spec=field_mdp_spec,
                        doc_mdp=doc_mdp,
                    )
                except SuspiciousModification as exc:
                    return exc
                level = max(level, result.modification_level)
                changed |= result.changed_form_fields
            return DiffResult(level, changed)

    return EachRevisionPolicy(
        global_rules=[*DEFAULT_DIFF_POLICY.global_rules, AddedAnnotationsRule()],
        form_rule=FormRule(field_rules=DEFAULT_DIFF_POLICY.form_rule.field_rules),
    )
