"""what a laptop remembers of its syncs with a team server: each plan as it was last synced
(the common base of a three-way merge), the conflicts a sync kept, and the server's identity

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # On a team server: its identity ('team_id'), which laptops file their sync bases under.
    op.create_table('team_setting',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_team_setting'))
    )
    # On a laptop: each plan's plan file as both sides agreed at the last sync.
    op.create_table('sync_base',
    sa.Column('server', sa.String(length=64), nullable=False),
    sa.Column('plan_uuid', sa.String(length=36), nullable=False),
    sa.Column('base', sa.Text(), nullable=False),
    sa.Column('synced_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('server', 'plan_uuid', name=op.f('pk_sync_base'))
    )
    # On a laptop: a field both sides changed; the server's value is in the plan, this one is kept here.
    op.create_table('sync_conflict',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('server', sa.String(length=64), nullable=False),
    sa.Column('plan_uuid', sa.String(length=36), nullable=False),
    sa.Column('place', sa.Text(), nullable=False),
    sa.Column('mine', sa.JSON(), nullable=True),
    sa.Column('theirs', sa.JSON(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflict'))
    )


def downgrade() -> None:
    op.drop_table('sync_conflict')
    op.drop_table('sync_base')
    op.drop_table('team_setting')
