"""Reading a plan PDF back: the files it carries (report/attachments.py), and the fingerprint
printed on each of its pages.

A PDF that comes back by mail is untrusted input: it is read only if it is at most MAX_BYTES,
not encrypted, and parses; the files it carries are taken only by their exact names and only
up to MAX_CARRIED bytes each. Whatever is wrong is one line saying what (NotAPlanPdf), never a
traceback. pypdf is imported here only, when a PDF is read.
"""

from __future__ import annotations

import io
import json
import logging
import math
import re
from dataclasses import dataclass
from typing import Any

MAX_BYTES = 64 * 1024 * 1024  # a plan PDF is a few hundred KB; a signed and annotated one a few MB
MAX_CARRIED = 16 * 1024 * 1024  # the plan file itself is bounded far below this (domain/limits.py)
MAX_PAGES = 2000
MAX_TEXT = 100_000  # characters of one text value read from a PDF
PLAN_FILE = "kamplanner-plan.json"
RENDER_FILE = "kamplanner-render.json"
LAYOUT_FILE = "kamplanner-layout.json"
CARRIED = (PLAN_FILE, RENDER_FILE, LAYOUT_FILE)
MAX_ANNOTATIONS = 5000  # on all pages together: more is no review, and is refused
# The annotations a reviewer comments with (ISO 32000 markup annotations). Not pop-ups (they
# show another annotation's text), links, form fields, sounds, movies or files.
COMMENT_KINDS = frozenset(
    "/Text /FreeText /Highlight /Underline /StrikeOut /Squiggly /Square /Circle /Line /Polygon /PolyLine /Ink"
    " /Stamp /Caret".split()
)
# The footer of every page: "Version 2 · fingerprint 00b5faadbf9c", "第 2 版 · 指纹 00b5faadbf9c".
_PAGE_FINGERPRINT = re.compile(r"(?:fingerprint|指纹)\s*([0-9a-f]{12})\b")

logging.getLogger("pypdf").addHandler(logging.NullHandler())


class NotAPlanPdf(ValueError):
    """The file is not a plan PDF kamplanner can read; the message says why, in one line."""


@dataclass(frozen=True)
class CarriedPlan:
    plan_file: bytes  # the plan file it was rendered from
    record: dict[str, Any] | None  # how it was rendered (None: not carried, or unreadable)
    keywords_fingerprint: str | None  # the full fingerprint in its metadata
    page_fingerprints: tuple[str | None, ...] = ()  # the short one printed on each page (read on request)
    layout: dict[str, Any] | None = None  # where each heading is on the pages (None: not carried)
    annotations: tuple[Annotation, ...] = ()  # the comments on its pages (read on request)


@dataclass(frozen=True)
class Annotation:
    """A comment a reader put on a page, as the PDF has it (all of it untrusted text)."""

    page: int  # 1 is the cover
    kind: str  # the annotation's subtype without its slash: Text, Highlight, FreeText…
    rect: tuple[float, float, float, float]  # where on the page, in points from its lower left corner
    author: str
    text: str
    made: str  # the PDF date it was last changed (else made), as written: "D:20261202093000+08'00'"
    name: str  # the reader's own unique name for it (/NM), if it gives one


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def read(data: bytes, *, pages: bool = False, annotations: bool = False) -> CarriedPlan:
    """The plan file, render record and layout ``data`` carries; with ``pages``, also the
    fingerprint printed on each page; with ``annotations``, the comments on its pages.
    NotAPlanPdf when it is no PDF, too big, encrypted, damaged, or carries no plan file."""
    if not is_pdf(data):
        raise NotAPlanPdf("the file is not a PDF")
    if len(data) > MAX_BYTES:
        raise NotAPlanPdf(f"the PDF is {len(data):,} bytes, more than a plan PDF can be ({MAX_BYTES:,})")
    try:
        return _read(data, pages, annotations)
    except NotAPlanPdf:
        raise
    except RecursionError:
        raise NotAPlanPdf("the PDF is nested too deeply to be read") from None
    except MemoryError:
        raise NotAPlanPdf("the PDF is too big to be read") from None
    except Exception as exc:  # noqa: BLE001 - whatever pypdf meets in a damaged file: one line
        first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise NotAPlanPdf(f"the PDF is damaged or cut short ({first})") from None


def _read(data: bytes, pages: bool, annotations: bool) -> CarriedPlan:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise NotAPlanPdf("the PDF is encrypted: kamplanner's PDFs never are; ask for the file as it was sent")
    carried = _carried(reader)
    if PLAN_FILE not in carried:
        raise NotAPlanPdf(
            f"the PDF carries no plan file ({PLAN_FILE}): it was not made by kamplanner, or not by this one"
        )
    record, layout = _json(carried.get(RENDER_FILE)), _json(carried.get(LAYOUT_FILE))
    keywords = str((reader.metadata or {}).get("/Keywords", "") or "")
    found = re.search(r"sha256:([0-9a-f]{64})", keywords)
    page_fingerprints: tuple[str | None, ...] = ()
    if pages:
        if len(reader.pages) > MAX_PAGES:
            raise NotAPlanPdf(f"the PDF has {len(reader.pages):,} pages, more than a plan can have ({MAX_PAGES:,})")
        page_fingerprints = tuple(_fingerprint_on(page) for page in reader.pages)
    notes = tuple(_annotations(reader)) if annotations else ()
    return CarriedPlan(carried[PLAN_FILE], record, found.group(1) if found else None, page_fingerprints, layout, notes)


def _json(data: bytes | None) -> dict[str, Any] | None:
    if data is None:
        return None
    try:
        loaded = json.loads(data)
    except ValueError:
        return None
    return loaded if isinstance(loaded, dict) else None


def _annotations(reader):  # type: ignore[no-untyped-def]
    count = 0
    for number, page in enumerate(reader.pages, 1):
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            kind = str(annotation.get("/Subtype", ""))
            if kind not in COMMENT_KINDS:
                continue
            count += 1
            if count > MAX_ANNOTATIONS:
                raise NotAPlanPdf(f"the PDF has more than {MAX_ANNOTATIONS:,} comments: that is no review")
            x0, y0, x1, y1 = _rect(annotation.get("/Rect"))
            yield Annotation(
                number,
                kind.lstrip("/"),
                (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)),
                _text(annotation.get("/T")),
                _text(annotation.get("/Contents")),
                _text(annotation.get("/M") or annotation.get("/CreationDate")),
                _text(annotation.get("/NM")),
            )


def _rect(value) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    """An annotation's /Rect as four finite numbers (a missing or broken one: all zero)."""
    try:
        numbers = [float(v) for v in list(value.get_object() if hasattr(value, "get_object") else value)[:4]]
    except (TypeError, ValueError):
        return 0.0, 0.0, 0.0, 0.0
    if len(numbers) < 4 or not all(math.isfinite(n) and abs(n) < 1e6 for n in numbers):
        return 0.0, 0.0, 0.0, 0.0
    return numbers[0], numbers[1], numbers[2], numbers[3]


def _text(value) -> str:  # type: ignore[no-untyped-def]
    """A PDF text value as str (a name, a number or nothing as ''), at most MAX_TEXT characters."""
    if value is None:
        return ""
    value = value.get_object() if hasattr(value, "get_object") else value
    return str(value)[:MAX_TEXT] if isinstance(value, str) else ""


def _carried(reader) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    """The embedded files by name: only those kamplanner writes, each at most MAX_CARRIED."""
    names = reader.trailer["/Root"].get("/Names")
    files = names.get_object().get("/EmbeddedFiles") if names is not None else None
    if files is None:
        return {}
    found: dict[str, bytes] = {}
    pairs = files.get_object().get("/Names") or []
    for at in range(0, min(len(pairs), 64) - 1, 2):
        name = str(pairs[at])
        if name not in CARRIED or name in found:
            continue
        spec = pairs[at + 1].get_object()
        stream = spec["/EF"].get_object()["/F"].get_object()
        declared = stream.get("/Length", 0)
        if int(declared) > MAX_CARRIED:
            raise NotAPlanPdf(f"the PDF's {name} is {int(declared):,} bytes, more than a plan file can be")
        content = stream.get_data()
        if len(content) > MAX_CARRIED:
            raise NotAPlanPdf(f"the PDF's {name} is {len(content):,} bytes, more than a plan file can be")
        found[name] = content
    return found


def _fingerprint_on(page) -> str | None:  # type: ignore[no-untyped-def]
    found = _PAGE_FINGERPRINT.findall(page.extract_text() or "")
    return found[-1] if found else None
