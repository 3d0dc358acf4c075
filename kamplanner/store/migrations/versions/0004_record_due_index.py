"""an index on the records' due dates, by table

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kamplanner.store.sqltext import json_text

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The expression the model declares (JSON_EXTRACT on SQLite, ->> on PostgreSQL), which is
    # the one the dashboard's query is written with, so the database matches the two.
    record = sa.table('record', sa.column('field', sa.String), sa.column('data', sa.JSON))
    op.create_index('ix_record_field_due', 'record', [record.c.field, json_text(record.c.data, 'due')])


def downgrade() -> None:
    op.drop_index('ix_record_field_due', table_name='record')
