"""The PDF's streams are compressed at the level report/compression.py sets, and read back whole."""

from __future__ import annotations

import re
import zlib

from kamplanner.report import compression, render_plan
from tests.factories import full_plan

from .helpers import pages_text


def test_every_flate_stream_is_compressed_at_the_chosen_level_and_inflates():
    pdf = render_plan(full_plan())
    streams = [m.group(1) for m in re.finditer(rb"\bstream\r?\n(.*?)endstream", pdf, re.S)]
    flate = [s for s in streams if s[:1] == b"x"]  # (zlib data; the rest is ASCII85 of it)
    assert len(flate) >= 5
    # A zlib header's second byte says how hard its data was compressed: 0x5e for levels 2 to 5.
    assert compression.LEVEL == 3
    assert {s[1] for s in flate} == {0x5E}
    assert all(zlib.decompressobj().decompress(s) for s in flate)
    assert "2027 年度客户规划" in pages_text(pdf)[0]
