"""Where the pages of the tests' negotiation (CSH 2023-2024, as the world and the demo
build it) live: ``at("/draft/")`` is ``/csh/2023-2024/draft/``."""

PREFIX = "/csh/2023-2024"


def at(path: str) -> str:
    """The address of a page of the tests' negotiation."""
    return PREFIX + path
