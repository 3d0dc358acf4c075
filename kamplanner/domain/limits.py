"""How much a plan may hold: the bounds that keep every render and import quick.

One home for them: the plan file reader refuses what is over, validation reports it in the
editor, and the renderer can rely on them. The figures are far past any real plan (a long
plan has a few thousand characters a section) and were chosen so that the largest plan they
allow still renders in a few seconds on a 2-core machine (bench/bench_render_limits.py
prints it: every table at MAX_ROWS and MAX_PLAN_TEXT characters of text, 2-2.5 s and ~170
pages for text as plans have it, 4.3 s and ~940 pages for prose of one-character bullets, the
costliest shape of text). MAX_PLAN_TEXT counts prose and the cells of text columns (TEXT,
LONGTEXT); keys, numbers and dates are bounded by their own rules. The renderer prints a plan
over them too, cut to them with a mark (report/clip.py).
"""

from __future__ import annotations

MAX_KEY = 64  # characters in a row key
MAX_NAME = 200  # characters in a name: the account, a person, a plan's manager
MAX_CELL = 2_000  # characters in one table cell of short text
MAX_LONG_CELL = 10_000  # characters in one long-text cell
MAX_PROSE = 50_000  # characters in one prose field
MAX_ROWS = 300  # rows in one table
MAX_PLAN_TEXT = 150_000  # characters of text in a whole plan: prose and text cells together
MAX_FILE_BYTES = 20_000_000  # bytes in one plan file
MAX_DEPTH = 64  # nesting of arrays and objects in a plan file
