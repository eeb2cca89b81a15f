"""The home page's last visit per person and negotiation, and the moment a notice is about
(shown to each reader in their own time zone).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 00:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0015'
down_revision: Union[str, Sequence[str], None] = '0014'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('last_visit',
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_last_visit_account_id_account')),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_last_visit_negotiation_id_negotiation')),
    sa.PrimaryKeyConstraint('account_id', 'negotiation_id', name=op.f('pk_last_visit'))
    )
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('falls_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_column('falls_at')
    op.drop_table('last_visit')
