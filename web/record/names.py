"""The record's acts and roles as its page names them.

An entry keeps its act and its author's role as codes (``proposal_accepted``, ``chair``);
the page shows them in words, in its reader's language. The English words are the codes'
own, so a page in English reads as it always did; an act not listed here shows its code's
words untranslated.
"""

from __future__ import annotations

from negotiation.text.languages import N_

#: Every act the record keeps, in the words the page shows ("proposal accepted").
ACTS = (
    N_("account created"), N_("account restored"), N_("account suspended"),
    N_("api token created"), N_("appointment ended"), N_("approve"),
    N_("cap added"), N_("cap changed"), N_("cap removed"), N_("caps imported"),
    N_("comment replied"), N_("compromise text"), N_("cosponsor invited"),
    N_("cosponsor invitation accepted"), N_("cosponsor invitation declined"),
    N_("cosponsor invitation pending"),
    N_("delete by agreement"), N_("draft carried over"), N_("draft imported"),
    N_("draft paragraph added"), N_("draft paragraph changed"), N_("draft paragraph moved"),
    N_("draft paragraph removed"), N_("draft section added"), N_("draft section changed"),
    N_("draft section moved"), N_("draft section removed"), N_("find consensus"),
    N_("invitation resent"), N_("invitation revoked"), N_("late leave granted"),
    N_("mail address changed"), N_("mark amended"), N_("milestone added"),
    N_("milestone changed"), N_("milestone moved"), N_("milestone removed"),
    N_("negotiation closed"), N_("negotiation created"), N_("participants chosen"),
    N_("password reset"), N_("person appointed"), N_("person invited"),
    N_("proposal accepted"), N_("proposal joined"), N_("proposal left"), N_("proposal new"),
    N_("proposal rebase conflict"), N_("proposal rebased"), N_("proposal revised"),
    N_("proposal set aside"), N_("proposal settled"), N_("proposal withdrawn"),
    N_("rehearsal clock moved"), N_("reopen"), N_("resume"), N_("return to consultations"),
    N_("revision circulated"), N_("sign in locked"), N_("sign in unlocked"), N_("withdraw"),
)

#: Each role as the record names its author's ("chair"), lower-case as it always read.
ROLES = {
    "admin": N_("admin"),
    "chair": N_("chair"),
    "secretariat": N_("secretariat"),
    "delegation": N_("delegation"),
    "entity": N_("entity"),
    "observer": N_("observer"),
    "system": N_("system"),
}


def act_words(action: str) -> str:
    """The act's code in words, in English ("proposal_accepted" -> "proposal accepted")."""
    return action.replace("_", " ")
