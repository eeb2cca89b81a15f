"""Notices addressed to the people of a role (the chair and the secretariat told that a
delegation asks for late leave), not to a delegation or to everyone taking part.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-07 06:30:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = '0026'
down_revision: Union[str, Sequence[str], None] = '0025'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('roles', sa.String(length=60), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_column('roles')
