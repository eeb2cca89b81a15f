"""A record entry keeps what it says as words (message and parameters) besides its English
summary, so that each reader reads the record in their own language.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-07 06:30:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = '0027'
down_revision: Union[str, Sequence[str], None] = '0026'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('record_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('words', sa.JSON(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('record_entry', schema=None) as batch_op:
        batch_op.drop_column('words')
