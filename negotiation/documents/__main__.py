"""``python -m negotiation.documents``: write the comparison documents from the configured database.

    python -m negotiation.documents comparison --format docx --out rev1.docx [--section CODE]
        [--delegation MEX] [--revision N] [--language es]
    python -m negotiation.documents revisions --from 0 --to 1 --format pdf --out changes.pdf
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.calendar.rehearsal import reading
from negotiation.documents.filters import comparison_for, revisions_for
from negotiation.documents.formats import FORMATS, render_comparison, render_revisions
from negotiation.documents.pdf import ConversionFailed
from negotiation.errors import NegotiationError
from negotiation.models import Negotiation
from negotiation.record.clock import clock_from_setting
from negotiation.record.database import database_url, make_engine, make_session_factory
from negotiation.text.languages import DEFAULT_LANGUAGE, LANGUAGES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m negotiation.documents")
    parser.add_argument("--database", default=None, help="database URL (default: configured)")
    parser.add_argument("--committee", default=None, help="committee code, e.g. CSH")
    parser.add_argument("--cycle", default=None, help="cycle, e.g. 2023-2024 (default: latest)")
    commands = parser.add_subparsers(dest="command", required=True)
    comparison = commands.add_parser("comparison", help="the consolidated comparison text")
    comparison.add_argument("--section", default=None, help="one section, by its code")
    comparison.add_argument("--delegation", default=None, help="one delegation, e.g. MEX")
    comparison.add_argument("--revision", type=int, default=None,
                            help="as circulated in revision N (default: the draft as it stands)")
    revisions = commands.add_parser("revisions", help="compare two revisions")
    revisions.add_argument("--from", dest="rev_from", type=int, required=True)
    revisions.add_argument("--to", dest="rev_to", type=int, required=True)
    for sub in (comparison, revisions):
        sub.add_argument("--format", choices=FORMATS, required=True)
        sub.add_argument("--out", type=Path, required=True, help="file to write")
        sub.add_argument("--language", choices=tuple(LANGUAGES), default=DEFAULT_LANGUAGE,
                         help="the language of the document's own words (default: en)")
    return parser


def _negotiation(session: Session, committee: str | None, cycle: str | None) -> Negotiation:
    query = select(Negotiation).order_by(Negotiation.id.desc())
    if committee:
        query = query.where(Negotiation.committee == committee)
    if cycle:
        query = query.where(Negotiation.cycle == cycle)
    negotiation = session.scalars(query).first()
    if negotiation is None:
        raise NegotiationError("No negotiation found in the database (load one first).")
    return negotiation


def _document(session: Session, args: argparse.Namespace) -> bytes:
    negotiation = _negotiation(session, args.committee, args.cycle)
    if args.command == "revisions":
        compared = revisions_for(session, negotiation,
                                 {"from": str(args.rev_from), "to": str(args.rev_to)},
                                 args.language)
        return render_revisions(compared, args.format)
    filters = {"section": args.section or "", "delegation": (args.delegation or "").upper(),
               "revision": "" if args.revision is None else str(args.revision)}
    moment = reading(session, clock_from_setting(), negotiation)
    text = comparison_for(session, negotiation, moment, filters, args.language)
    return render_comparison(text, args.format)


def main(argv: list[str] | None = None) -> int:
    """Write the document asked for; exit 1 with the reason when it cannot be made."""
    args = _parser().parse_args(argv)
    engine = make_engine(args.database or database_url())
    try:
        # Reading only: the transaction is rolled back when the session closes.
        with make_session_factory(engine)() as session:
            content = _document(session, args)
    except (NegotiationError, ConversionFailed) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    args.out.write_bytes(content)
    print(f"Wrote {args.out} ({len(content)} bytes).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
