"""The procedure as the room lives it: a delegation joining a proposal after the deadline
does so under the chair's late leave, and the join says so; the chair and the secretariat
reply to what delegations wrote (replies are never changed).

Revision ID: 0006
Revises: 0008
Create Date: 2026-11-24 01:50:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0008'
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
    op.create_table('comment_reply',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('amendment_id', sa.Integer(), nullable=False),
    sa.Column('author_role', sa.Enum('admin', 'chair', 'secretariat', 'delegation', 'entity', 'observer', 'system', name='role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('author_name', sa.String(length=120), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('written_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("text <> ''", name=op.f('ck_comment_reply_reply_has_text')),
    sa.ForeignKeyConstraint(['amendment_id'], ['amendment.id'], name=op.f('fk_comment_reply_amendment_id_amendment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_reply'))
    )
    with op.batch_alter_table('comment_reply', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_reply_amendment_id'), ['amendment_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('comment_reply', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_reply_amendment_id'))
    op.drop_table('comment_reply')
    with op.batch_alter_table('amendment_support', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_amendment_support_late_has_leave'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_amendment_support_late_leave_id_late_leave'),
                                 type_='foreignkey')
        batch_op.drop_column('late_leave_id')
        batch_op.drop_column('late')
