"""The PDF form of the documents: the Word file converted by LibreOffice.

Why LibreOffice rather than drawing the PDF with fpdf2: the PDF is then the Word file, page
for page, so the two forms circulated cannot drift apart and the tracked-change formatting
(bold underline, strike-through, colour) is laid out once, by python-docx. fpdf2 would need a
second layout of the same document and its own Unicode font handling. The cost is a
dependency on ``soffice`` (Debian: libreoffice-writer-nogui, listed in scripts/provision)
and a second or two per conversion.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CONVERSION_TIMEOUT = 180  # seconds; the first start of a fresh profile is the slow one


class ConversionFailed(RuntimeError):
    """LibreOffice is missing, or did not produce the PDF."""


def soffice_path() -> str | None:
    """The LibreOffice command on this machine, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    """Convert a .docx file to PDF with LibreOffice headless, or raise ConversionFailed."""
    soffice = soffice_path()
    if soffice is None:
        raise ConversionFailed(
            "LibreOffice (soffice) is not installed; install libreoffice-writer-nogui."
        )
    with tempfile.TemporaryDirectory(prefix="negotiation-pdf-") as work:
        folder = Path(work)
        source = folder / "document.docx"
        source.write_bytes(docx)
        # A profile of its own per conversion: two conversions sharing one profile (two
        # requests at once, or a desktop LibreOffice open) make the second silently fail.
        profile = (folder / "profile").as_uri()
        command = [
            soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
            "--nolockcheck", "--convert-to", "pdf", "--outdir", str(folder), str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True,
                                  timeout=CONVERSION_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ConversionFailed("LibreOffice took too long to convert the document.") from exc
        target = folder / "document.pdf"
        if done.returncode != 0 or not target.exists():
            raise ConversionFailed(
                f"LibreOffice could not convert the document (exit {done.returncode}): "
                f"{(done.stderr or done.stdout).strip()[:500]}"
            )
        return target.read_bytes()
