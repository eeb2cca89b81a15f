"""Comments and supports follow their paragraph's outcome: the noted state, and the remarks
left open on paragraphs already approved, deleted by agreement or withdrawn are noted, as of
that decision.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 00:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

OLD_STATES = ('submitted', 'withdrawn', 'accepted', 'settled', 'not_retained', 'superseded')
NEW_STATES = (*OLD_STATES, 'noted')


def _states_check(states: tuple[str, ...]) -> str:
    return 'state IN (' + ', '.join(f"'{s}'" for s in states) + ')'


# revision identifiers, used by Alembic.
revision: str = '0019'
down_revision: Union[str, Sequence[str], None] = '0018'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The decision's moment is the record's entry for it (the last one, should it have been
# reopened and decided again).
_DECIDED_AT = (
    "(SELECT max(r.at) FROM record_entry r WHERE r.subject = 'paragraph:' || "
    "CAST(amendment.paragraph_id AS VARCHAR) AND r.action = '{action}')"
)


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_amendment_amendment_state'), type_='check')
        batch_op.create_check_constraint('amendment_state', _states_check(NEW_STATES))
    # A withdrawn paragraph went with its proposal: its moment is the proposal's.
    withdrawn_at = ("(SELECT max(n.resolved_at) FROM amendment n WHERE n.paragraph_id = "
                    "amendment.paragraph_id AND n.kind = 'new')")
    for paragraph_state, decided_at, note in (
        ('approved', _DECIDED_AT.format(action='approve'), 'The paragraph was approved'),
        ('deleted', _DECIDED_AT.format(action='delete_by_agreement'),
         'The paragraph was deleted by agreement'),
        ('withdrawn', withdrawn_at, 'The paragraph was withdrawn by its proposer'),
    ):
        op.execute(sa.text(
            "UPDATE amendment SET state = 'noted', resolution_note = :note, "
            f"resolved_at = COALESCE({decided_at}, amendment.submitted_at), "
            "row_version = row_version + 1 "
            "WHERE state = 'submitted' AND kind IN ('comment', 'support') AND paragraph_id IN "
            "(SELECT id FROM paragraph WHERE state = :paragraph_state)"
        ).bindparams(note=note, paragraph_state=paragraph_state))


def downgrade() -> None:
    """Downgrade schema."""
    op.execute("UPDATE amendment SET state = 'submitted', resolved_at = NULL, "
               "resolution_note = '' WHERE state = 'noted'")
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_amendment_amendment_state'), type_='check')
        batch_op.create_check_constraint('amendment_state', _states_check(OLD_STATES))
