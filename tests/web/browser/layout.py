"""What a reader sees of a page's layout, measured in the browser: whether the navigation
bar stays on one line, whether the page runs off the side of the screen, and how well the
keyboard's focus outline stands out."""

from __future__ import annotations

from typing import Any

DESKTOP, PHONE = 1280, 390

# The bottom of the highest item against the top of the lowest: items on one row overlap
# vertically (however tall each is), items wrapped onto a second row do not.
_ONE_ROW = """selector => {
  const items = [...document.querySelectorAll(selector)].filter(el => el.offsetParent !== null);
  const boxes = items.map(el => el.getBoundingClientRect());
  return {
    lowestTop: Math.max(...boxes.map(b => b.top)),
    highestBottom: Math.min(...boxes.map(b => b.bottom)),
    items: items.map((el, i) => `${el.textContent.trim().split(/\\s+/).join(" ")}@${boxes[i].top}`),
  };
}"""

# The page's own width against the window's, and what sticks out (to say what to fix).
_OVERFLOW = """() => {
  const root = document.documentElement, width = root.clientWidth;
  const wider = [...document.body.querySelectorAll("*")].filter(el => {
    const box = el.getBoundingClientRect();
    return box.right > width + 1 && !el.closest(".table-scroll");
  }).slice(0, 5).map(el => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`);
  return {scrollWidth: root.scrollWidth, clientWidth: width, wider};
}"""


def assert_nav_on_one_line(page: Any, *, links: bool = True) -> None:
    """Every link of the navigation bar on one row, and the line above it (the tracker, the
    negotiation, who is signed in) on one row too. (``links=False``: a page without links,
    as the list of negotiations is for all but the administrator.)"""
    for what, selector in (("navigation bar", "header.top nav li"),
                           ("masthead", "header.top .masthead > *")):
        found = page.evaluate(_ONE_ROW, selector)
        if not found["items"] and what == "navigation bar" and not links:
            continue
        assert found["items"], f"no {what} on {page.url}"
        assert found["lowestTop"] < found["highestBottom"], (
            f"the {what} wraps at {page.viewport_size['width']} px: {found['items']}")


def assert_no_sideways_scroll(page: Any) -> None:
    """The page is no wider than the window (a table may scroll inside its own box)."""
    found = page.evaluate(_OVERFLOW)
    assert found["scrollWidth"] <= found["clientWidth"], (
        f"{page.url} is {found['scrollWidth']} px wide in a {found['clientWidth']} px "
        f"window; sticking out: {found['wider']}")


# Each region a table scrolls in, and what makes it one a keyboard can reach and a screen
# reader names.
_SCROLL_REGIONS = """() => [...document.querySelectorAll(".table-scroll")].map(el => ({
  tabindex: el.getAttribute("tabindex"), role: el.getAttribute("role"),
  label: (el.getAttribute("aria-label") || "").trim(),
  table: (el.querySelector("table") || {}).className || "",
}))"""


def assert_tables_scroll_by_keyboard(page: Any) -> None:
    """Every box a table scrolls sideways in is focusable (tabindex 0), a region, and named:
    a keyboard can scroll it, and a screen reader says what it holds."""
    for region in page.evaluate(_SCROLL_REGIONS):
        assert (region["tabindex"], region["role"]) == ("0", "region") and region["label"], (
            f"a table's scrolling box on {page.url} cannot be scrolled by keyboard: {region}")


def at_width(page: Any, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})


def _luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0-255 channels)."""
    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: tuple[float, float, float], other: tuple[float, float, float]) -> float:
    """WCAG 2 contrast ratio, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The outline's colour of the focused element, and the background it is drawn on: the first
# ancestor (the outline sits outside the element, offset from it) with a colour of its own.
_FOCUS = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  const rgb = text => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const alpha = text => {
    const parts = text.match(/[\\d.]+/g);
    return parts.length > 3 ? +parts[3] : 1;
  };
  let under = el.parentElement;
  while (under && alpha(getComputedStyle(under).backgroundColor) === 0) under = under.parentElement;
  return {
    what: `${el.tagName.toLowerCase()} ${el.textContent.trim().slice(0, 30)}`,
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
    outline: rgb(style.outlineColor),
    background: under ? rgb(getComputedStyle(under).backgroundColor) : [255, 255, 255],
  };
}"""


def focus_outline(page: Any) -> dict[str, Any]:
    """The focused element's outline and the contrast it makes with what is behind it."""
    found = page.evaluate(_FOCUS)
    found["contrast"] = contrast(tuple(found["outline"]), tuple(found["background"]))
    return found
