"""cycle record and sign-offs

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('cycle',
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_cycle_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('plan_id', name=op.f('pk_cycle'))
    )
    op.create_table('signoff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('reviewer', sa.String(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('snapshot', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_signoff_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signoff')),
    sa.UniqueConstraint('plan_id', 'version', name='uq_signoff_plan_version')
    )
    with op.batch_alter_table('signoff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signoff_fingerprint'), ['fingerprint'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('signoff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signoff_fingerprint'))

    op.drop_table('signoff')
    op.drop_table('cycle')
