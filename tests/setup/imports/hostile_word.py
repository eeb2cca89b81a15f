"""Hostile Word files, built small on disk, and a separate process that reads one as the
import does and reports what it cost: its answer, its seconds and its peak memory."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest

from tests.setup.imports.drafts import docx_of

_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
         b"<w:body>")
_TAIL = b"</w:body></w:document>"


def word_file(path: Path, paragraphs: Iterator[bytes], *, declared: int | None = None) -> Path:
    """A real .docx whose body is ``paragraphs`` (written as a stream); with ``declared``,
    the zip's headers claim the body is that many bytes."""
    with zipfile.ZipFile(BytesIO(docx_of([("", "To act.")]))) as model, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in model.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info, model.read(info))
        with archive.open("word/document.xml", "w", force_zip64=False) as body:
            body.write(_HEAD)
            for paragraph in paragraphs:
                body.write(paragraph)
            body.write(_TAIL)
    if declared is not None:
        _declare(path, "word/document.xml", declared)
    return path


def empty_paragraphs(count: int) -> Iterator[bytes]:
    """``count`` empty paragraphs, written a block at a time: built in a second or two."""
    block = 10_000
    return (b"<w:p/>" * block for _ in range(count // block))


def long_paragraphs(count: int, characters: int) -> Iterator[bytes]:
    """``count`` paragraphs of about ``characters`` characters each."""
    text = b"To urge member states " * (characters // 22)
    return (b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>" for _ in range(count))


#: The hostile files every reader of Word must refuse, with the words of their refusal: the
#: domain's import and the served app are both tried on each.
HOSTILE_FILES = pytest.mark.parametrize(("build", "refusal"), [
    # Millions of empty paragraphs in a file far within the size limits.
    (lambda path: word_file(path, empty_paragraphs(4_000_000)), "more than 20,000 paragraphs"),
    # 3,000 paragraphs of 4,000 characters: 12 million characters of text.
    (lambda path: word_file(path, long_paragraphs(3_000, 4_000)), "400,000 characters"),
    # A body that inflates to 600 MB while the zip's headers say 5,000 bytes.
    (lambda path: word_file(path, empty_paragraphs(100_000_000), declared=5_000),
     "unpacks to more than 40 MB|is damaged"),
], ids=["empty paragraphs", "text", "lying sizes"])


def _declare(path: Path, name: str, size: int) -> None:
    """Overwrite the part's uncompressed size in its local header and the central directory."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    local = info.header_offset
    data[local + 22:local + 26] = size.to_bytes(4, "little")
    position = 0
    while (central := data.find(b"PK\x01\x02", position)) != -1:
        length = int.from_bytes(data[central + 28:central + 30], "little")
        if bytes(data[central + 46:central + 46 + length]) == encoded:
            data[central + 24:central + 28] = size.to_bytes(4, "little")
        position = central + 4
    path.write_bytes(bytes(data))


_READER = """
import json, sys, time
from negotiation.errors import InvalidSubmission
from negotiation.setup.imports.reading import read_docx
data = open(sys.argv[1], "rb").read()
start = time.monotonic()
try:
    read_docx(data, "draft.docx")
    answer = None
except InvalidSubmission as exc:
    answer = str(exc)
# VmHWM: the peak of this process's own memory. getrusage's ru_maxrss would not do: Linux
# carries it over the exec from the parent, so a big test run's own size showed here.
status = open("/proc/self/status").read()
peak_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
print(json.dumps({"refusal": answer, "seconds": time.monotonic() - start,
                  "peak_mb": peak_kb / 1024}))
"""


def reading_cost(path: Path, timeout: float = 60) -> dict[str, object]:
    """Read the file as the import does, in a process of its own: its refusal (None when
    read), seconds and peak resident memory in MB. A read beyond ``timeout`` is killed."""
    done = subprocess.run([sys.executable, "-c", _READER, str(path)], capture_output=True,
                          text=True, timeout=timeout, check=True)
    return dict(json.loads(done.stdout))
