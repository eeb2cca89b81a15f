"""Any committee's shape: the lines printed at the top right of its documents (the series,
"OEA/Ser.G" for the CSH as before), and a section counted apart from the caps (the general
preamble).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07 05:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = '0025'
down_revision: Union[str, Sequence[str], None] = '0024'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('negotiation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('header_lines', sa.Text(), nullable=False,
                                      server_default='OEA/Ser.G'))
    with op.batch_alter_table('section', schema=None) as batch_op:
        batch_op.add_column(sa.Column('counted_apart', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('section', schema=None) as batch_op:
        batch_op.drop_column('counted_apart')
    with op.batch_alter_table('negotiation', schema=None) as batch_op:
        batch_op.drop_column('header_lines')
