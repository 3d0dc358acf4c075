"""the certificate a sign-off was made with

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: a sign-off made without a certificate (and every one made before) has none.
    with op.batch_alter_table('signoff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('certificate_sha256', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('certificate_subject', sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('signoff', schema=None) as batch_op:
        batch_op.drop_column('certificate_subject')
        batch_op.drop_column('certificate_sha256')
