"""The PDF of the comparison text made three ways from the very same text, side by side:

- LibreOffice, kept warm, converting our Word file: what the product does today;
- WeasyPrint, from the product's HTML comparison text, with a print style sheet (letter
  pages, page numbers at the foot, the notes as CSS footnotes at the foot of the page);
- Typst, through its PyPI binding, from a Typst source written from the same text
  (:mod:`benchmarks.typst_text`).

The comparison text is built once per scale and given to all three; the synthetic cycle has
no footnotes, so a note is put on every fifth paragraph first, for each way to place. Each
way's time is from the text in memory to the PDF's bytes (the Word file, the HTML or the
Typst source included), timed alternately, the median of the repeats, in wall-clock time
and in CPU time (this process's threads and LibreOffice's processes: the steadier figure on
a shared machine); a way that takes more than :data:`SLOW` seconds once is not repeated at
that scale, and one that would take more than :data:`GIVE_UP` at a larger scale (its time
grown with the document) is not tried there (what it would take is said, not waited for).

    python -m benchmarks --only pdf_ways --scales 1 3 10 --repeat 3
    python -m benchmarks.measure_pdf_ways --scales 30 --ways Typst   # and LibreOffice

Beside the times it prints each PDF's pages and whether every proposal and every note is in
it (read back with poppler's ``pdftotext``), and writes the PDFs with page 1 and a middle
page as PNG (``pdftoppm``) under ``benchmarks/.cache/pdf-ways/`` for a person to look at.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from benchmarks.cycle import CACHE, cycle
from benchmarks.harness import Bench, Result
from benchmarks.synthetic import NOW
from benchmarks.typst_text import comparison_typst
from negotiation.documents.comparison import build_comparison, number_notes
from negotiation.documents.html import comparison_html
from negotiation.documents.parts import ComparisonText
from negotiation.documents.pdf import ConversionFailed, docx_to_pdf, warm_up
from negotiation.documents.word.body import comparison_docx
from negotiation.models import Negotiation
from negotiation.record.database import make_engine, make_session_factory
from negotiation.text.footnotes import Footnote

#: Seconds past which one PDF is not made again at this scale ...
SLOW = 60.0
#: ... and past which, expected at a larger scale, it is not tried there (WeasyPrint took
#: 78 s at 3x and 233 s at 10x on 7 December 2026, on a loaded machine: a whole run of the
#: benchmarks need not wait on it).
GIVE_UP = 180.0
PEER = "LibreOffice"
LOOK_AT = CACHE / "pdf-ways"

# The product's HTML carries its own print rules (letter, 2.5 cm by 2 cm, 11 pt, black
# changes); these make its pages the Word file's: the same margins, size and type, page
# numbers, the notes listed under a paragraph moved to the foot of the page (the text keeps
# its own numbered markers, so the generated call is dropped), the colours of insertions and
# deletions kept. A user style sheet to WeasyPrint: it wins over the page's own only where
# marked important.
PRINT_CSS = """
@page { size: letter; margin: 2.5cm;
  @bottom-center { content: counter(page); font-size: 10pt; } }
body.document-page { font-size: 12pt !important; margin: 0 !important;
  max-width: none !important; padding: 0 !important; }
.comparison-document { max-width: none !important; }
ins.ins { color: #0b3d91 !important; }
del.del { color: #9b1c1c !important; }
ol.footnotes { margin: 0 !important; padding: 0 !important; }
ol.footnotes li { float: footnote; font-size: 9pt; }
ol.footnotes li::footnote-call { content: none; }
"""


def libreoffice_pdf(text: ComparisonText) -> bytes:
    """As the product makes it: the Word file, converted by the kept-warm LibreOffice."""
    return docx_to_pdf(comparison_docx(text))


def weasyprint_pdf(text: ComparisonText) -> bytes:
    """The product's HTML text, typeset by WeasyPrint with :data:`PRINT_CSS`."""
    import weasyprint  # a benchmark's peer, imported only when measured

    return weasyprint.HTML(string=comparison_html(text)).write_pdf(
        stylesheets=[weasyprint.CSS(string=PRINT_CSS)])


def typst_pdf(text: ComparisonText) -> bytes:
    """The text written as Typst source and typeset by Typst."""
    import typst

    return typst.compile(comparison_typst(text).encode("utf-8"))


WAYS: dict[str, Callable[[ComparisonText], bytes]] = {
    PEER: libreoffice_pdf,
    "WeasyPrint": weasyprint_pdf,
    "Typst": typst_pdf,
}


def with_notes(text: ComparisonText) -> ComparisonText:
    """``text`` with a note in the middle of every fifth paragraph, numbered through it."""
    for index, view in enumerate(text.paragraphs()):
        if index % 5 == 0:
            view.notes = (*view.notes, Footnote(
                len(view.text) // 2, f"Note {index}: the delegation of Canada reserves its "
                "position on this paragraph pending consultations with its capital."))
    number_notes(text.paragraphs())
    return text


def comparison_text(scale: int) -> ComparisonText:
    """The comparison text of the cycle at ``scale``, built once, with notes."""
    built = cycle(scale)
    engine = make_engine(built.url)
    try:
        with make_session_factory(engine)() as session:
            negotiation = session.get(Negotiation, built.negotiation_id)
            assert negotiation is not None
            return with_notes(build_comparison(session, negotiation, NOW))
    finally:
        engine.dispose()


def _words(pdf: bytes) -> str:
    """The PDF's text, its white space made single spaces."""
    found = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                           check=True, timeout=600)
    return " ".join(found.stdout.decode("utf-8", "replace").split())


def content_check(text: ComparisonText, pdf: bytes) -> str:
    """Which of the text's proposals and notes the PDF lacks ("all there" when none)."""
    words = _words(pdf)
    proposals = {p.number for v in text.paragraphs() for p in v.proposals}
    missing = [n for n in proposals if f"Proposal {n}:" not in words]
    notes = len(re.findall(r"Note \d+: the delegation", words))
    wanted = sum(len(v.all_notes) for v in text.paragraphs())
    if not missing and notes == wanted:
        return "all there"
    return f"{len(missing)} proposals missing, {notes} of {wanted} notes"


def pages(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def keep_for_looking(name: str, scale: int, pdf: bytes) -> None:
    """Write the PDF, and its page 1 and middle page as PNG, under :data:`LOOK_AT`."""
    LOOK_AT.mkdir(parents=True, exist_ok=True)
    stem = f"{name.lower()}-{scale}x"
    target = LOOK_AT / f"{stem}.pdf"
    target.write_bytes(pdf)
    if shutil.which("pdftoppm") is None:
        return
    middle = max(1, pages(pdf) // 2)
    for page, what in ((1, "page-1"), (middle, "middle")):
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page),
                            "-singlefile", str(target), str(Path(folder) / "page")],
                           check=True, timeout=300)
            shutil.move(Path(folder) / "page.png", LOOK_AT / f"{stem}-{what}.png")


def converter_cpu() -> float:
    """CPU seconds used so far by the LibreOffice this process started (unoserver and the
    soffice under it, found by the profile folder named with this process's id)."""
    mark = f"negotiation-unoserver-{os.getpid()}-".encode()
    ticks = 0
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if mark in cmdline.read_bytes():
                # After the command's name in brackets: utime and stime, fields 14 and 15.
                fields = (cmdline.parent / "stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])
        except OSError:  # a process that ended meanwhile
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def own_converter() -> None:
    """Have this process start a kept-warm LibreOffice of its own (on free ports), not use
    one another process started: its CPU time is then counted, and nobody else's
    conversions run on it while it is timed."""
    port = next(p for p in range(20_101, 21_000, 2) if _free(p) and _free(p - 1))
    os.environ["NEGOTIATION_PDF_SERVER"] = f"127.0.0.1:{port}"


def _timed(make: Callable[[ComparisonText], bytes], text: ComparisonText
           ) -> tuple[float, float, bytes]:
    """Wall-clock seconds, CPU seconds (this process's threads and LibreOffice's) and the
    PDF: on a machine shared with other work, the CPU time is the steadier figure."""
    started, cpu, converter = time.perf_counter(), time.process_time(), converter_cpu()
    pdf = make(text)
    return (time.perf_counter() - started,
            time.process_time() - cpu + converter_cpu() - converter, pdf)


def _expected(last: tuple[int, float] | None, scale: int) -> float:
    """A way's time at ``scale`` at the least, from its time at a smaller one (none grows
    slower than the document)."""
    if last is None:
        return 0.0
    at, seconds = last
    return seconds * scale / at


def measure(bench: Bench, names: Sequence[str] = tuple(WAYS)) -> None:
    """Each way (LibreOffice's and ``names``) at each scale, alternately, on the same text."""
    own_converter()
    if not warm_up():
        print("comparison PDF: not measured: LibreOffice with python3-uno is not available",
              flush=True)
        return
    last: dict[str, tuple[int, float]] = {}  # each way's (scale, seconds) at the last scale
    warmed = False
    for scale in sorted(bench.scales):
        text = comparison_text(scale)
        ways: dict[str, Callable[[ComparisonText], bytes]] = {}
        for name in (PEER, *(n for n in names if n != PEER)):
            expected = _expected(last.get(name), scale)
            if expected > GIVE_UP:
                at, seconds = last[name]
                print(f"comparison PDF, {name} {scale}x: not tried: {seconds:.0f} s at {at}x, "
                      f"so at least {expected:.0f} s here", flush=True)
            else:
                ways[name] = WAYS[name]
        if not warmed:  # fonts read, LibreOffice started, modules imported: as a server
            small = comparison_text(1)  # on the smallest text: the warming is not the measure
            for name, make in list(ways.items()):
                try:
                    make(small)
                except (ImportError, OSError) as exc:  # WeasyPrint without pango, say
                    print(f"comparison PDF, {name}: not measured: {exc}", flush=True)
                    del ways[name]
            warmed = True
        times: dict[str, list[float]] = {name: [] for name in ways}
        cpu: dict[str, list[float]] = {name: [] for name in ways}
        made: dict[str, bytes] = {}
        try:
            for _ in range(bench.repeat):
                for name, make in ways.items():
                    if times[name] and times[name][0] > SLOW:
                        continue
                    seconds, used, made[name] = _timed(make, text)
                    times[name].append(seconds)
                    cpu[name].append(used)
        except ConversionFailed as exc:
            print(f"comparison PDF {scale}x: not measured: {exc}", flush=True)
            continue
        peer = statistics.median(times[PEER])
        peer_cpu = statistics.median(cpu[PEER])
        for name, taken in times.items():
            pdf = made[name]
            note = (f"{pages(pdf)} pages, {len(pdf) // 1024} kB, {len(taken)} runs, "
                    f"{content_check(text, pdf)}")
            label = f"{name} (product)" if name == PEER else name
            for what, ours, theirs, said in (("", taken, peer, note),
                                             (", CPU", cpu[name], peer_cpu, "")):
                result = Result(f"comparison PDF, {label}{what}", scale,
                                statistics.median(ours), theirs, PEER, note=said)
                if name != PEER:
                    bench.results.append(result)
                bench.print(result)
            if scale == min(bench.scales):
                keep_for_looking(name, scale, pdf)
            last[name] = (scale, min(taken))
    print(f"PDFs and pages as PNG for looking at: {LOOK_AT}", flush=True)


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.measure_pdf_ways --scales 30 --ways Typst``: some ways only
    (LibreOffice's always, as the peer)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.measure_pdf_ways")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 3, 10])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ways", nargs="+", choices=list(WAYS), default=list(WAYS))
    args = parser.parse_args(argv)
    measure(Bench(scales=tuple(args.scales), repeat=args.repeat), args.ways)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
