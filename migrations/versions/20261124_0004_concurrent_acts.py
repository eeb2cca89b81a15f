"""Concurrent acts and replayed forms: row versions on paragraphs and proposals, one open
proposal per delegation held by a partial unique index, and receipts of submitted forms.

Revision ID: 0004
Revises: 0005
Create Date: 2026-11-24 01:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

OPEN_NON_COMMENT = "state = 'submitted' AND kind <> 'comment'"


def upgrade() -> None:
    """Upgrade schema."""
    # Plain ADD COLUMN (no table rebuild): both engines add a column with a default in place.
    for table in ('paragraph', 'amendment'):
        op.add_column(table, sa.Column('row_version', sa.Integer(), nullable=False,
                                       server_default=sa.text('1')))
    op.create_index(
        'uq_amendment_one_open_per_delegation', 'amendment',
        ['paragraph_id', 'delegation_id', 'kind'], unique=True,
        sqlite_where=sa.text(OPEN_NON_COMMENT), postgresql_where=sa.text(OPEN_NON_COMMENT),
    )
    op.create_table('form_receipt',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('path', sa.String(length=500), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.Integer(), nullable=True),
    sa.Column('location', sa.String(length=2000), nullable=True),
    sa.Column('body', sa.Text(), nullable=True),
    sa.Column('content_type', sa.String(length=120), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_form_receipt_account_id_account')),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_form_receipt'))
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('form_receipt')
    op.drop_index('uq_amendment_one_open_per_delegation', table_name='amendment')
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.drop_column('row_version')
    with op.batch_alter_table('paragraph', schema=None) as batch_op:
        batch_op.drop_column('row_version')
