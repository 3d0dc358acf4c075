"""Reading rendered PDFs back: text per page, fonts, metadata, outline."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf

from kamplanner.domain import planfile
from kamplanner.domain.model import Plan

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "plans"


def demo(name: str) -> Plan:
    return planfile.loads((DEMO / f"{name}.json").read_bytes())


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in reader(data).pages]


def squeeze(text: str) -> str:
    """Text without whitespace: extraction breaks lines where the layout did."""
    return re.sub(r"\s+", "", text)


def fonts(data: bytes) -> list[tuple[str, object]]:
    """Every font dictionary the pages (and their form XObjects) use: (base font, dictionary)."""
    found: list[tuple[str, object]] = []

    def visit(resources: object) -> None:
        if not resources:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found.append((str(font.get("/BaseFont")), font))
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in reader(data).pages:
        visit(page.get("/Resources"))
    return found


def outline_titles(data: bytes) -> list[tuple[int, str]]:
    pdf = reader(data)
    titles: list[tuple[int, str]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                titles.append((depth, item.title))

    walk(pdf.outline, 0)
    return titles
