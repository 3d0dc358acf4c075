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
import re
from dataclasses import dataclass
from typing import Any

MAX_BYTES = 64 * 1024 * 1024  # a plan PDF is a few hundred KB; a signed and annotated one a few MB
MAX_CARRIED = 16 * 1024 * 1024  # the plan file itself is bounded far below this (domain/limits.py)
MAX_PAGES = 2000
PLAN_FILE = "kamplanner-plan.json"
RENDER_FILE = "kamplanner-render.json"
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


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def read(data: bytes, *, pages: bool = False) -> CarriedPlan:
    """The plan file and render record ``data`` carries; with ``pages``, also the fingerprint
    printed on each page. NotAPlanPdf when it is no PDF, too big, encrypted, damaged, or
    carries no plan file."""
    if not is_pdf(data):
        raise NotAPlanPdf("the file is not a PDF")
    if len(data) > MAX_BYTES:
        raise NotAPlanPdf(f"the PDF is {len(data):,} bytes, more than a plan PDF can be ({MAX_BYTES:,})")
    try:
        return _read(data, pages)
    except NotAPlanPdf:
        raise
    except RecursionError:
        raise NotAPlanPdf("the PDF is nested too deeply to be read") from None
    except MemoryError:
        raise NotAPlanPdf("the PDF is too big to be read") from None
    except Exception as exc:  # noqa: BLE001 - whatever pypdf meets in a damaged file: one line
        first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise NotAPlanPdf(f"the PDF is damaged or cut short ({first})") from None


def _read(data: bytes, pages: bool) -> CarriedPlan:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise NotAPlanPdf("the PDF is encrypted: kamplanner's PDFs never are; ask for the file as it was sent")
    carried = _carried(reader)
    if PLAN_FILE not in carried:
        raise NotAPlanPdf(
            f"the PDF carries no plan file ({PLAN_FILE}): it was not made by kamplanner, or not by this one"
        )
    record = None
    if RENDER_FILE in carried:
        try:
            loaded = json.loads(carried[RENDER_FILE])
            record = loaded if isinstance(loaded, dict) else None
        except ValueError:
            record = None
    keywords = str((reader.metadata or {}).get("/Keywords", "") or "")
    found = re.search(r"sha256:([0-9a-f]{64})", keywords)
    page_fingerprints: tuple[str | None, ...] = ()
    if pages:
        if len(reader.pages) > MAX_PAGES:
            raise NotAPlanPdf(f"the PDF has {len(reader.pages):,} pages, more than a plan can have ({MAX_PAGES:,})")
        page_fingerprints = tuple(_fingerprint_on(page) for page in reader.pages)
    return CarriedPlan(carried[PLAN_FILE], record, found.group(1) if found else None, page_fingerprints)


def _carried(reader) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    """The embedded files by name: only the two kamplanner writes, each at most MAX_CARRIED."""
    names = reader.trailer["/Root"].get("/Names")
    files = names.get_object().get("/EmbeddedFiles") if names is not None else None
    if files is None:
        return {}
    found: dict[str, bytes] = {}
    pairs = files.get_object().get("/Names") or []
    for at in range(0, min(len(pairs), 64) - 1, 2):
        name = str(pairs[at])
        if name not in (PLAN_FILE, RENDER_FILE) or name in found:
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
