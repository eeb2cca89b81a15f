"""Footnotes as part of the text: each paragraph version carries its notes (marker offset and
text), and a delegation may ask for a national footnote (a proposal of its own kind, its text
in the comment).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07 04:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

OLD_KINDS = ('modify', 'delete', 'comment', 'support', 'new')
NEW_KINDS = (*OLD_KINDS, 'footnote')


def _kinds_check(kinds: tuple[str, ...]) -> str:
    return 'kind IN (' + ', '.join(f"'{k}'" for k in kinds) + ')'


# revision identifiers, used by Alembic.
revision: str = '0024'
down_revision: Union[str, Sequence[str], None] = '0023'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('paragraph_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('footnotes', sa.JSON(), server_default=sa.text("'[]'"),
                                      nullable=False))
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_amendment_amendment_kind'), type_='check')
        batch_op.create_check_constraint('amendment_kind', _kinds_check(NEW_KINDS))
        batch_op.create_check_constraint('footnotes_have_text',
                                         "kind <> 'footnote' OR comment <> ''")


def downgrade() -> None:
    """Downgrade schema."""
    for table in ('amendment_support', 'comment_reply', 'sponsor_invitation'):
        op.execute(f"DELETE FROM {table} WHERE amendment_id IN "
                   "(SELECT id FROM amendment WHERE kind = 'footnote')")
    op.execute("DELETE FROM amendment WHERE kind = 'footnote'")
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_amendment_footnotes_have_text'), type_='check')
        batch_op.drop_constraint(op.f('ck_amendment_amendment_kind'), type_='check')
        batch_op.create_check_constraint('amendment_kind', _kinds_check(OLD_KINDS))
    with op.batch_alter_table('paragraph_version', schema=None) as batch_op:
        batch_op.drop_column('footnotes')
