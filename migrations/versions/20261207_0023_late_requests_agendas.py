"""A delegation's request for late leave and the chair's answer; late leave for one
paragraph; the meeting's agenda as the chair publishes it, numbered and kept as published.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07 05:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = '0023'
down_revision: Union[str, Sequence[str], None] = '0022'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('published_agenda',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('edition', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('published_by', sa.String(length=120), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['milestone.id'], name=op.f('fk_published_agenda_meeting_id_milestone')),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_published_agenda_negotiation_id_negotiation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_published_agenda')),
    sa.UniqueConstraint('meeting_id', 'edition', name=op.f('uq_published_agenda_meeting_id_edition')),
    sa.UniqueConstraint('negotiation_id', 'number', name=op.f('uq_published_agenda_negotiation_id_number'))
    )
    with op.batch_alter_table('published_agenda', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_published_agenda_negotiation_id'), ['negotiation_id'], unique=False)

    op.create_table('late_leave_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=True),
    sa.Column('paragraph_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=1000), nullable=False),
    sa.Column('asked_at', sa.DateTime(), nullable=False),
    sa.Column('asked_by', sa.String(length=120), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by', sa.String(length=120), nullable=True),
    sa.Column('decision_reason', sa.String(length=1000), server_default='', nullable=False),
    sa.Column('leave_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("decision IS NULL OR decision IN ('granted', 'refused')", name=op.f('ck_late_leave_request_decision')),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_late_leave_request_delegation_id_delegation')),
    sa.ForeignKeyConstraint(['leave_id'], ['late_leave.id'], name=op.f('fk_late_leave_request_leave_id_late_leave')),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_late_leave_request_negotiation_id_negotiation')),
    sa.ForeignKeyConstraint(['paragraph_id'], ['paragraph.id'], name=op.f('fk_late_leave_request_paragraph_id_paragraph')),
    sa.ForeignKeyConstraint(['section_id'], ['section.id'], name=op.f('fk_late_leave_request_section_id_section')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_late_leave_request'))
    )
    with op.batch_alter_table('late_leave_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_late_leave_request_negotiation_id'), ['negotiation_id'], unique=False)

    with op.batch_alter_table('late_leave', schema=None) as batch_op:
        batch_op.add_column(sa.Column('paragraph_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_late_leave_paragraph_id_paragraph'), 'paragraph', ['paragraph_id'], ['id'])



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('late_leave', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_late_leave_paragraph_id_paragraph'), type_='foreignkey')
        batch_op.drop_column('paragraph_id')

    with op.batch_alter_table('late_leave_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_late_leave_request_negotiation_id'))

    op.drop_table('late_leave_request')
    with op.batch_alter_table('published_agenda', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_published_agenda_negotiation_id'))

    op.drop_table('published_agenda')
