"""Word-level diffs on hand-made English, Spanish and French paragraphs (rebasing:
test_rebase.py)."""

import json
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiation.text.diffs import (
    DELETE,
    EQUAL,
    INSERT,
    Change,
    base_text,
    diff_from_json,
    diff_to_json,
    has_changes,
    result_text,
    word_diff,
)
from negotiation.text.wordtokens import TOKEN

NBSP = "\u00a0"
NNBSP = "\u202f"

REQUEST = (
    "To request the General Secretariat to continue supporting Member States in the "
    "implementation of the Global Plan of Action to Combat Trafficking in Persons, and to report "
    "thereon to the Conference of the Parties at its next session, within existing resources;"
)
REQUEST_PROPOSED = REQUEST.replace("continue supporting", "strengthen its support for")

SPANISH = (
    "Reafirmar el compromiso de los Estados Miembros con la lucha contra la trata de personas, "
    "en particular de mujeres y niñas;"
)
SPANISH_PROPOSED = (
    "Reafirmar el firme compromiso de los Estados Miembros con la prevención y la lucha contra "
    "la trata de personas, en particular de mujeres, niñas y niños;"
)

FRENCH = (
    "Prie le Secrétariat général de l\u2019Organisation de continuer à fournir une assistance "
    f"technique aux États membres qui en font la demande{NBSP};"
)
FRENCH_PROPOSED = (
    "Prie le Secrétariat général de l\u2019Organisation de renforcer l\u2019assistance technique "
    "qu\u2019il fournit aux États membres qui en font la demande, notamment dans le cadre du "
    f"programme «{NNBSP}Justice pour tous{NNBSP}»{NBSP};"
)
FRENCH_PREAMBLE = (
    f"Rappelant sa résolution 12/3, intitulée «{NBSP}Renforcer la coopération{NBSP}»{NBSP}:"
)
FRENCH_PREAMBLE_PROPOSED = (
    f"Rappelant également sa résolution 12/3, intitulée «{NBSP}Renforcer la coopération "
    f"internationale{NBSP}»{NBSP}:"
)


def test_request_rewording_is_one_deletion_and_one_insertion() -> None:
    assert word_diff(REQUEST, REQUEST_PROPOSED) == [
        Change(EQUAL, "To request the General Secretariat to "),
        Change(DELETE, "continue supporting"),
        Change(INSERT, "strengthen its support for"),
        Change(EQUAL, REQUEST.split("continue supporting", 1)[1]),
    ]


def test_insertion_only() -> None:
    assert word_diff(
        "To encourage Member States to share best practices;",
        "To encourage Member States and relevant international organizations to share best "
        "practices;",
    ) == [
        Change(EQUAL, "To encourage Member States "),
        Change(INSERT, "and relevant international organizations "),
        Change(EQUAL, "to share best practices;"),
    ]


def test_deletion_only() -> None:
    assert word_diff(
        "Urges Member States, as a matter of priority, to ratify the Convention;",
        "Urges Member States to ratify the Convention;",
    ) == [
        Change(EQUAL, "Urges Member States"),
        Change(DELETE, ", as a matter of priority,"),
        Change(EQUAL, " to ratify the Convention;"),
    ]


def test_words_added_between_two_words_are_one_insertion() -> None:
    assert word_diff(
        "Urges all Member States to ratify the Convention;",
        "Urges all Member States to sign and ratify the Convention;",
    ) == [
        Change(EQUAL, "Urges all Member States to "),
        Change(INSERT, "sign and "),
        Change(EQUAL, "ratify the Convention;"),
    ]


def test_letters_added_to_a_word_replace_the_whole_word() -> None:
    assert word_diff(
        "Welcomes the report of the Secretary-General;",
        "Welcomes the reports of the Secretary-General;",
    ) == [
        Change(EQUAL, "Welcomes the "),
        Change(DELETE, "report"),
        Change(INSERT, "reports"),
        Change(EQUAL, " of the Secretary-General;"),
    ]


def test_runs_of_whitespace_are_whole_tokens() -> None:
    assert word_diff(
        "Takes note of the report\n\nof the Secretary-General;",
        "Takes note  of the reports\nof the Secretary-General;",
    ) == [
        Change(EQUAL, "Takes note"),
        Change(DELETE, " "),
        Change(INSERT, "  "),
        Change(EQUAL, "of the "),
        Change(DELETE, "report\n\n"),
        Change(INSERT, "reports\n"),
        Change(EQUAL, "of the Secretary-General;"),
    ]


def test_clause_rewrite_is_not_confetti() -> None:
    # The two clauses share "the", "of", "to" and spaces, which a plain diff would keep.
    assert word_diff(
        "Calls upon Member States to adopt comprehensive national legislation criminalizing "
        "all forms of trafficking in persons, in line with the Protocol;",
        "Calls upon Member States to consider, as appropriate, reviewing the adequacy of their "
        "domestic legal frameworks to address trafficking in persons, in line with the Protocol;",
    ) == [
        Change(EQUAL, "Calls upon Member States to "),
        Change(DELETE, "adopt comprehensive national legislation criminalizing all forms of"),
        Change(
            INSERT,
            "consider, as appropriate, reviewing the adequacy of their domestic legal "
            "frameworks to address",
        ),
        Change(EQUAL, " trafficking in persons, in line with the Protocol;"),
    ]


def test_a_word_is_replaced_whole_not_split() -> None:
    assert word_diff("Welcomes the report supporting it;", "Welcomes the report supported;") == [
        Change(EQUAL, "Welcomes the report "),
        Change(DELETE, "supporting it"),
        Change(INSERT, "supported"),
        Change(EQUAL, ";"),
    ]


def test_spanish_accents_and_enye() -> None:
    assert word_diff(SPANISH, SPANISH_PROPOSED) == [
        Change(EQUAL, "Reafirmar el "),
        Change(INSERT, "firme "),
        Change(EQUAL, "compromiso de los Estados Miembros con la "),
        Change(INSERT, "prevención y la "),
        Change(EQUAL, "lucha contra la trata de personas, en particular de mujeres"),
        Change(INSERT, ", niñas"),
        Change(EQUAL, " y "),
        Change(DELETE, "niñas"),
        Change(INSERT, "niños"),
        Change(EQUAL, ";"),
    ]


def test_french_operative_paragraph() -> None:
    assert word_diff(FRENCH, FRENCH_PROPOSED) == [
        Change(EQUAL, "Prie le Secrétariat général de l\u2019Organisation de "),
        Change(DELETE, "continuer à fournir une assistance technique"),
        Change(INSERT, "renforcer l\u2019assistance technique qu\u2019il fournit"),
        Change(EQUAL, " aux États membres qui en font la demande"),
        Change(INSERT, f", notamment dans le cadre du programme «{NNBSP}Justice pour tous{NNBSP}»"),
        Change(EQUAL, f"{NBSP};"),
    ]


def test_french_preambular_paragraph() -> None:
    assert word_diff(FRENCH_PREAMBLE, FRENCH_PREAMBLE_PROPOSED) == [
        Change(EQUAL, "Rappelant "),
        Change(INSERT, "également "),
        Change(EQUAL, f"sa résolution 12/3, intitulée «{NBSP}Renforcer la coopération"),
        Change(INSERT, " internationale"),
        Change(EQUAL, f"{NBSP}»{NBSP}:"),
    ]


def test_no_break_space_is_its_own_kind_of_whitespace() -> None:
    assert word_diff(f"Décide{NBSP}:", "Décide :") == [
        Change(EQUAL, "Décide"),
        Change(DELETE, NBSP),
        Change(INSERT, " "),
        Change(EQUAL, ":"),
    ]


@pytest.mark.parametrize(
    ("base", "proposed"),
    [
        (REQUEST, REQUEST_PROPOSED),
        (SPANISH, SPANISH_PROPOSED),
        (FRENCH, FRENCH_PROPOSED),
        (FRENCH_PREAMBLE, FRENCH_PREAMBLE_PROPOSED),
        (f"Décide{NBSP}:", f"Décide{NNBSP}:"),
        (
            "Notes the “Vienna Declaration” — adopted in 2023 — and the façade of consensus;",
            "Notes the “Vienna Declaration”\u2009\u2014 adopted in 2024 \u2014 with appreciation;",
        ),
        ("Toma nota del informe\n\ndel Secretario", "Toma nota  del informe\tdel Secretario"),
        ("Cafe\u0301 de l\u2019año", "Café de l\u2019an\u0303o"),
        ("", FRENCH),
        (SPANISH, ""),
    ],
)
def test_texts_survive_byte_for_byte(base: str, proposed: str) -> None:
    changes = word_diff(base, proposed)
    assert base_text(changes) == base
    assert result_text(changes) == proposed
    assert all(change.text for change in changes)
    assert all(a.op != b.op for a, b in pairwise(changes))


def test_identical_texts_have_no_changes() -> None:
    changes = word_diff(SPANISH, SPANISH)
    assert changes == [Change(EQUAL, SPANISH)]
    assert not has_changes(changes)


def test_empty_base_is_a_new_paragraph() -> None:
    changes = word_diff("", FRENCH)
    assert changes == [Change(INSERT, FRENCH)]
    assert has_changes(changes)
    assert word_diff("", "") == []


def test_more_distinct_words_than_the_first_private_use_area() -> None:
    words = [f"w{i}" for i in range(7000)]
    base = " ".join(words)
    proposed = base.replace(" w6999", " last")
    assert word_diff(base, proposed) == [
        Change(EQUAL, " ".join(words[:-1]) + " "),
        Change(DELETE, "w6999"),
        Change(INSERT, "last"),
    ]


def test_json_round_trip() -> None:
    changes = word_diff(FRENCH, FRENCH_PROPOSED)
    data = diff_to_json(changes)
    assert json.loads(data)[1] == [-1, "continuer à fournir une assistance technique"]
    assert diff_from_json(data) == changes
    assert diff_from_json(diff_to_json([])) == []


@pytest.mark.parametrize("data", [
    '{"op": 0}', '[[2, "x"]]', '[[0, "a", "b"]]', '[[true, "a"]]',
    # Not one list: text after it, two lists, a list cut short, nothing.
    '[[0, "a"]] [[1, "b"]]', '[[0, "a"]],[[1, "b"]]', '[[0, "a"]', '',
])
def test_json_rejects_anything_but_op_text_pairs(data: str) -> None:
    with pytest.raises(ValueError):
        diff_from_json(data)


_WORDS = st.sampled_from(["the", "member", "states", "États", "niñas", "to", "of", ",", ";",
                          " ", "  ", "\u00a0", "\n", "e\u0301", "2024", "«", "»", "-"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=40), st.lists(_WORDS, max_size=40))
def test_any_two_texts_come_back_whole_and_no_word_is_split(
    base_words: list[str], proposed_words: list[str]
) -> None:
    base, proposed = "".join(base_words), "".join(proposed_words)
    changes = word_diff(base, proposed)
    assert base_text(changes) == base and result_text(changes) == proposed
    assert all(c.text for c in changes)
    assert all(a.op != b.op for a, b in pairwise(changes))
    # A change starts and ends where a token does, in the text it belongs to.
    for text, skip in ((base, INSERT), (proposed, DELETE)):
        bounds = {0}
        for token in TOKEN.findall(text):
            bounds.add(max(bounds) + len(token))
        at = 0
        for change in changes:
            if change.op == skip:
                continue
            assert at in bounds
            at += len(change.text)
