"""Many negotiations in one installation: roles belong to negotiations (appointments), the
delegations admitted to each (participations), administrators, and closed cycles.

Existing accounts keep what they could do: a chair, secretariat or observer account is
appointed to that role in every negotiation already there, and every delegation takes part
in them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 01:50:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

OLD_ROLES = ('chair', 'secretariat', 'delegation', 'entity', 'observer', 'system')
NEW_ROLES = ('admin', *OLD_ROLES)


def _role(roles: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*roles, name='role', native_enum=False, create_constraint=True, length=32)


def _roles_check(column: str, roles: tuple[str, ...]) -> str:
    return f'{column} IN (' + ', '.join(f"'{r}'" for r in roles) + ')'


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('negotiation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(), nullable=True))

    op.create_table('participation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_participation_delegation_id_delegation')),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_participation_negotiation_id_negotiation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participation')),
    sa.UniqueConstraint('negotiation_id', 'delegation_id', name=op.f('uq_participation_negotiation_id_delegation_id'))
    )
    op.create_index(op.f('ix_participation_negotiation_id'), 'participation', ['negotiation_id'], unique=False)
    op.create_index(op.f('ix_participation_delegation_id'), 'participation', ['delegation_id'], unique=False)

    op.create_table('appointment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('role', _role(NEW_ROLES), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=True),
    sa.Column('entity', sa.String(length=20), nullable=True),
    sa.Column('appointed_at', sa.DateTime(), nullable=False),
    sa.Column('appointed_by', sa.String(length=120), nullable=False),
    sa.CheckConstraint("(role = 'delegation') = (delegation_id IS NOT NULL)", name=op.f('ck_appointment_delegates_name_delegation')),
    sa.CheckConstraint("(role = 'entity') = (entity IS NOT NULL)", name=op.f('ck_appointment_entities_named')),
    sa.CheckConstraint("role NOT IN ('admin', 'system')", name=op.f('ck_appointment_negotiation_roles_only')),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_appointment_account_id_account')),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_appointment_delegation_id_delegation')),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_appointment_negotiation_id_negotiation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment')),
    sa.UniqueConstraint('negotiation_id', 'account_id', name=op.f('uq_appointment_negotiation_id_account_id'))
    )
    op.create_index(op.f('ix_appointment_negotiation_id'), 'appointment', ['negotiation_id'], unique=False)
    op.create_index(op.f('ix_appointment_account_id'), 'appointment', ['account_id'], unique=False)

    # What existing accounts could do, they keep, in every negotiation already there.
    op.execute(
        "INSERT INTO participation (negotiation_id, delegation_id) "
        "SELECT n.id, d.id FROM negotiation n CROSS JOIN delegation d WHERE d.active"
    )
    op.execute(
        "INSERT INTO appointment (negotiation_id, account_id, role, appointed_at, appointed_by) "
        "SELECT n.id, a.id, a.role, a.created_at, 'migration' FROM negotiation n "
        "CROSS JOIN account a WHERE a.role IN ('chair', 'secretariat', 'observer')"
    )

    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_admin', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.drop_constraint(op.f('ck_account_delegates_have_delegation'), type_='check')
        batch_op.drop_constraint(op.f('ck_account_no_system_accounts'), type_='check')
        batch_op.drop_constraint(op.f('ck_account_role'), type_='check')
        batch_op.drop_column('role')
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.alter_column('is_admin', server_default=None)

    with op.batch_alter_table('record_entry', schema=None) as batch_op:
        batch_op.alter_column('negotiation_id', existing_type=sa.Integer(), nullable=True)
        batch_op.drop_constraint(op.f('ck_record_entry_role'), type_='check')
        batch_op.create_check_constraint('role', _roles_check('actor_role', NEW_ROLES))
    with op.batch_alter_table('paragraph_version', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_paragraph_version_role'), type_='check')
        batch_op.create_check_constraint('role', _roles_check('author_role', NEW_ROLES))


def downgrade() -> None:
    """Downgrade schema (appointments other than chair, secretariat and observer are lost)."""
    with op.batch_alter_table('paragraph_version', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_paragraph_version_role'), type_='check')
        batch_op.create_check_constraint('role', _roles_check('author_role', OLD_ROLES))
    with op.batch_alter_table('record_entry', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_record_entry_role'), type_='check')
        batch_op.create_check_constraint('role', _roles_check('actor_role', OLD_ROLES))
        batch_op.alter_column('negotiation_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', _role(OLD_ROLES), nullable=False,
                                      server_default='observer'))
        batch_op.drop_column('is_admin')
    op.execute("UPDATE account SET role = 'delegation' WHERE delegation_id IS NOT NULL")
    op.execute(
        "UPDATE account SET role = (SELECT min(p.role) FROM appointment p "
        "WHERE p.account_id = account.id AND p.role IN ('chair', 'secretariat')) "
        "WHERE delegation_id IS NULL AND EXISTS (SELECT 1 FROM appointment p "
        "WHERE p.account_id = account.id AND p.role IN ('chair', 'secretariat'))"
    )
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.alter_column('role', server_default=None)
        batch_op.create_check_constraint(
            'delegates_have_delegation', "(role = 'delegation') = (delegation_id IS NOT NULL)")
        batch_op.create_check_constraint('no_system_accounts', "role <> 'system'")
    op.drop_index(op.f('ix_appointment_account_id'), table_name='appointment')
    op.drop_index(op.f('ix_appointment_negotiation_id'), table_name='appointment')
    op.drop_table('appointment')
    op.drop_index(op.f('ix_participation_delegation_id'), table_name='participation')
    op.drop_index(op.f('ix_participation_negotiation_id'), table_name='participation')
    op.drop_table('participation')
    with op.batch_alter_table('negotiation', schema=None) as batch_op:
        batch_op.drop_column('closed_at')
