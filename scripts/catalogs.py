"""Extract, update and check the catalogs; see scripts/catalogs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "negotiation" / "translations"
TEMPLATE = CATALOGS / "messages.pot"
TRANSLATED = ("es", "fr", "pt")
# Functions whose first argument is a message: gettext's, the domain's marker, and every
# refusal the domain raises (its message is the catalog's entry, its parameters apart).
KEYWORDS = (
    "_", "gettext", "ngettext:1,2", "lazy_gettext", "lazy_ngettext:1,2", "pgettext:1c,2",
    "N_", "NegotiationError", "RefusedTransition", "DraftChanged", "DeadlinePassed",
    "NotPermitted", "StaleEdit", "InvalidSubmission", "ImmutableRecord", "NeedsConfirmation",
    "InvalidSetting", "NegotiationClosed", "ResetLimited", "ResetRefused", "InvitationRefused",
    "InvalidAddress", "VerificationRefused", "SignInLocked",
)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]")


def _pybabel(*args: str) -> str:
    """Run pybabel; what it warned of (an f-string it could not extract, say)."""
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "pybabel"), "-q", *args], check=True,
                          cwd=ROOT, capture_output=True, text=True)
    return done.stderr


def extract(into: Path) -> list[str]:
    """Extract the code's messages into ``into``; the lines of the ones it had to skip."""
    keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    warned = _pybabel("extract", "-F", "babel.cfg", "--no-default-keywords", *keywords,
             "--add-comments=Translators:", "--sort-output", "--no-location", "--omit-header",
             "--width=100", "-o", str(into), ".")
    return [line.replace(str(ROOT) + "/", "") for line in warned.splitlines()
            if "warning" in line]


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=locale)


def update() -> int:
    for line in extract(TEMPLATE):
        print(line)
    for language in TRANSLATED:
        po = CATALOGS / language / "LC_MESSAGES" / "messages.po"
        if po.exists():
            _pybabel("update", "-i", str(TEMPLATE), "-o", str(po), "-l", language,
                     "--no-fuzzy-matching", "--ignore-obsolete", "--omit-header",
                     "--width=100")
        else:
            _pybabel("init", "-i", str(TEMPLATE), "-o", str(po), "-l", language, "--width=100")
    return 0


def fill(sources: list[str], replace: bool = False) -> int:
    """Fill the languages' empty entries from JSON files of translations:
    ``{"msgid": {"es": "...", "fr": "...", "pt": "..."}}``, a plural's forms as a list
    (singular first); an entry translated already is left as it is, unless ``replace``
    (a wording corrected)."""
    from babel.messages.pofile import write_po

    merged: dict[str, dict[str, str | list[str]]] = {}
    for source in sources:
        for message_id, versions in json.loads(Path(source).read_text()).items():
            merged.setdefault(message_id, {}).update(versions)
    for language in TRANSLATED:
        path = CATALOGS / language / "LC_MESSAGES" / "messages.po"
        catalog = _read(path, language)
        filled = 0
        for message in catalog:
            if not message.id:
                continue
            key = str(message.id[0] if isinstance(message.id, tuple) else message.id)
            given = merged.get(key, {}).get(language)
            if not given:
                continue
            if isinstance(message.id, tuple):
                forms = [given] if isinstance(given, str) else list(given)
                if any(message.string) and not replace:
                    continue
                # As many forms as the language has (Spanish and French have a third, for
                # millions): the plural stands for the forms past the first.
                message.string = tuple(forms[min(i, len(forms) - 1)]
                                       for i in range(catalog.num_plurals))
            elif not message.string or replace:
                message.string = given if isinstance(given, str) else given[0]
            else:
                continue
            message.flags.discard("fuzzy")
            filled += 1
        with path.open("wb") as po:
            write_po(po, catalog, width=100, omit_header=False)
        print(f"{language}: {filled} entries filled")
    return 0


def _key(message_id: str | tuple[str, ...]) -> str:
    """A message's key: its msgid, a plural's singular."""
    return str(message_id[0] if isinstance(message_id, tuple) else message_id)


def _ids(catalog: Catalog) -> set[str]:
    return {_key(message.id) for message in catalog if message.id}


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def check() -> int:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch, "messages.pot")
        # A message written as an f-string cannot be translated: its words are not the
        # catalog's (write "%(name)s" and pass the parameter).
        problems.extend(extract(fresh))
        in_code, committed = _ids(_read(fresh)), _ids(_read(TEMPLATE))
    for message in sorted(in_code - committed):
        problems.append(f"messages.pot lacks a message of the code: {message!r}")
    for message in sorted(committed - in_code):
        problems.append(f"messages.pot holds a message the code no longer has: {message!r}")
    for language in TRANSLATED:
        catalog = _read(CATALOGS / language / "LC_MESSAGES" / "messages.po", language)
        found = {_key(m.id): m for m in catalog if m.id}
        for message_id in sorted(in_code):
            message = found.get(message_id)
            strings = ([] if message is None else
                       list(message.string) if isinstance(message.string, tuple)
                       else [message.string])
            if message is None or not all(strings):
                problems.append(f"{language}: untranslated: {message_id!r}")
            elif message.fuzzy:
                problems.append(f"{language}: fuzzy: {message_id!r}")
            else:
                # A plural's forms may each leave out the count ("one paragraph"), but
                # never name a parameter the English does not have.
                sources = list(message.id) if isinstance(message.id, tuple) else [message_id]
                allowed = {p for source in sources for p in _placeholders(source)}
                for string in strings:
                    used = _placeholders(string)
                    if (set(used) - allowed or (not isinstance(message.id, tuple)
                            and used != _placeholders(message_id))):
                        problems.append(f"{language}: placeholders differ: {message_id!r} "
                                        f"-> {string!r}")
    for problem in problems:
        print(problem)
    print(f"catalogs: {len(in_code)} messages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1:3] == ["fill", "--replace"] and len(sys.argv) > 3:
        sys.exit(fill(sys.argv[3:], replace=True))
    if sys.argv[1:2] == ["fill"] and len(sys.argv) > 2:
        sys.exit(fill(sys.argv[2:]))
    commands = {"update": update, "check": check}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(__doc__ + " usage: scripts/catalogs update|check|fill [--replace] FILE.json...")
    sys.exit(commands[sys.argv[1]]())
