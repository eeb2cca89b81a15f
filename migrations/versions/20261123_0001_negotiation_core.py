"""The negotiation core: sections, paragraphs and their versions, proposals,
revisions, the calendar, late leave and the append-only record.

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 18:10:06.609366

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('delegation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('name_es', sa.String(length=100), nullable=False),
    sa.Column('name_fr', sa.String(length=100), nullable=False),
    sa.Column('name_pt', sa.String(length=100), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delegation')),
    sa.UniqueConstraint('code', name=op.f('uq_delegation_code'))
    )
    op.create_table('negotiation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('committee', sa.String(length=40), nullable=False),
    sa.Column('committee_name', sa.String(length=200), nullable=False),
    sa.Column('council', sa.String(length=200), nullable=False),
    sa.Column('cycle', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=400), nullable=False),
    sa.Column('symbol', sa.String(length=60), nullable=False),
    sa.Column('timezone', sa.String(length=60), nullable=False),
    sa.Column('languages', sa.String(length=60), nullable=False),
    sa.Column('original_language', sa.String(length=8), nullable=False),
    sa.Column('rules', sa.String(length=60), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_negotiation')),
    sa.UniqueConstraint('committee', 'cycle', name=op.f('uq_negotiation_committee_cycle'))
    )
    op.create_table('record_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor_role', sa.Enum('chair', 'secretariat', 'delegation', 'entity', 'observer', 'system', name='role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('actor_name', sa.String(length=120), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('subject', sa.String(length=80), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_record_entry_delegation_id_delegation')),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_record_entry_negotiation_id_negotiation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_record_entry'))
    )
    with op.batch_alter_table('record_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_record_entry_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_record_entry_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_record_entry_negotiation_id'), ['negotiation_id'], unique=False)

    op.create_table('revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('symbol', sa.String(length=80), nullable=False),
    sa.Column('circulated_at', sa.DateTime(), nullable=False),
    sa.Column('circulated_by', sa.String(length=120), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_revision_negotiation_id_negotiation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revision')),
    sa.UniqueConstraint('negotiation_id', 'number', name=op.f('uq_revision_negotiation_id_number'))
    )
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revision_negotiation_id'), ['negotiation_id'], unique=False)

    op.create_table('section',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('kind', sa.Enum('item', 'entity', 'instrument', name='section_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('area', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("(kind = 'item' AND area BETWEEN 1 AND 8) OR (kind <> 'item' AND area IS NULL)", name=op.f('ck_section_item_has_area')),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_section_negotiation_id_negotiation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_section')),
    sa.UniqueConstraint('negotiation_id', 'code', name=op.f('uq_section_negotiation_id_code'))
    )
    with op.batch_alter_table('section', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_section_negotiation_id'), ['negotiation_id'], unique=False)

    op.create_table('late_leave',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=True),
    sa.Column('until', sa.DateTime(), nullable=False),
    sa.Column('granted_at', sa.DateTime(), nullable=False),
    sa.Column('granted_by', sa.String(length=120), nullable=False),
    sa.Column('reason', sa.String(length=1000), nullable=False),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_late_leave_delegation_id_delegation')),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_late_leave_negotiation_id_negotiation')),
    sa.ForeignKeyConstraint(['section_id'], ['section.id'], name=op.f('fk_late_leave_section_id_section')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_late_leave'))
    )
    with op.batch_alter_table('late_leave', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_late_leave_negotiation_id'), ['negotiation_id'], unique=False)

    op.create_table('milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('meeting', 'submission_deadline', 'circulation', name='milestone_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_milestone_negotiation_id_negotiation')),
    sa.ForeignKeyConstraint(['section_id'], ['section.id'], name=op.f('fk_milestone_section_id_section')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone'))
    )
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestone_negotiation_id'), ['negotiation_id'], unique=False)

    op.create_table('paragraph',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('preambular', 'operative', 'subparagraph', name='paragraph_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('is_mandates', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('proposed', 'consensus', 'amended', 'new', 'approved', 'consultations', 'withdrawn', 'deleted', name='paragraph_state', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('proposer_kind', sa.Enum('chair', 'delegation', 'entity', name='proposer_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('proposer_delegation_id', sa.Integer(), nullable=True),
    sa.Column('proposer_entity', sa.String(length=20), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("(kind = 'subparagraph') = (parent_id IS NOT NULL)", name=op.f('ck_paragraph_subparagraph_has_parent')),
    sa.CheckConstraint("(proposer_kind = 'delegation') = (proposer_delegation_id IS NOT NULL)", name=op.f('ck_paragraph_delegation_proposer_named')),
    sa.CheckConstraint("NOT is_mandates OR kind = 'operative'", name=op.f('ck_paragraph_mandates_are_operative')),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_paragraph_negotiation_id_negotiation')),
    sa.ForeignKeyConstraint(['parent_id'], ['paragraph.id'], name=op.f('fk_paragraph_parent_id_paragraph')),
    sa.ForeignKeyConstraint(['proposer_delegation_id'], ['delegation.id'], name=op.f('fk_paragraph_proposer_delegation_id_delegation')),
    sa.ForeignKeyConstraint(['section_id'], ['section.id'], name=op.f('fk_paragraph_section_id_section')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paragraph'))
    )
    with op.batch_alter_table('paragraph', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paragraph_negotiation_id'), ['negotiation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_paragraph_section_id'), ['section_id'], unique=False)

    op.create_table('paragraph_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('paragraph_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('author_role', sa.Enum('chair', 'secretariat', 'delegation', 'entity', 'observer', 'system', name='role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('author_name', sa.String(length=120), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['paragraph_id'], ['paragraph.id'], name=op.f('fk_paragraph_version_paragraph_id_paragraph')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paragraph_version')),
    sa.UniqueConstraint('paragraph_id', 'number', name=op.f('uq_paragraph_version_paragraph_id_number'))
    )
    with op.batch_alter_table('paragraph_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paragraph_version_paragraph_id'), ['paragraph_id'], unique=False)

    op.create_table('amendment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('paragraph_id', sa.Integer(), nullable=False),
    sa.Column('base_version_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('modify', 'delete', 'comment', 'support', 'new', name='amendment_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('proposed_text', sa.Text(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('diff', sa.Text(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_by', sa.String(length=120), nullable=False),
    sa.Column('late', sa.Boolean(), nullable=False),
    sa.Column('late_leave_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.Enum('submitted', 'withdrawn', 'accepted', 'settled', 'not_retained', name='amendment_state', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolution_note', sa.Text(), nullable=False),
    sa.Column('resolved_by_version_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind <> 'comment' OR comment <> ''", name=op.f('ck_amendment_comments_have_comment')),
    sa.CheckConstraint("kind NOT IN ('modify', 'new') OR proposed_text IS NOT NULL", name=op.f('ck_amendment_text_proposals_have_text')),
    sa.CheckConstraint('NOT late OR late_leave_id IS NOT NULL', name=op.f('ck_amendment_late_has_leave')),
    sa.ForeignKeyConstraint(['base_version_id'], ['paragraph_version.id'], name=op.f('fk_amendment_base_version_id_paragraph_version')),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_amendment_delegation_id_delegation')),
    sa.ForeignKeyConstraint(['late_leave_id'], ['late_leave.id'], name=op.f('fk_amendment_late_leave_id_late_leave')),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_amendment_negotiation_id_negotiation')),
    sa.ForeignKeyConstraint(['paragraph_id'], ['paragraph.id'], name=op.f('fk_amendment_paragraph_id_paragraph')),
    sa.ForeignKeyConstraint(['resolved_by_version_id'], ['paragraph_version.id'], name=op.f('fk_amendment_resolved_by_version_id_paragraph_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_amendment'))
    )
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_amendment_delegation_id'), ['delegation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_amendment_negotiation_id'), ['negotiation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_amendment_paragraph_id'), ['paragraph_id'], unique=False)

    op.create_table('revision_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('revision_id', sa.Integer(), nullable=False),
    sa.Column('paragraph_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('preambular', 'operative', 'subparagraph', name='paragraph_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('is_mandates', sa.Boolean(), nullable=False),
    sa.Column('state', sa.Enum('proposed', 'consensus', 'amended', 'new', 'approved', 'consultations', 'withdrawn', 'deleted', name='paragraph_state', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['paragraph_id'], ['paragraph.id'], name=op.f('fk_revision_entry_paragraph_id_paragraph')),
    sa.ForeignKeyConstraint(['parent_id'], ['paragraph.id'], name=op.f('fk_revision_entry_parent_id_paragraph')),
    sa.ForeignKeyConstraint(['revision_id'], ['revision.id'], name=op.f('fk_revision_entry_revision_id_revision')),
    sa.ForeignKeyConstraint(['section_id'], ['section.id'], name=op.f('fk_revision_entry_section_id_section')),
    sa.ForeignKeyConstraint(['version_id'], ['paragraph_version.id'], name=op.f('fk_revision_entry_version_id_paragraph_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revision_entry'))
    )
    with op.batch_alter_table('revision_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revision_entry_revision_id'), ['revision_id'], unique=False)

    op.create_table('amendment_support',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('amendment_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('joined_at', sa.DateTime(), nullable=False),
    sa.Column('joined_by', sa.String(length=120), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['amendment_id'], ['amendment.id'], name=op.f('fk_amendment_support_amendment_id_amendment')),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_amendment_support_delegation_id_delegation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_amendment_support')),
    sa.UniqueConstraint('amendment_id', 'delegation_id', name=op.f('uq_amendment_support_amendment_id_delegation_id'))
    )
    with op.batch_alter_table('amendment_support', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_amendment_support_amendment_id'), ['amendment_id'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('amendment_support', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_amendment_support_amendment_id'))

    op.drop_table('amendment_support')
    with op.batch_alter_table('revision_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_revision_entry_revision_id'))

    op.drop_table('revision_entry')
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_amendment_paragraph_id'))
        batch_op.drop_index(batch_op.f('ix_amendment_negotiation_id'))
        batch_op.drop_index(batch_op.f('ix_amendment_delegation_id'))

    op.drop_table('amendment')
    with op.batch_alter_table('paragraph_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paragraph_version_paragraph_id'))

    op.drop_table('paragraph_version')
    with op.batch_alter_table('paragraph', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paragraph_section_id'))
        batch_op.drop_index(batch_op.f('ix_paragraph_negotiation_id'))

    op.drop_table('paragraph')
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestone_negotiation_id'))

    op.drop_table('milestone')
    with op.batch_alter_table('late_leave', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_late_leave_negotiation_id'))

    op.drop_table('late_leave')
    with op.batch_alter_table('section', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_section_negotiation_id'))

    op.drop_table('section')
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_revision_negotiation_id'))

    op.drop_table('revision')
    with op.batch_alter_table('record_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_record_entry_negotiation_id'))
        batch_op.drop_index(batch_op.f('ix_record_entry_at'))
        batch_op.drop_index(batch_op.f('ix_record_entry_action'))

    op.drop_table('record_entry')
    op.drop_table('negotiation')
    op.drop_table('delegation')
