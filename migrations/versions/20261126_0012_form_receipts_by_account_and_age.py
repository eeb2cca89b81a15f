"""Form receipts by account and age: an account's receipts that can no longer answer a
replay are deleted when it signs in.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26 10:00:00

"""
from typing import Sequence, Union

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0012'
down_revision: Union[str, Sequence[str], None] = '0011'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('form_receipt', schema=None) as batch_op:
        batch_op.create_index('ix_form_receipt_account_id_received_at',
                              ['account_id', 'received_at'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('form_receipt', schema=None) as batch_op:
        batch_op.drop_index('ix_form_receipt_account_id_received_at')
