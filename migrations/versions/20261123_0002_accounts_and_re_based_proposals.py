"""Accounts for signing in, and proposals re-based on a newer text of their paragraph
(the superseded state and the links between a proposal and its re-based successor).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 18:11:32.188507

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

OLD_STATES = ('submitted', 'withdrawn', 'accepted', 'settled', 'not_retained')
NEW_STATES = (*OLD_STATES, 'superseded')


def _states_check(states: tuple[str, ...]) -> str:
    return 'state IN (' + ', '.join(f"'{s}'" for s in states) + ')'


# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('display_name', sa.String(length=120), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.Enum('chair', 'secretariat', 'delegation', 'entity', 'observer', 'system', name='role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("(role = 'delegation') = (delegation_id IS NOT NULL)", name=op.f('ck_account_delegates_have_delegation')),
    sa.CheckConstraint("role <> 'system'", name=op.f('ck_account_no_system_accounts')),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_account_delegation_id_delegation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account')),
    sa.UniqueConstraint('username', name=op.f('uq_account_username'))
    )
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rebased_from_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('conflicts_with_version_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_amendment_conflicts_with_version_id_paragraph_version'), 'paragraph_version', ['conflicts_with_version_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_amendment_rebased_from_id_amendment'), 'amendment', ['rebased_from_id'], ['id'])
        batch_op.drop_constraint(op.f('ck_amendment_amendment_state'), type_='check')
        batch_op.create_check_constraint('amendment_state', _states_check(NEW_STATES))



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_amendment_amendment_state'), type_='check')
        batch_op.create_check_constraint('amendment_state', _states_check(OLD_STATES))
        batch_op.drop_constraint(batch_op.f('fk_amendment_rebased_from_id_amendment'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_amendment_conflicts_with_version_id_paragraph_version'), type_='foreignkey')
        batch_op.drop_column('conflicts_with_version_id')
        batch_op.drop_column('rebased_from_id')

    op.drop_table('account')
