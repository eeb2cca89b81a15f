"""The committee's shape: whether its items belong to thematic areas (the CSH's eight) or
not (CICTE, CICAD); every negotiation so far had them.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 02:00:00

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0018'
down_revision: str | Sequence[str] | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('negotiation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('thematic_areas', sa.Boolean(), server_default=sa.true(),
                                      nullable=False))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('negotiation', schema=None) as batch_op:
        batch_op.drop_column('thematic_areas')
