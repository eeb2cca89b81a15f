"""Every box a table scrolls sideways in, on every page, can be scrolled by keyboard and is
named for screen readers (the browser tests measure the pages a phone opens most)."""

from __future__ import annotations

import re
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "web"
_SCROLL_BOX = re.compile(r'<div class="table-scroll"([^>]*)>')


def test_every_table_scroll_region_is_focusable_and_named() -> None:
    found, wrong = 0, []
    for template in sorted(WEB.rglob("templates/**/*.html")):
        for attributes in _SCROLL_BOX.findall(template.read_text(encoding="utf-8")):
            found += 1
            if not ('tabindex="0"' in attributes and 'role="region"' in attributes
                    and re.search(r'aria-label="[^"]+"', attributes)):
                wrong.append(f"{template.relative_to(WEB)}: {attributes!r}")
    assert found >= 10, "the pages' tables were not found"
    assert not wrong, wrong
