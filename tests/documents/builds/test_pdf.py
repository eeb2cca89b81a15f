"""LibreOffice turns the Word file into a PDF whose pages hold the document."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from negotiation.documents import pdf
from negotiation.documents.comparison import build_comparison
from negotiation.documents.pdf import (
    LONGEST_CONVERSION,
    cold_conversion,
    conversion_budget,
    docx_to_pdf,
    soffice_path,
)
from negotiation.documents.word.body import comparison_docx
from negotiation.enums import ParagraphKind
from tests.builders import World, chair_paragraph
from tests.documents.scenario import negotiated

# Under CI the conversion must run; locally a machine without LibreOffice skips, saying why.
requires_soffice = pytest.mark.skipif(
    soffice_path() is None and os.environ.get("CI") != "true",
    reason="LibreOffice (soffice) is not installed; scripts/provision installs it",
)


@requires_soffice
def test_libreoffice_converts_the_comparison_text(world: World) -> None:
    for n in range(1, 31):  # enough paragraphs to need several pages
        chair_paragraph(world, f"extra{n}", ParagraphKind.PREAMBULAR,
                        f"RECOGNIZING the contribution number {n} of the subregional "
                        "mechanisms to the prevention of trafficking in persons, in particular "
                        "through the exchange of information and good practices;",
                        section="jid")
    negotiated(world)
    text = build_comparison(world.session, world.negotiation, world.now)

    reader = PdfReader(BytesIO(docx_to_pdf(comparison_docx(text))))

    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 3
    assert "CP/CSH-2251/24" in pages[0] and "CONSOLIDATED COMPARISON TEXT" in pages[0]
    assert "I. Paragraphs in consensus in principle" in pages[0]
    # Each page carries its number in the footer.
    for number, page in enumerate(pages, start=1):
        assert page.rstrip().endswith(str(number))
    whole = " ".join("\n".join(pages).split())  # lines are wrapped where they fall
    assert "[Modifications proposed]" in whole  # each paragraph's state, in print too
    order = [whole.index(heading) for heading in (
        "II. Paragraphs with proposed modifications",
        "III. New paragraphs proposed by delegations")]
    assert order == sorted(order) and order[0] > whole.index("contribution number 30")
    assert "Mexico, joined by Canada" in whole.replace("\n", " ")
    # Deletions keep their colour (and strike) in the PDF: the red fill is drawn on the page.
    drawn = b"".join(page.get_contents().get_data() for page in reader.pages)
    assert re.search(rb"0\.6078\d* 0\.1098\d* 0\.1098\d* rg", drawn)


def test_a_bigger_document_is_given_more_time_to_convert() -> None:
    small, demo, stress = b"x" * 50_000, b"x" * 200_000, b"x" * 2_000_000
    assert conversion_budget(small) >= 60
    assert conversion_budget(small) < conversion_budget(demo) < conversion_budget(stress)
    # The 100x stress test's Word file (about 2 MB): ten minutes and more, never the fixed
    # two minutes that failed it every time.
    assert conversion_budget(stress) >= 600
    assert conversion_budget(b"x" * 10**9) == LONGEST_CONVERSION


@requires_soffice
def test_a_conversion_leaves_no_folder_behind(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LibreOffice's temporary files and profiles, kept-warm or started for one document,
    are gone with the conversion, out of time or not."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    text = build_comparison(world.session, world.negotiation, world.now)
    docx = comparison_docx(text)
    assert cold_conversion(docx).startswith(b"%PDF")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(pdf.ConversionFailed, match="took more than 0 s"):
        cold_conversion(docx, budget=0.01)
    assert list(tmp_path.iterdir()) == []
    # A worker killed outright (gunicorn's timeout, kill -9) ran no exit handler: the next
    # converter started removes the folder it left.
    left = tmp_path / f"negotiation-unoserver-{_ended_pid()}-abcd"
    left.mkdir()
    # The kept-warm converter, on a port of its own so that it is this test's.
    monkeypatch.setenv("NEGOTIATION_PDF_SERVER", f"127.0.0.1:{_free_port()}")
    try:
        assert docx_to_pdf(docx).startswith(b"%PDF")
        assert [p.name.split("-")[2] for p in tmp_path.iterdir()] == [str(os.getpid())]
    finally:
        pdf._stop_server()
    assert list(tmp_path.iterdir()) == []


@requires_soffice
def test_a_converter_moved_to_another_address_ends_the_one_before(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One kept-warm LibreOffice per process: the one left on the old address is ended, not
    orphaned (it held a core, a profile folder and, garbage-collected, failed CI)."""
    docx = comparison_docx(build_comparison(world.session, world.negotiation, world.now))
    try:
        monkeypatch.setenv("NEGOTIATION_PDF_SERVER", f"127.0.0.1:{_free_port()}")
        assert docx_to_pdf(docx).startswith(b"%PDF")
        first = pdf._Server.process
        assert first is not None
        monkeypatch.setenv("NEGOTIATION_PDF_SERVER", f"127.0.0.1:{_free_port()}")
        assert docx_to_pdf(docx).startswith(b"%PDF")
        assert first.poll() is not None, "the first converter still runs"
        assert pdf._Server.process is not first
    finally:
        pdf._stop_server()


@requires_soffice
def test_a_stopped_converter_leaves_no_libreoffice_running(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stopping the kept-warm converter ends all of it: LibreOffice's launcher (oosplash)
    outlived the SIGTERM and waited for ever on a dead soffice, one more per restart of a
    long-lived server."""
    monkeypatch.setenv("NEGOTIATION_PDF_SERVER", f"127.0.0.1:{_free_port()}")
    try:
        assert pdf.warm_up()
        group = pdf._Server.process.pid
        assert _running_in_group(group), "the converter's processes are not where looked for"
    finally:
        pdf._stop_server()
    assert _running_in_group(group) == []


def _running_in_group(group: int) -> list[str]:
    """The names of the processes of a process group still running (not yet reaped ones)."""
    names = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
        except (OSError, ValueError):
            continue
        name, _, rest = stat.partition("(")[2].rpartition(")")
        state, _parent, process_group = rest.split()[:3]
        if int(process_group) == group and state != "Z":
            names.append(name)
    return names


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ended_pid() -> int:
    """The pid of a process that has ended."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid
