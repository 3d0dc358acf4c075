"""SQL expressions written out in full, for indexes on expressions.

A database uses an index on an expression only for a query that holds the same expression, and
SQLite compares them as written: SQLAlchemy's ``data["due"].as_string()`` sends its JSON path as a
bound parameter, which never matches the literal path in the index. ``json_text(column, key)``
renders the path inline, the same in the index's DDL (migrations and the model) and in queries.
Nothing here reads the ORM models, so migrations may import it.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

_KEY = re.compile(r"[a-z_][a-z0-9_]*")


class json_text(FunctionElement[str]):  # noqa: N801 - an SQL function, named like one
    """The text of one top-level key of a JSON column (NULL when absent), as a string."""

    type = String()
    inherit_cache = True
    name = "json_text"

    def __init__(self, column: Any, key: str):
        if not _KEY.fullmatch(key):
            raise ValueError(f"not a plain JSON key: {key!r}")  # it is written into the SQL as it is
        self.key = key
        super().__init__(column)


def _column(element: json_text, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses.clauses
    return str(compiler.process(column, **kw))


@compiles(json_text)
def _postgresql(element: json_text, compiler: Any, **kw: Any) -> str:
    return f"CAST(({_column(element, compiler, **kw)} ->> '{element.key}') AS VARCHAR)"


@compiles(json_text, "sqlite")
def _sqlite(element: json_text, compiler: Any, **kw: Any) -> str:
    # SQLite stores JSON as text and checks it only when a function reads it: without the
    # json_valid guard, one damaged value would make every write to the table (and building the
    # index) fail with "malformed JSON". Damage is then found where the value is read.
    column = _column(element, compiler, **kw)
    return f"CAST(CASE WHEN json_valid({column}) THEN JSON_EXTRACT({column}, '$.\"{element.key}\"') END AS VARCHAR)"
