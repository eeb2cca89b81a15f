"""E-mail: addresses and their verification, notice preferences, the notices acts write
and the outbox of messages a sender delivers.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 00:05:40.069393

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0013'
down_revision: Union[str, Sequence[str], None] = '0012'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('title', sa.String(length=400), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=400), nullable=False),
    sa.Column('thread', sa.String(length=80), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=True),
    sa.Column('once_key', sa.String(length=120), nullable=True),
    sa.Column('rehearsal', sa.Boolean(), nullable=False),
    sa.Column('fanned_out', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_notice_delegation_id_delegation')),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_notice_negotiation_id_negotiation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice')),
    sa.UniqueConstraint('once_key', name=op.f('uq_notice_once_key'))
    )
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_fanned_out'), ['fanned_out'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_negotiation_id'), ['negotiation_id'], unique=False)

    op.create_table('mail_address',
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=254), nullable=False),
    sa.Column('verified_at', sa.DateTime(), nullable=True),
    sa.Column('time_zone', sa.String(length=60), nullable=True),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_mail_address_account_id_account')),
    sa.PrimaryKeyConstraint('account_id', name=op.f('pk_mail_address'))
    )
    op.create_table('mail_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('notice_id', sa.Integer(), nullable=True),
    sa.Column('negotiation_id', sa.Integer(), nullable=True),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=254), nullable=False),
    sa.Column('display_name', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.String(length=400), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=400), nullable=False),
    sa.Column('thread', sa.String(length=80), nullable=False),
    sa.Column('message_id', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
    sa.Column('lease_until', sa.DateTime(), nullable=True),
    sa.Column('claimed_by', sa.String(length=80), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('digest_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_mail_message_account_id_account')),
    sa.ForeignKeyConstraint(['digest_id'], ['mail_message.id'], name=op.f('fk_mail_message_digest_id_mail_message')),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_mail_message_negotiation_id_negotiation')),
    sa.ForeignKeyConstraint(['notice_id'], ['notice.id'], name=op.f('fk_mail_message_notice_id_notice')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_message')),
    sa.UniqueConstraint('message_id', name=op.f('uq_mail_message_message_id'))
    )
    with op.batch_alter_table('mail_message', schema=None) as batch_op:
        batch_op.create_index('ix_mail_message_negotiation_id_id', ['negotiation_id', 'id'], unique=False)
        batch_op.create_index('ix_mail_message_status_next_attempt_at', ['status', 'next_attempt_at'], unique=False)

    op.create_table('mail_verification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=254), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_mail_verification_account_id_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_verification')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_mail_verification_token_hash'))
    )
    with op.batch_alter_table('mail_verification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_verification_account_id'), ['account_id'], unique=False)

    op.create_table('notice_preference',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('choice', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_notice_preference_account_id_account')),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_notice_preference_negotiation_id_negotiation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_preference')),
    sa.UniqueConstraint('account_id', 'negotiation_id', name=op.f('uq_notice_preference_account_id_negotiation_id'))
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('notice_preference')
    with op.batch_alter_table('mail_verification', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_verification_account_id'))

    op.drop_table('mail_verification')
    with op.batch_alter_table('mail_message', schema=None) as batch_op:
        batch_op.drop_index('ix_mail_message_status_next_attempt_at')
        batch_op.drop_index('ix_mail_message_negotiation_id_id')

    op.drop_table('mail_message')
    op.drop_table('mail_address')
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_negotiation_id'))
        batch_op.drop_index(batch_op.f('ix_notice_fanned_out'))

    op.drop_table('notice')
