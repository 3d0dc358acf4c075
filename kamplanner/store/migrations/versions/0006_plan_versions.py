"""numbered plan versions, apart from the revision every save moves

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('plan_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_version_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_version')),
    sa.UniqueConstraint('plan_id', 'number', name='uq_plan_version_plan_number')
    )
    _number_what_was_reviewed()


def _number_what_was_reviewed() -> None:
    """Before this revision the version people saw was the revision. What was reviewed or
    signed off keeps that number, so its PDFs still say what they said (and still verify);
    the next version made is numbered after the highest."""
    connection = op.get_bind()
    signoff = sa.table(
        'signoff',
        sa.column('plan_id', sa.Integer()),
        sa.column('version', sa.Integer()),
        sa.column('fingerprint', sa.String()),
        sa.column('reviewer', sa.String()),
        sa.column('created_at', sa.DateTime(timezone=True)),
    )
    cycle = sa.table('cycle', sa.column('plan_id', sa.Integer()), sa.column('data', sa.JSON()))
    found: dict[tuple[int, int], dict[str, object]] = {}
    for plan_id, data in connection.execute(sa.select(cycle.c.plan_id, cycle.c.data)):
        for review in (data or {}).get('reviews', []) if isinstance(data, dict) else []:
            number = review.get('version') if isinstance(review, dict) else None
            if isinstance(number, int) and not isinstance(number, bool) and number >= 1:
                day = _day(review.get('date'))
                found.setdefault((plan_id, number), {
                    'kind': 'submitted', 'at': day, 'actor': '', 'fingerprint': '',
                })
    query = sa.select(signoff.c.plan_id, signoff.c.version, signoff.c.fingerprint, signoff.c.reviewer, signoff.c.created_at)
    for plan_id, number, fingerprint, reviewer, created in connection.execute(query):
        found[(plan_id, number)] = {
            'kind': 'signed_off',
            'at': created or dt.datetime.now(dt.UTC),
            'actor': reviewer or '',
            'fingerprint': fingerprint or '',
        }
    if found:
        table = sa.table(
            'plan_version',
            *(sa.column(name) for name in ('plan_id', 'number', 'revision', 'kind', 'at', 'actor', 'note', 'fingerprint')),
        )
        rows = [
            {'plan_id': plan_id, 'number': number, 'revision': number, 'note': '', **values}
            for (plan_id, number), values in sorted(found.items())
        ]
        connection.execute(table.insert(), rows)


def _day(value: object) -> dt.datetime:
    try:
        return dt.datetime.combine(dt.date.fromisoformat(str(value)), dt.time(), dt.UTC)
    except ValueError:
        return dt.datetime.now(dt.UTC)


def downgrade() -> None:
    op.drop_table('plan_version')
