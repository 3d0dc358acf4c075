"""stable identities (account and plan UUIDs) and the change log

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

IDENTIFIED = ('account', 'plan')


def upgrade() -> None:
    # Added empty, filled row by row with a fresh UUID each, then made required and unique:
    # no database has a portable default that makes a random UUID.
    for table in IDENTIFIED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('uuid', sa.String(length=36), nullable=True))
    connection = op.get_bind()
    for table in IDENTIFIED:
        rows = sa.table(table, sa.column('id', sa.Integer()), sa.column('uuid', sa.String(length=36)))
        ids = connection.execute(sa.select(rows.c.id).order_by(rows.c.id)).scalars().all()
        for row_id in ids:
            connection.execute(sa.update(rows).where(rows.c.id == row_id).values(uuid=str(uuid.uuid4())))
    for table in IDENTIFIED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('uuid', existing_type=sa.String(length=36), nullable=False)
            batch_op.create_unique_constraint(batch_op.f(f'uq_{table}_uuid'), ['uuid'])

    op.create_table('changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=True),
    sa.Column('plan_uuid', sa.String(length=36), nullable=True),
    sa.Column('version', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('path', sa.String(length=120), nullable=True),
    sa.Column('row_key', sa.String(length=64), nullable=True),
    sa.Column('column_key', sa.String(length=64), nullable=True),
    sa.Column('before', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('after', sa.JSON(none_as_null=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_changes'))
    )
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.create_index('ix_changes_plan_id_id', ['plan_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_changes_plan_uuid'), ['plan_uuid'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_changes_plan_uuid'))
        batch_op.drop_index('ix_changes_plan_id_id')
    op.drop_table('changes')
    for table in reversed(IDENTIFIED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'uq_{table}_uuid'), type_='unique')
            batch_op.drop_column('uuid')
