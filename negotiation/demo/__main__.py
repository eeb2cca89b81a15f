"""``python -m negotiation.demo load``: load the 2023-2024 CSH cycle into the database."""

from __future__ import annotations

import argparse

from negotiation.demo.loader import load_cycle, load_demo_accounts, load_next_cycle
from negotiation.record.clock import clock_from_setting
from negotiation.record.database import database_url, make_engine, make_session_factory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m negotiation.demo")
    parser.add_argument("command", choices=["load"], help="load the demo cycle once")
    parser.add_argument("--database", default=None, help="database URL (default: configured)")
    args = parser.parse_args(argv)
    engine = make_engine(args.database or database_url())
    with make_session_factory(engine)() as session, session.begin():
        negotiation = load_cycle(session)
        print(f"Demo negotiation ready: {negotiation.title} ({negotiation.symbol}, "
              f"{negotiation.cycle}).")
        created = load_demo_accounts(session, clock_from_setting().now())
        if created:
            print(f"Demo accounts created (password csh-demo-<username>): {', '.join(created)}.")
        following = load_next_cycle(session, negotiation, clock_from_setting().now())
        print(f"Next cycle ready for its first draft: {following.committee} "
              f"{following.cycle} ({following.symbol}).")
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
