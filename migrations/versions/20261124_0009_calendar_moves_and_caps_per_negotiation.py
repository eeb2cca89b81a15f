"""The calendar's moves (from when, to when, by whom, why) and a version on each date, and
the chair's caps kept per negotiation as dated rules. Each negotiation already here gets
the caps of the rules file it named (rules/data/<name>.toml), so its checks go on as before.

Revision ID: 0009
Revises: 0003
Create Date: 2026-11-24 01:27:40.332337

"""
from typing import Sequence, Union

import tomllib
from datetime import date
from pathlib import Path

from alembic import op
import sqlalchemy as sa

RULES_DIR = Path(__file__).resolve().parents[2] / "rules" / "data"
CAP_FIELDS = (
    "preambular", "operative", "total", "mandates_paragraphs", "mandates_subparagraphs",
)


# revision identifiers, used by Alembic.
revision: str = '0009'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('cap_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('applies_to', sa.String(length=60), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('effective_until', sa.Date(), nullable=True),
    sa.Column('preambular', sa.Integer(), nullable=True),
    sa.Column('operative', sa.Integer(), nullable=True),
    sa.Column('total', sa.Integer(), nullable=True),
    sa.Column('mandates_paragraphs', sa.Integer(), nullable=True),
    sa.Column('mandates_subparagraphs', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=400), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.CheckConstraint('(preambular IS NULL OR preambular >= 0) AND (operative IS NULL OR operative >= 0) AND (total IS NULL OR total >= 0) AND (mandates_paragraphs IS NULL OR mandates_paragraphs >= 0) AND (mandates_subparagraphs IS NULL OR mandates_subparagraphs >= 0)', name=op.f('ck_cap_rule_caps_not_negative')),
    sa.CheckConstraint('effective_until IS NULL OR effective_until >= effective_from', name=op.f('ck_cap_rule_dates_in_order')),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_cap_rule_negotiation_id_negotiation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cap_rule')),
    sa.UniqueConstraint('negotiation_id', 'applies_to', 'effective_from', name=op.f('uq_cap_rule_negotiation_id_applies_to_effective_from'))
    )
    with op.batch_alter_table('cap_rule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cap_rule_negotiation_id'), ['negotiation_id'], unique=False)

    op.create_table('milestone_move',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('milestone_id', sa.Integer(), nullable=False),
    sa.Column('moved_at', sa.DateTime(), nullable=False),
    sa.Column('moved_by', sa.String(length=120), nullable=False),
    sa.Column('from_at', sa.DateTime(), nullable=False),
    sa.Column('to_at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.String(length=1000), nullable=False),
    sa.ForeignKeyConstraint(['milestone_id'], ['milestone.id'], name=op.f('fk_milestone_move_milestone_id_milestone')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone_move'))
    )
    with op.batch_alter_table('milestone_move', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestone_move_milestone_id'), ['milestone_id'], unique=False)

    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    _copy_rules_files()


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _copy_rules_files() -> None:
    """Each negotiation's caps, read once from the file it named, now kept with it."""
    connection = op.get_bind()
    caps = sa.table(
        'cap_rule', sa.column('negotiation_id'), sa.column('applies_to'),
        sa.column('effective_from'), sa.column('effective_until'), sa.column('source'),
        *(sa.column(name) for name in CAP_FIELDS),
    )
    for negotiation_id, name in connection.execute(sa.text('SELECT id, rules FROM negotiation')):
        path = RULES_DIR / f"{name}.toml"
        if not path.exists():
            continue
        with path.open('rb') as handle:
            rules = tomllib.load(handle).get('rule', [])
        for raw in rules:
            connection.execute(caps.insert().values(
                negotiation_id=negotiation_id, applies_to=raw['applies_to'],
                effective_from=_as_date(raw['from']),
                effective_until=_as_date(raw['until']) if 'until' in raw else None,
                source=raw.get('source', ''),
                **{field: raw.get(field) for field in CAP_FIELDS},
            ))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.drop_column('version')

    with op.batch_alter_table('milestone_move', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestone_move_milestone_id'))

    op.drop_table('milestone_move')
    with op.batch_alter_table('cap_rule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cap_rule_negotiation_id'))

    op.drop_table('cap_rule')
