"""Running Alembic from inside the app (imported only when the schema must change)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text

if TYPE_CHECKING:
    from .database import Database


def alembic_config(db: Database) -> Config:
    from .database import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return config


def upgrade(db: Database, target: str = "head") -> None:
    from .database import DatabaseError

    config = alembic_config(db)
    with db.engine.connect() as connection:
        if db.is_sqlite:
            # A batch migration rebuilds a table by copy-and-drop; with foreign keys on, the
            # drop would cascade into the children. The pragma only takes effect outside a
            # transaction, hence here, before Alembic begins one, and on the driver's own
            # connection: an execute() on the SQLAlchemy one would begin a transaction first.
            _pragma(connection, "PRAGMA foreign_keys=OFF")
        try:
            config.attributes["connection"] = connection
            command.upgrade(config, target)
            if db.is_sqlite:
                broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
                if broken:
                    raise DatabaseError(f"migration left {len(broken)} rows with broken references: {broken[:5]}")
        finally:
            if db.is_sqlite:
                if connection.in_transaction():
                    connection.rollback()
                _pragma(connection, "PRAGMA foreign_keys=ON")


def _pragma(connection: Connection, statement: str) -> None:
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute(statement)
