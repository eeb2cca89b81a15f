"""The process's vocabulary of words, which the word diff encodes texts through."""

import pytest

from negotiation.text import wordtokens
from negotiation.text.diffs import DELETE, EQUAL, INSERT, Change, word_diff
from negotiation.text.wordtokens import TOKEN, NotInVocabulary, Vocabulary, vocabulary

BASE = "Calls upon Member States to adopt comprehensive national legislation, in line with it;"
PROPOSED = "Calls upon Member States to consider, as appropriate, national laws, in line with it;"
EXPECTED = [
    Change(EQUAL, "Calls upon Member States to "),
    Change(DELETE, "adopt comprehensive"),
    Change(INSERT, "consider, as appropriate,"),
    Change(EQUAL, " national "),
    Change(DELETE, "legislation"),
    Change(INSERT, "laws"),
    Change(EQUAL, ", in line with it;"),
]


def test_a_text_is_encoded_one_stand_in_per_token() -> None:
    words = Vocabulary()
    text = "l\u2019Organisation, les États membres et les co-sponsors."
    encoded = words.encode(text)
    assert len(encoded) == len(TOKEN.findall(text))
    assert "".join(map(words.token, encoded)) == text
    # The same words get the same stand-ins in every text.
    assert words.encode("les États") == words.encode("les") + words.space + words.encode("États")


@pytest.mark.parametrize("text", ["two  spaces", "a line\n and another", "tab\t end"])
def test_text_that_spaces_do_not_split_into_tokens_is_refused(text: str) -> None:
    with pytest.raises(NotInVocabulary):
        Vocabulary().encode(text)


def test_a_full_vocabulary_gives_way_to_a_new_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordtokens, "_MOST_CHUNKS", 5)
    full = vocabulary()
    for word in ("one", "two", "three", "four", "five", "six"):
        assert word_diff(f"{word} of us", f"{word}s of us") == [
            Change(DELETE, word), Change(INSERT, f"{word}s"), Change(EQUAL, " of us")]
    assert vocabulary() is not full
    assert word_diff(BASE, PROPOSED) == EXPECTED


def test_texts_the_vocabulary_refuses_are_diffed_alike() -> None:
    assert word_diff(BASE.replace(" with", "  with"), PROPOSED.replace(" with", "  with")) == [
        *EXPECTED[:-1], Change(EQUAL, ", in line  with it;")]
