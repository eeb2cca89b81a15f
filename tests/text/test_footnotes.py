"""A paragraph's footnotes follow their word through a new text, and are cut into the text
and into a word diff where their markers stand."""

from __future__ import annotations

from negotiation.text.diffs import DELETE, EQUAL, INSERT, Change, word_diff
from negotiation.text.footnotes import Footnote, carried, from_stored, marked_changes, pieces

TEXT = "Recalling its resolution 70/1 of 25 September 2015, and the Agenda,"
AT_2015 = TEXT.index("2015,") + len("2015,")
AT_AGENDA = TEXT.index("Agenda") + len("Agenda")
NOTES = (Footnote(AT_2015, "See A/RES/70/1."), Footnote(AT_AGENDA, "A/RES/70/1, annex."))


def test_a_note_moves_with_its_word_and_its_punctuation() -> None:
    new = "Recalling with satisfaction its resolution 70/1 of 25 September 2015, and the Agenda,"
    assert carried(TEXT, new, NOTES) == (
        Footnote(new.index("2015,") + 5, "See A/RES/70/1."),
        Footnote(new.index("Agenda") + 6, "A/RES/70/1, annex."))


def test_a_note_whose_word_is_gone_is_dropped() -> None:
    new = "Recalling its resolution 70/1, and the Agenda,"
    assert carried(TEXT, new, NOTES) == (Footnote(new.index("Agenda") + 6, "A/RES/70/1, annex."),)


def test_the_punctuation_stays_behind_when_the_new_text_drops_it() -> None:
    new = "Recalling its resolution 70/1 of 25 September 2015 and the Agenda"
    assert carried(TEXT, new, NOTES)[0] == Footnote(new.index("2015") + 4, "See A/RES/70/1.")


def test_stored_notes_are_checked() -> None:
    assert from_stored([{"at": 3, "text": " a  note "}, {"at": 999, "text": "x"},
                        {"at": 1, "text": ""}, "junk"], "abcdef") == (Footnote(3, "a note"),)
    assert from_stored("junk", "abc") == ()


def test_pieces_cut_the_text_at_the_markers() -> None:
    assert pieces("ab cd", (Footnote(2, "n"),)) == [("ab", None), ("", Footnote(2, "n")),
                                                      (" cd", None)]
    assert pieces("ab", ()) == [("ab", None)]


def test_markers_in_a_diff_count_the_newer_text_only() -> None:
    old = "Recalling its resolution of 2015,"
    new = "Recalling its resolution 70/1 of 2015,"
    note = Footnote(len(new), "n")
    marked = marked_changes(word_diff(old, new), (note,))
    assert marked[-1] == note
    assert "".join(c.text for c in marked if isinstance(c, Change) and c.op != DELETE) == new
    split = marked_changes([Change(EQUAL, "ab "), Change(DELETE, "x"), Change(INSERT, "cd")],
                           (Footnote(4, "n"),))
    assert split == [Change(EQUAL, "ab "), Change(DELETE, "x"), Change(INSERT, "c"),
                     Footnote(4, "n"), Change(INSERT, "d")]
