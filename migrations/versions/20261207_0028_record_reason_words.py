"""A record entry keeps the app's own reason (a request to delete accepted, the first
draft) as words too, so that each reader reads it in their own language; a reason typed by
a person stays as typed.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-07 10:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = '0028'
down_revision: Union[str, Sequence[str], None] = '0027'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('record_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason_words', sa.JSON(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('record_entry', schema=None) as batch_op:
        batch_op.drop_column('reason_words')
