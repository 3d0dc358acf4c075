"""How hard the PDF's streams are compressed: zlib level 3 rather than ReportLab's 6.

On the bank demo plan (bench/bench_pdf.py) level 6 spent a tenth of the render, 21 ms of about
0.2 s, compressing its 1.8 MB of streams to 353 KB; level 3 takes 11 ms for 377 KB (7 % more
to mail). Importing this module sets it for every PDF this process writes.
"""

from __future__ import annotations

import zlib

from reportlab.pdfbase import pdfdoc

LEVEL = 3


def _encode(data: str | bytes) -> bytes:
    return zlib.compress(data.encode("utf-8") if isinstance(data, str) else data, LEVEL)


# (the one filter object every compressed stream of ReportLab's goes through)
pdfdoc.PDFZCompress.encode = _encode  # type: ignore[method-assign]
