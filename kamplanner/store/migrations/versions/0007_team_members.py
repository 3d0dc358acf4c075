"""the people of a team server: each database login, the name plans know them by, their role

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # On a laptop the table stays empty; 'kamplanner team add-user' fills it on a team server,
    # where the row-level security policies read it (store/team.py).
    op.create_table('team_member',
    sa.Column('login', sa.String(length=63), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('login', name=op.f('pk_team_member')),
    sa.UniqueConstraint('name', name=op.f('uq_team_member_name'))
    )


def downgrade() -> None:
    op.drop_table('team_member')
