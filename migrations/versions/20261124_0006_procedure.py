"""The procedure as the room lives it: a delegation joining a proposal after the deadline
does so under the chair's late leave, and the join says so.

Revision ID: 0006
Revises: 0003
Create Date: 2026-11-24 01:50:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('amendment_support', schema=None) as batch_op:
        batch_op.add_column(sa.Column('late', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('late_leave_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_amendment_support_late_leave_id_late_leave'), 'late_leave',
            ['late_leave_id'], ['id'])
        batch_op.create_check_constraint('late_has_leave', 'NOT late OR late_leave_id IS NOT NULL')


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('amendment_support', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_amendment_support_late_has_leave'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_amendment_support_late_leave_id_late_leave'),
                                 type_='foreignkey')
        batch_op.drop_column('late_leave_id')
        batch_op.drop_column('late')
