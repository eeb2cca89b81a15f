"""The navigation bar's links; other blueprints (e.g. documents) add theirs with one call."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app
from flask_babel import LazyString


@dataclass(frozen=True)
class NavLink:
    """A link in the top navigation, shown to the roles named (all signed-in users if empty);
    a negotiation's links only on its pages, the installation's links everywhere."""

    endpoint: str
    #: Lazy: read in the language of each page that shows it.
    label: str | LazyString
    roles: tuple[str, ...] = ()
    in_negotiation: bool = True

    def shown_to(self, role: str | None, in_negotiation: bool) -> bool:
        if self.in_negotiation and not in_negotiation:
            return False
        return role is not None and (not self.roles or role in self.roles)


def add_nav_link(app: Flask, link: NavLink) -> None:
    """Add a link to the navigation bar of every page."""
    app.config["NAV_LINKS"].append(link)


def nav_links(role: str | None, in_negotiation: bool) -> list[NavLink]:
    """The links the reader sees: the negotiation's own first, then the installation's."""
    links = sorted(current_app.config["NAV_LINKS"], key=lambda link: not link.in_negotiation)
    return [link for link in links if link.shown_to(role, in_negotiation)]


def init_app(app: Flask) -> None:
    app.add_template_global(nav_links, "nav_links")
