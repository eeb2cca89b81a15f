"""The domain's refusals read in the reader's language, their parameters filled in, and are
all written so that the catalogs can hold them (no message built before it is raised)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from negotiation.draft.lifecycle import Facts, fire_amendment, fire_paragraph
from negotiation.enums import AmendmentState, ParagraphState
from negotiation.errors import NegotiationError, RefusedTransition, Term
from negotiation.text.languages import translations
from negotiation.text.textcheck import checked_text

ROOT = Path(__file__).resolve().parents[2]

#: The refusals' classes: their first argument is the catalog's entry (scripts/catalogs).
REFUSALS = {
    "NegotiationError", "RefusedTransition", "DraftChanged", "DeadlinePassed", "NotPermitted",
    "StaleEdit", "InvalidSubmission", "ImmutableRecord", "NeedsConfirmation", "InvalidSetting",
    "NegotiationClosed", "ResetLimited", "ResetRefused", "InvitationRefused", "InvalidAddress",
    "VerificationRefused", "SignInLocked", "RulesFileError",
}
#: Helpers that carry a refusal's message to its raise (marked N_ where it is written).
CARRIERS = {"N_", "require", "require_chair", "saved_alone"}


def _spanish(error: NegotiationError) -> str:
    return error.translated(translations("es").gettext)


class _Paragraph:
    def __init__(self, state: ParagraphState) -> None:
        self.state = state


class _Amendment:
    def __init__(self, state: AmendmentState) -> None:
        self.state = state


def test_a_refusal_reads_in_spanish_with_its_parameter_filled() -> None:
    message = "Approving it would breach the cap: %(breach)s."
    error = RefusedTransition(message, breach="12 operative paragraphs, at most 10")
    assert str(error) == "Approving it would breach the cap: 12 operative paragraphs, at most 10."
    spanish = _spanish(error)
    assert spanish != str(error)
    assert "12 operative paragraphs, at most 10" in spanish
    assert "%(" not in spanish


def test_a_state_in_a_refusal_is_translated_with_it() -> None:
    paragraph = _Paragraph(ParagraphState.APPROVED)
    with pytest.raises(RefusedTransition) as refused:
        fire_paragraph(paragraph, "approve", Facts())
    # The English stays what it always was: pages, logs and tests read it.
    assert str(refused.value) == "Cannot approve a paragraph that is approved."
    spanish = _spanish(refused.value)
    assert "aprobado" in spanish
    assert "approved" not in spanish


def test_a_proposal_state_is_translated_lowercase() -> None:
    amendment = _Amendment(AmendmentState.WITHDRAWN)
    with pytest.raises(RefusedTransition) as refused:
        fire_amendment(amendment, "accept", Facts())
    assert str(refused.value) == "Cannot accept a proposal that is withdrawn."
    assert "retirad" in _spanish(refused.value)


def test_a_field_and_a_place_are_translated_in_a_text_refusal() -> None:
    with pytest.raises(NegotiationError) as refused:
        checked_text("", "The comment", limit=10, required=True)
    assert str(refused.value) == "The comment is empty."
    assert "comentario" in _spanish(refused.value).lower()


def test_a_term_is_its_english_and_translates_its_own_parameters() -> None:
    term = Term("line %(line)s, column %(column)s", line=3, column=7)
    assert term == "line 3, column 7"
    assert Term("Consensus in principle", lower=True) == "consensus in principle"
    french = {"line %(line)s, column %(column)s": "ligne %(line)s, colonne %(column)s"}
    assert term.translated(lambda m: french.get(m, m)) == "ligne 3, colonne 7"
    error = RefusedTransition("At %(where)s.", where=term)
    assert error.translated(lambda m: french.get(m, m)) == "At ligne 3, colonne 7."


def _calls(path: Path) -> list[tuple[int, str, ast.Call]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = (func.id if isinstance(func, ast.Name)
                    else func.attr if isinstance(func, ast.Attribute) else "")
            if name in REFUSALS | CARRIERS:
                found.append((node.lineno, name, node))
    return found


def _domain_files() -> list[Path]:
    files = [*sorted((ROOT / "negotiation").rglob("*.py")), *sorted((ROOT / "rules").rglob("*.py"))]
    # The documents' texts are written for a document, not refused to a person.
    return [path for path in files if "documents" not in path.relative_to(ROOT).parts]


def test_no_refusal_is_written_as_an_f_string_or_built_beforehand() -> None:
    """pybabel cannot extract an f-string, nor a message concatenated or formatted before
    the raise: such a refusal would stay English in every language."""
    wrong = []
    for path in _domain_files():
        for line, name, call in _calls(path):
            where = f"{path.relative_to(ROOT)}:{line} {name}"
            if any(isinstance(node, ast.JoinedStr)
                   for arg in [*call.args, *call.keywords] for node in ast.walk(arg)):
                wrong.append(f"{where}: an f-string")
            first = call.args[0] if call.args else None
            if name in REFUSALS | {"N_"} and isinstance(first, ast.BinOp | ast.Call) and not (
                    isinstance(first, ast.Call) and isinstance(first.func, ast.Name)
                    and first.func.id == "N_"):
                wrong.append(f"{where}: a message built before the raise")
    assert wrong == []


def test_a_moment_in_a_refusal_is_written_in_the_readers_language() -> None:
    from datetime import UTC, datetime

    from negotiation.errors import DeadlinePassed
    from negotiation.record.clock import quoted_moment

    when = quoted_moment(datetime(2024, 4, 22, 3, 59, tzinfo=UTC), "America/New_York")
    error = DeadlinePassed("The deadline for submissions (%(title)s) passed on %(when)s. "
                           "Only the chair can accept a late submission.",
                           "Proposals", None, title="Proposals", when=when)
    assert str(error) == ("The deadline for submissions (Proposals) passed on 21 April 2024, "
                          "23:59 in Washington. Only the chair can accept a late submission.")
    spanish = error.translated(translations("es").gettext, "es")
    assert "21 de abril de 2024, 23:59 en Washington" in spanish
    assert "April" not in spanish
    # A quoted deadline ("Title, moment") carries its moment into the sentence around it.
    quoted = Term("%(title)s, %(when)s", title="Proposals", when=when)
    assert quoted.translated(translations("fr").gettext, "fr") == (
        "Proposals, 21 avril 2024, 23:59 à Washington")


def test_the_caps_report_and_its_breaches_read_in_the_readers_language() -> None:
    from datetime import date

    from rules.caps import CapRule, ParagraphShape, RuleSet, SectionShape, check_section

    rules = RuleSet("r", "2023-2024", (CapRule("item", date(2023, 9, 1), preambular=1,
                                               operative=3),))
    shape = SectionShape("tip", "item", "Trafficking", (
        ParagraphShape("p1", "preambular"), ParagraphShape("p2", "preambular"),
        ParagraphShape("1", "operative")))
    report = check_section(shape, rules, date(2024, 1, 1))
    assert report.summary == "preambular 2/1, operative 1/3"
    assert report.breaches == ["Trafficking: 2 preambular paragraphs, the cap is 1"]
    spanish = translations("es").gettext
    assert [p.translated(spanish) for p in report.summary_parts()] == [
        "preambulares 2/1", "resolutivos 1/3"]
    assert report.breaches[0].translated(spanish) == (
        "Trafficking: 2 párrafos preambulares; el límite es 1")


def test_a_paragraphs_spoken_name_reads_in_the_readers_language_in_a_message() -> None:
    from negotiation.record.wording import phrase, says, written

    name = Term("operative paragraph %(label)s", label="4 (a)")
    title = says("%(paragraph)s approved", paragraph=phrase(name, capitalised=True))
    assert written(title, "en") == "Operative paragraph 4 (a) approved"
    assert written(title, "es").startswith("Párrafo resolutivo 4 (a)")
