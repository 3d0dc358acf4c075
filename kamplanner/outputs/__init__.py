"""Documents other than the PDF: the review meeting's slides (deck.py) and the plan's tables as a
workbook, out and back in (workbook.py). Beside report/ in the layers: they read the domain and
the report's style, never the store or Qt."""
