"""Re-applying a delegation's proposal to a paragraph that changed since it was written:
clean only where every change still applies to words it saw, never in part."""

from negotiation.text.diffs import (
    DELETE,
    EQUAL,
    INSERT,
    Change,
    Rebase,
    has_changes,
    rebase,
    word_diff,
)
from tests.text.test_diffs import (
    FRENCH,
    FRENCH_PROPOSED,
    REQUEST,
    REQUEST_PROPOSED,
    SPANISH,
    SPANISH_PROPOSED,
)


def test_rebase_clean_when_another_clause_changed() -> None:
    current = REQUEST.replace(
        "within existing resources", "subject to the availability of extrabudgetary resources"
    )
    outcome = rebase(REQUEST, REQUEST_PROPOSED, current)
    assert outcome.status == "clean"
    assert outcome.text == current.replace("continue supporting", "strengthen its support for")
    assert outcome.changes == [
        Change(EQUAL, "To request the General Secretariat to "),
        Change(DELETE, "continue supporting"),
        Change(INSERT, "strengthen its support for"),
        Change(EQUAL, current.split("continue supporting", 1)[1]),
    ]


def test_rebase_clean_when_the_hunk_moved() -> None:
    # The hunk now starts over 40 tokens later than where the proposal was written.
    preamble = (
        "Recordando su resolución 10/2, de 12 de octubre de 2020, relativa al fortalecimiento "
        "de la cooperación internacional contra la delincuencia organizada transnacional, y "
    )
    outcome = rebase(SPANISH, SPANISH_PROPOSED, preamble + SPANISH)
    assert outcome.status == "clean"
    assert outcome.text == preamble + SPANISH_PROPOSED


LONG_CLAUSE = (
    ", and requests the secretariat to prepare, in close consultation with Member States and "
    "relevant regional organizations, a comprehensive report on the implementation of the present "
    "resolution, including information on good practices, challenges encountered and lessons "
    "learned, for consideration by the Conference of the Parties at its twelfth session"
)
DECIDES = "Decides to continue its work on this matter" + LONG_CLAUSE + ";"


def test_rebase_clean_with_a_deletion_longer_than_a_hunk() -> None:
    proposed = DECIDES.replace(LONG_CLAUSE, "")
    current = DECIDES.replace("Decides", "Also decides")
    outcome = rebase(DECIDES, proposed, current)
    assert (outcome.status, outcome.text) == (
        "clean",
        "Also decides to continue its work on this matter;",
    )


def test_rebase_conflict_when_the_middle_of_a_long_deletion_changed() -> None:
    # Only the two ends of a long deletion are matched as patterns; the middle changed.
    current = DECIDES.replace("good practices", "best practices")
    assert rebase(DECIDES, DECIDES.replace(LONG_CLAUSE, ""), current).status == "conflict"


def test_rebase_conflict_when_the_same_words_were_rewritten() -> None:
    current = REQUEST.replace("continue supporting", "continue to assist")
    assert rebase(REQUEST, REQUEST_PROPOSED, current) == Rebase("conflict", None, [])


def test_rebase_conflict_when_the_context_was_rewritten() -> None:
    current = REQUEST.replace("General Secretariat", "Executive Secretary")
    assert rebase(REQUEST, REQUEST_PROPOSED, current).status == "conflict"


def test_rebase_never_applies_part_of_a_proposal() -> None:
    proposed = REQUEST_PROPOSED.replace("next session", "eleventh session")
    current = REQUEST.replace("next session", "twelfth session")
    assert rebase(REQUEST, proposed, current) == Rebase("conflict", None, [])


def test_rebase_unchanged_when_current_is_the_base() -> None:
    outcome = rebase(FRENCH, FRENCH_PROPOSED, FRENCH)
    assert outcome.status == "unchanged"
    assert outcome.text == FRENCH_PROPOSED
    assert outcome.changes == word_diff(FRENCH, FRENCH_PROPOSED)


def test_rebase_of_a_new_paragraph() -> None:
    assert rebase("", FRENCH, "").text == FRENCH
    assert rebase("", FRENCH, SPANISH).status == "conflict"


def test_rebase_when_the_proposal_is_already_in_the_text() -> None:
    outcome = rebase(REQUEST, REQUEST_PROPOSED, REQUEST_PROPOSED)
    assert (outcome.status, outcome.text) == ("clean", REQUEST_PROPOSED)
    assert not has_changes(outcome.changes)
