"""Files carried inside a PDF (ISO 32000 embedded files): the plan file, and how the PDF was
rendered from it, so that the PDF alone can be imported and checked.

ReportLab has no API for embedded files; its document catalogue takes a /Names entry, and
the file streams and file specifications are ordinary PDF objects. Everything here is a pure
function of the files given: the same files give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObject, PDFStream, PDFString, PDFZCompress
from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True)
class Attachment:
    name: str  # ASCII: the name a PDF reader lists
    data: bytes
    description: str  # ASCII
    mime: str = "application/json"


class _MimeName(PDFObject):
    """A MIME type as a PDF name (application/json is /application#2Fjson): ReportLab's PDFName
    would escape the # itself."""

    def __init__(self, mime: str):
        self.raw = b"/" + "".join(c if c.isalnum() or c in ".-+" else f"#{ord(c):02X}" for c in mime).encode("ascii")

    def format(self, document: object) -> bytes:
        return self.raw


def attach(canvas: Canvas, files: list[Attachment]) -> None:
    """Embed ``files`` in the document ``canvas`` is writing (call it once, before save)."""
    document = canvas._doc  # noqa: SLF001 - ReportLab keeps the PDF document there
    names = PDFArray([])
    for file in sorted(files, key=lambda f: f.name):  # a name tree's keys are sorted
        stream = PDFStream(
            PDFDictionary(
                {
                    "Type": PDFName("EmbeddedFile"),
                    "Subtype": _MimeName(file.mime),
                    "Params": PDFDictionary({"Size": len(file.data)}),
                }
            ),
            file.data,
            filters=[PDFZCompress],
        )
        reference = document.Reference(stream)
        spec = PDFDictionary(
            {
                "Type": PDFName("Filespec"),
                "F": PDFString(file.name),
                "UF": PDFString(file.name),
                "Desc": PDFString(file.description),
                "AFRelationship": PDFName("Source"),
                "EF": PDFDictionary({"F": reference, "UF": reference}),
            }
        )
        names.sequence += [PDFString(file.name), document.Reference(spec)]
    document.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": names})})


def add_signature_field(canvas: Canvas, name: str, rect: tuple[float, float, float, float]) -> None:
    """An empty signature field on the page ``canvas`` is drawing, for a reviewer to sign in
    with their own tool (Acrobat, a token's software, pyHanko). It has no appearance of its own:
    the printed line under it stays what is seen until somebody signs."""
    document = canvas._doc  # noqa: SLF001
    widget = PDFDictionary(
        {
            "Type": PDFName("Annot"),
            "Subtype": PDFName("Widget"),
            "FT": PDFName("Sig"),
            "T": PDFString(name),
            "F": 4,  # printed
            "Rect": PDFArray([round(v, 2) for v in rect]),
        }
    )
    canvas._addAnnotation(widget, name=name)  # noqa: SLF001 - ReportLab's own way to put an annotation on the page
    # SigFlags 3 (ISO 32000-1 12.7.2): the document has a signature field, and is to be saved
    # append-only: a reader then adds comments after the bytes as sent instead of rewriting them,
    # and a signing tool has no flag of its own to change in the form.
    document.Catalog.AcroForm = PDFDictionary({"Fields": PDFArray([document.refAnnotation(name)]), "SigFlags": 3})
