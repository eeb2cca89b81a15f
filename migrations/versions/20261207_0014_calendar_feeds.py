"""Calendar feeds: a removed date stays as a row (subscribed calendars are told it is
cancelled), and each person's secret calendar addresses, kept as hashes.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 00:15:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0014'
down_revision: Union[str, Sequence[str], None] = '0013'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.add_column(sa.Column('removed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('removed_by', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('removal_reason', sa.String(length=1000),
                                      server_default='', nullable=False))

    op.create_table('calendar_subscription',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_calendar_subscription_account_id_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_subscription')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_subscription_token_hash'))
    )
    with op.batch_alter_table('calendar_subscription', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_subscription_account_id'), ['account_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('calendar_subscription', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_subscription_account_id'))
    op.drop_table('calendar_subscription')
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.drop_column('removal_reason')
        batch_op.drop_column('removed_by')
        batch_op.drop_column('removed_at')
