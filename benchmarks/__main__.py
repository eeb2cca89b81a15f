"""``python -m benchmarks``: run every measure (each module ``benchmarks/measure_*.py``) and
print, for each figure, ours, the baseline or peer, and the ratio, median of repeats.

    python -m benchmarks                       # every measure at 1x, 3x and 10x
    python -m benchmarks --scales 1 --only documents --repeat 3
    python -m benchmarks.cycle 10              # build (or find) the 10x cycle alone
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from pathlib import Path

from benchmarks.harness import Bench

HERE = Path(__file__).resolve().parent


def measures() -> list[str]:
    """The measure modules, in name order."""
    return sorted(m.name for m in pkgutil.iter_modules([str(HERE)])
                  if m.name.startswith("measure_"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 3, 10],
                        help="scale factors of the synthetic cycle (default: 1 3 10)")
    parser.add_argument("--repeat", type=int, default=5, help="repeats per figure (median)")
    parser.add_argument("--only", default="", help="run the measures whose name contains this")
    args = parser.parse_args(argv)
    bench = Bench(scales=tuple(args.scales), repeat=args.repeat)
    print(f"Median of {args.repeat} repeats, ours and the peer alternately in the same run; "
          "ours/peer below 1 means ours is faster.", flush=True)
    for name in measures():
        if args.only and args.only not in name:
            continue
        print(f"\n== {name.removeprefix('measure_').replace('_', ' ')}", flush=True)
        importlib.import_module(f"benchmarks.{name}").measure(bench)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
