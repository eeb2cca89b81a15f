"""Proposal numbers: each proposal is "proposal 23" within its negotiation, given in
submission order from a counter on the negotiation's row and never changed. Proposals
already sent are numbered in the order they were sent (then by id).

Revision ID: 0010
Revises: 0006
Create Date: 2026-11-25 09:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = '0010'
down_revision: Union[str, Sequence[str], None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('negotiation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_proposal_number', sa.Integer(), nullable=False,
                                      server_default='0'))
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number', sa.Integer(), nullable=True))
    # A correlated count, not a window function, so that one statement serves SQLite and
    # PostgreSQL alike: a proposal's number is how many of its negotiation's were sent
    # before it or with it.
    op.execute(
        "UPDATE amendment SET number = (SELECT count(*) FROM amendment earlier"
        " WHERE earlier.negotiation_id = amendment.negotiation_id"
        " AND (earlier.submitted_at < amendment.submitted_at"
        " OR (earlier.submitted_at = amendment.submitted_at AND earlier.id <= amendment.id)))"
    )
    op.execute(
        "UPDATE negotiation SET last_proposal_number = (SELECT coalesce(max(number), 0)"
        " FROM amendment WHERE amendment.negotiation_id = negotiation.id)"
    )
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.alter_column('number', existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_amendment_negotiation_id_number'),
                                          ['negotiation_id', 'number'])
        batch_op.create_check_constraint('numbered_from_one', 'number > 0')


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_amendment_numbered_from_one'), type_='check')
        batch_op.drop_constraint(batch_op.f('uq_amendment_negotiation_id_number'), type_='unique')
        batch_op.drop_column('number')
    with op.batch_alter_table('negotiation', schema=None) as batch_op:
        batch_op.drop_column('last_proposal_number')
