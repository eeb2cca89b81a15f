"""The documents at 1x, 3x and 10x, each against the plainest way to make the same output:

- the comparison text in HTML, end to end from the database as a download makes it, against
  the same content rendered from memory by a bare Jinja template;
- the Word file, from the comparison text in memory, against writing the very same OOXML
  parts into a zip (the limit: compression alone), and against python-docx making a plain
  document with the same paragraphs and runs;
- the PDF, against LibreOffice started for the conversion (what each PDF cost before);
- the same document asked again, served from what was built, against building it.
"""

from __future__ import annotations

import logging
import tempfile
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from docx import Document
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session, sessionmaker

from benchmarks.cycle import Cycle, scratch_copy
from benchmarks.harness import Bench, counting_queries
from benchmarks.synthetic import NOW
from negotiation.documents import TEMPLATES
from negotiation.documents.builds import find_or_claim, run_build
from negotiation.documents.comparison import build_comparison
from negotiation.documents.parts import ComparisonText
from negotiation.documents.pdf import ConversionFailed, cold_conversion, docx_to_pdf, warm_up
from negotiation.documents.producing import DocumentRequest, produce
from negotiation.documents.revision_comparison import compare_revisions, revision_by_number
from negotiation.documents.word.body import comparison_docx, revisions_docx
from negotiation.models import Negotiation
from negotiation.record.database import make_engine, make_session_factory
from negotiation.text.diffs import DELETE, INSERT


def _bare_jinja() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]  # English
    return env


def _same_ooxml(docx: bytes) -> Callable[[], bytes]:
    """Writing the very parts of ``docx`` into a new package: the floor for any writer."""
    with zipfile.ZipFile(BytesIO(docx)) as package:
        parts = [(info, package.read(info)) for info in package.infolist()]

    def write() -> bytes:
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in parts:
                out.writestr(zipfile.ZipInfo(info.filename, info.date_time), data,
                             zipfile.ZIP_DEFLATED)
        return buffer.getvalue()
    return write


def _python_docx(text: ComparisonText) -> bytes:
    """A plain python-docx document with the same paragraphs and runs (direct formatting,
    no named styles, no header): the peer library doing the same work."""
    document = Document()
    for group in text.groups:
        document.add_heading(group.title, 1)
        for section in group.sections:
            document.add_heading(section.title, 2)
            for view in section.paragraphs:
                body = document.add_paragraph()
                body.add_run(view.label).bold = True
                body.add_run("\t")
                body.add_run(view.text)
                for proposal in view.proposals:
                    who = document.add_paragraph()
                    who.add_run(proposal.delegation).bold = True
                    for name in proposal.supporters:
                        who.add_run(", ")
                        who.add_run(name).bold = True
                    who.add_run(f" — {proposal.kind_label}").italic = True
                    if proposal.changes:
                        tracked = document.add_paragraph()
                        for change in proposal.changes:
                            run = tracked.add_run(change.text)
                            if change.op == INSERT:
                                run.bold = run.underline = True
                            elif change.op == DELETE:
                                run.font.strike = True
                    if proposal.comment:
                        comment = document.add_paragraph().add_run(f"Comment: {proposal.comment}")
                        comment.italic = True
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _unheard(_share: float, _phase: str) -> None:
    return None


def _at_scale(bench: Bench, scale: int) -> None:
    # A copy: the stored builds measured last are written into the database.
    with tempfile.TemporaryDirectory() as folder, scratch_copy(scale, Path(folder)) as built:
        _measure(bench, built)


def _measure(bench: Bench, built: Cycle) -> None:
    scale = built.scale
    engine = make_engine(built.url)
    sessions = make_session_factory(engine)
    template = _bare_jinja().get_template("documents_shared/standalone.html")
    slow = 1 if scale >= 10 else min(bench.repeat, 3)  # the slow peers: fewer repeats

    def text_from_database() -> ComparisonText:
        with sessions() as session:
            negotiation = session.get(Negotiation, built.negotiation_id)
            assert negotiation is not None
            return build_comparison(session, negotiation, NOW)

    in_memory = text_from_database()

    def html_from_memory() -> bytes:
        return template.render(header=in_memory.header, comparison=in_memory,
                               content_template="documents_shared/comparison_content.html"
                               ).encode("utf-8")

    html = DocumentRequest.of("comparison", "html", {}, NOW)

    def html_from_database() -> bytes:
        """As a download of the HTML text makes it (the stored build aside)."""
        with sessions() as session:
            negotiation = session.get(Negotiation, built.negotiation_id)
            assert negotiation is not None
            return produce(session, negotiation, html, _unheard)[0]

    assert html_from_database() == html_from_memory()  # the same document both ways
    with counting_queries(engine) as queries:
        html_from_database()
    bench.compare("comparison text, HTML", html_from_database, html_from_memory,
                  "bare Jinja from memory", scale=scale, queries=queries.count)

    docx = comparison_docx(in_memory)
    bench.compare("comparison text, Word", lambda: comparison_docx(in_memory),
                  _same_ooxml(docx), "zip of the same OOXML", scale=scale,
                  note=f"{len(docx) // 1024} kB")
    bench.compare("comparison text, Word", lambda: comparison_docx(in_memory),
                  lambda: _python_docx(in_memory), "python-docx, same runs", scale=scale,
                  repeat=slow)

    with sessions() as session:
        negotiation = session.get(Negotiation, built.negotiation_id)
        assert negotiation is not None
        compared = compare_revisions(session, revision_by_number(session, negotiation, 0),
                                     revision_by_number(session, negotiation, 1))
    changes = revisions_docx(compared)
    bench.compare("rev. 1 against rev. 0, Word", lambda: revisions_docx(compared),
                  _same_ooxml(changes), "zip of the same OOXML", scale=scale)

    try:
        if not warm_up():
            raise ConversionFailed("LibreOffice with python3-uno is not available here")
        bench.compare("comparison text, PDF", lambda: docx_to_pdf(comparison_docx(in_memory)),
                      lambda: cold_conversion(docx), "LibreOffice started per PDF",
                      scale=scale, repeat=slow)
    except ConversionFailed as exc:  # a busy machine can time LibreOffice out: say so
        print(f"comparison text, PDF {scale}x: not measured: {exc}", flush=True)

    _served_again(bench, scale, sessions, built.negotiation_id)
    engine.dispose()


def _served_again(bench: Bench, scale: int, sessions: sessionmaker[Session],
                  negotiation_id: int) -> None:
    """Word asked again before anything changed: the stored build, found by its key."""
    with sessions() as session:
        negotiation = session.get(Negotiation, negotiation_id)
        assert negotiation is not None
        asked = DocumentRequest.of("comparison", "docx", {}, NOW)
        build, mine = find_or_claim(session, negotiation, asked)
        session.commit()
        if mine:
            run_build(sessions, build.id)

        def again() -> bytes | None:
            session.expire_all()
            found, _ = find_or_claim(session, negotiation, asked)
            return found.content

        def afresh() -> bytes:
            return comparison_docx(build_comparison(session, negotiation, NOW))

        bench.compare("Word asked again (stored build)", again, afresh, "built afresh",
                      scale=scale)


def measure(bench: Bench) -> None:
    """Each document at each scale."""
    logging.getLogger("alembic").setLevel(logging.WARNING)
    for scale in bench.scales:
        _at_scale(bench, scale)
