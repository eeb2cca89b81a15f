"""``python -m negotiation.setup``: a cycle's calendar, caps and delegations by command.

    python -m negotiation.setup calendar --committee CSH --cycle 2023-2024
    python -m negotiation.setup add-date ... --kind meeting --at "2024-05-16 10:00" --title …
    python -m negotiation.setup move-date ... 7 --at "2024-04-26 23:59" --reason …
    python -m negotiation.setup export-caps ... [--output caps.toml]
    python -m negotiation.setup import-caps ... caps.toml
    python -m negotiation.setup member-states [--file states.toml]
    python -m negotiation.setup delegations ... [--admit URY JAM] [--drop PER]

Times are at headquarters (the negotiation's time zone). Acts are recorded under --by.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from negotiation.actors import Actor
from negotiation.draft.caprules import rule_set_of
from negotiation.enums import MilestoneKind, Role
from negotiation.errors import NegotiationError
from negotiation.models import Milestone, Negotiation, Section
from negotiation.people.appointments import participating_delegations
from negotiation.record.clock import clock_from_setting, format_moment
from negotiation.record.database import database_url, make_engine, make_session_factory
from negotiation.setup.calendar import (
    KIND_LABELS,
    MilestoneChange,
    add_milestone,
    calendar_of,
    change_milestone,
    local_moment,
)
from negotiation.setup.caps import import_rules
from negotiation.setup.delegations import (
    MEMBER_STATES,
    choose_participants,
    load_member_states,
    member_states,
)
from rules.files import RulesFileError, dump_rules, parse_rules


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m negotiation.setup",
                                     description="A cycle's calendar and caps.")
    parser.add_argument("--database", default=None, help="database URL (default: configured)")
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--committee", required=True, help="e.g. CSH")
        sub.add_argument("--cycle", required=True, help="e.g. 2023-2024")
        sub.add_argument("--by", default="Secretariat (command line)",
                         help="who acts, as the record will name them")
        return sub

    command("calendar", "list the dates, with the number and version to change one")
    add = command("add-date", "add a deadline, a circulation or a meeting")
    add.add_argument("--kind", required=True, choices=[k.value for k in MilestoneKind])
    add.add_argument("--title", required=True)
    add.add_argument("--at", required=True, help='at headquarters, "2024-05-16 10:00"')
    add.add_argument("--section", default=None, help="a section's code (default: whole draft)")
    add.add_argument("--reason", default="", help="required for a date already past")
    move = command("move-date", "move a date, or give it a new title")
    move.add_argument("number", type=int, help="the date's number (see `calendar`)")
    move.add_argument("--at", default=None, help='at headquarters, "2024-04-26 23:59"')
    move.add_argument("--title", default=None)
    move.add_argument("--reason", default="", help="kept in the record; required for a "
                                                   "date already past")
    export = command("export-caps", "write the caps as a rules file (TOML)")
    export.add_argument("--output", type=Path, default=None, help="file (default: print)")
    imported = command("import-caps", "replace the caps by those of a rules file (TOML)")
    imported.add_argument("file", type=Path)
    states = commands.add_parser("member-states",
                                 help="bring the organization's member states up to date")
    states.add_argument("--file", type=Path, default=MEMBER_STATES,
                        help="a list in the format of negotiation/setup/member_states.toml")
    taking_part = command("delegations", "list, admit or let go of the delegations taking part")
    taking_part.add_argument("--admit", nargs="*", default=[], metavar="CODE")
    taking_part.add_argument("--drop", nargs="*", default=[], metavar="CODE")
    return parser


def _negotiation(session: Session, committee: str, cycle: str) -> Negotiation:
    found = session.scalars(select(Negotiation).where(
        Negotiation.committee == committee, Negotiation.cycle == cycle)).first()
    if found is None:
        raise NegotiationError("There is no negotiation %(committee)s %(cycle)s.",
                               committee=committee, cycle=cycle)
    return found


def _section(session: Session, negotiation: Negotiation, code: str | None) -> Section | None:
    if code is None:
        return None
    found = session.scalars(select(Section).where(
        Section.negotiation_id == negotiation.id, Section.code == code)).first()
    if found is None:
        raise NegotiationError("There is no section %(code)r in %(symbol)s.",
                               code=code, symbol=negotiation.symbol)
    return found


def _delegations(session: Session, negotiation: Negotiation, actor: Actor,
                 args: argparse.Namespace, now: datetime) -> str:
    states = {d.code: d for d in member_states(session)}
    current = {d.id for d in participating_delegations(session, negotiation)}
    if args.admit or args.drop:
        unknown = [c for c in (*args.admit, *args.drop) if c not in states]
        if unknown:
            raise NegotiationError("Not member states of the organization: %(codes)s.",
                                   codes=", ".join(unknown))
        chosen = (current | {states[c].id for c in args.admit}) - {states[c].id for c in args.drop}
        choose_participants(session, negotiation, actor, chosen, current, now)
    taking_part = participating_delegations(session, negotiation)
    return f"{len(taking_part)} delegation(s) take part: " + ", ".join(
        d.code for d in taking_part)


def _run(session: Session, args: argparse.Namespace) -> str:
    if args.command == "member-states":
        known = load_member_states(session, args.file)
        return f"The organization's list holds {len(known)} member states."
    negotiation = _negotiation(session, args.committee, args.cycle)
    actor = Actor(Role.SECRETARIAT, args.by)
    now = clock_from_setting().now()
    zone = negotiation.zone
    if args.command == "calendar":
        return "\n".join(
            f"{m.id:>4}  v{m.version}  {format_moment(m.at, zone)}  {KIND_LABELS[m.kind]}: "
            f"{m.title}" + (f" ({m.section.title})" if m.section else "")
            for m in calendar_of(session, negotiation)) or "No dates yet."
    if args.command == "add-date":
        added = add_milestone(session, negotiation, actor, MilestoneChange(
            MilestoneKind(args.kind), args.title, local_moment(args.at, negotiation),
            _section(session, negotiation, args.section)), now, reason=args.reason)
        return f"Added date {added.id}: {added.title}, {format_moment(added.at, zone)}."
    if args.command == "move-date":
        milestone = session.get(Milestone, args.number)
        if milestone is None or milestone.negotiation_id != negotiation.id:
            raise NegotiationError("There is no date %(number)s in %(symbol)s.",
                                   number=args.number, symbol=negotiation.symbol)

        at = local_moment(args.at, negotiation) if args.at else milestone.at
        change_milestone(session, negotiation, actor, milestone, MilestoneChange(
            milestone.kind, args.title or milestone.title, at, milestone.section),
            written_on=milestone.version, reason=args.reason, now=now)
        return f"Date {milestone.id} now: {milestone.title}, {format_moment(milestone.at, zone)}."
    if args.command == "delegations":
        return _delegations(session, negotiation, actor, args, now)
    if args.command == "export-caps":
        text = dump_rules(rule_set_of(session, negotiation))
        if args.output is None:
            return text.rstrip("\n")
        args.output.write_text(text, encoding="utf-8")
        return f"Caps written to {args.output}."
    caps = import_rules(session, negotiation, actor,
                        parse_rules(args.file.read_text(encoding="utf-8"),
                                    default_name=args.file.stem), now)
    return f"{len(caps)} rule(s) imported from {args.file}; the caps before were replaced."


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    engine = make_engine(args.database or database_url())
    try:
        with make_session_factory(engine)() as session, session.begin():
            print(_run(session, args))
    except (NegotiationError, RulesFileError, OSError) as exc:
        print(f"Refused: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
