"""The PDF form of the documents: the Word file converted by LibreOffice, kept running.

Why LibreOffice rather than drawing the PDF ourselves: the PDF is then the Word file, page
for page, so the two forms circulated cannot drift apart and the tracked-change formatting
is laid out once. Two other ways were measured on the very same text
(benchmarks/measure_pdf_ways.py, 7 December 2026): WeasyPrint from the HTML text takes 6 to
10 times LibreOffice's time, so it is out; Typst, from a source written from the text's
parts, takes about a third of it from 3x up (half at the demo's size), with a PDF that passes
for the same document; the README's speed section has the figures and what a move to it
would take.

Starting LibreOffice costs seconds, so it is started once and kept running by `unoserver`
(PyPI), which converts over a local XML-RPC port; every worker of the app uses the same
server (``NEGOTIATION_PDF_SERVER``, default 127.0.0.1:2003), and the first conversion starts
it when nobody has. unoserver needs LibreOffice's Python bridge (Debian: python3-uno, listed
in scripts/provision); without it each conversion starts LibreOffice afresh, as before.
A conversion that fails or takes longer than its budget (:func:`conversion_budget`, which
grows with the document, since LibreOffice's time does) raises :class:`ConversionFailed` with
a message a person can act on; nothing waits forever, and a conversion that ran out of time
is not tried again behind the reader's back. LibreOffice's own temporary files go into the
converter's folder, removed with it: a stopped or stuck conversion leaves nothing in /tmp.
"""

from __future__ import annotations

import atexit
import http.client
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import xmlrpc.client
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from negotiation.text.languages import N_

#: Seconds any conversion may take, and more for each megabyte of the Word file: the 10x
#: comparison text (0.2 MB of .docx) converts in about 8 s on a quiet 2-core machine and
#: the time grows with the document, so a fixed limit that suits the one fails the other.
CONVERSION_TIMEOUT = 60
SECONDS_PER_MB = 300
#: The longest the converter lets any one conversion run (it is told so when started).
LONGEST_CONVERSION = 3600
STARTUP_TIMEOUT = 60  # seconds for LibreOffice to start answering
_FOLDER_PREFIX = "negotiation-unoserver-"
UNO_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python")


class ConversionFailed(RuntimeError):
    """LibreOffice is missing, or did not produce the PDF in time.

    As a refusal of the domain, its message is English with ``%(name)s`` parameters, passed
    apart: the build page tells a reader why in the language the document was asked in.
    """

    def __init__(self, message: str, /, **params: object) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params

    def translated(self, gettext: Callable[[str], str]) -> str:
        """The message in the language ``gettext`` speaks, its parameters filled in."""
        text = gettext(self.message)
        return text % self.params if self.params else text


class _ConverterGone(ConversionFailed):
    """The kept-warm converter stopped answering (its process went away)."""


def conversion_budget(docx: bytes) -> float:
    """How many seconds LibreOffice may take to convert ``docx``."""
    return min(LONGEST_CONVERSION, CONVERSION_TIMEOUT + SECONDS_PER_MB * len(docx) / 1e6)


def soffice_path() -> str | None:
    """The LibreOffice command on this machine, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def server_address() -> tuple[str, int]:
    """Where the kept-warm converter listens (``NEGOTIATION_PDF_SERVER``, host:port)."""
    host, _, port = os.environ.get("NEGOTIATION_PDF_SERVER", "127.0.0.1:2003").rpartition(":")
    return host or "127.0.0.1", int(port)


class _TimedTransport(xmlrpc.client.Transport):
    """XML-RPC over HTTP with a socket timeout, so a stuck LibreOffice never hangs a caller."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self._timeout = timeout

    def make_connection(self, host: object) -> http.client.HTTPConnection:
        connection = super().make_connection(host)  # type: ignore[arg-type]
        connection.timeout = self._timeout
        return connection


def _proxy(timeout: float) -> xmlrpc.client.ServerProxy:
    host, port = server_address()
    return xmlrpc.client.ServerProxy(f"http://{host}:{port}", allow_none=True,
                                     transport=_TimedTransport(timeout))


def _answers() -> bool:
    try:
        with _proxy(5) as proxy:
            proxy.info()
    except (OSError, xmlrpc.client.Error):
        return False
    return True


def _uno_python() -> str | None:
    """A Python that can import LibreOffice's ``uno`` bridge, which unoserver's server needs."""
    for candidate in UNO_PYTHONS:
        if Path(candidate).exists() and subprocess.run(
            [candidate, "-c", "import uno"], capture_output=True, check=False, timeout=30,
        ).returncode == 0:
            return candidate
    return None


class _Server:
    """The unoserver process this process started, if any (stopped when the process exits)."""

    lock = threading.Lock()
    process: subprocess.Popen[bytes] | None = None
    profile: str | None = None  # LibreOffice's profile folder for it, removed at the end
    unavailable: str | None = None  # why the kept-warm converter cannot run here


def _stop_server() -> None:
    process = _Server.process
    if process is not None:
        # unoserver starts LibreOffice as its own child: end the whole group, or soffice
        # outlives it, holding its port and a core.
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(10)
        # LibreOffice's launcher (oosplash) ignores the SIGTERM its parent's end passes on
        # and waits for ever on a dead soffice: whatever of the group outlived it is killed.
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()  # reaped, or it lingers as a zombie of this worker
        _Server.process = None
    if _Server.profile is not None:
        shutil.rmtree(_Server.profile, ignore_errors=True)
        _Server.profile = None


def _start_server() -> bool:
    """Start unoserver unless it answers already; False when it cannot run on this machine."""
    with _Server.lock:
        if _answers():
            return True
        if _Server.unavailable is not None or soffice_path() is None:
            return False
        python = _uno_python()
        if python is None:
            _Server.unavailable = "LibreOffice's Python bridge (python3-uno) is not installed"
            return False
        import unoserver  # only its location: the server runs under the Python that has uno

        # A converter this process started that no longer answers (stuck, or left on
        # another address) is ended first: one kept-warm LibreOffice per process, never an
        # orphan holding a core and a profile folder.
        _stop_server()
        host, port = server_address()
        _remove_folders_of_ended_processes()
        profile = _Server.profile = tempfile.mkdtemp(prefix=f"{_FOLDER_PREFIX}{os.getpid()}-")
        scratch = Path(profile, "tmp")
        scratch.mkdir()
        command = [python, "-m", "unoserver.server", "--interface", host, "--port", str(port),
                   "--uno-port", str(port - 1), "--user-installation", profile,
                   "--conversion-timeout", str(LONGEST_CONVERSION), "--quiet"]
        # LibreOffice's own temporary files (lu*.tmp) go in the converter's folder, removed
        # when it stops, not in /tmp where a stopped conversion would leave them.
        env = {**os.environ, "PYTHONPATH": str(Path(unoserver.__file__).parent.parent),
               "TMPDIR": str(scratch)}
        _Server.process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                           start_new_session=True)
        atexit.register(_stop_server)
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if _answers():
                return True
            if _Server.process.poll() is not None and not _answers():
                # Another worker may have bound the port first: then its server answers.
                time.sleep(1)
                return _answers()
            time.sleep(0.25)
        _stop_server()
        raise ConversionFailed(N_(
            "LibreOffice did not start within %(seconds)s s; try again, and tell the "
            "administrator if it keeps failing."), seconds=STARTUP_TIMEOUT)


def _end_group(process: subprocess.Popen[str]) -> None:
    """End a conversion's whole process group. Twice: caught while starting, the soffice
    script may fork LibreOffice's launcher just as the first signal lands, and the launcher
    then outlives it, waiting on a dead child."""
    for _ in range(2):
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        time.sleep(0.2)


def _remove_folders_of_ended_processes() -> None:
    """Remove the converter folders of processes that ended without removing theirs (a
    worker killed outright runs no exit handler)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_FOLDER_PREFIX}*-*"):
        owner = folder.name.removeprefix(_FOLDER_PREFIX).split("-", 1)[0]
        if owner.isdigit() and not _alive(int(owner)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def warm_up() -> bool:
    """Start the kept-warm converter now (e.g. at server start); True when it is running."""
    try:
        return _start_server()
    except ConversionFailed:
        return False


def docx_to_pdf(docx: bytes) -> bytes:
    """Convert a .docx file to PDF with LibreOffice, or raise ConversionFailed."""
    if soffice_path() is None:
        raise ConversionFailed(N_(
            "LibreOffice (soffice) is not installed; install libreoffice-writer-nogui."))
    budget = conversion_budget(docx)
    if not _start_server():
        return cold_conversion(docx, budget)
    try:
        return _converted(docx, budget)
    except _ConverterGone:
        # The server went with the process that started it (a worker restarting, a test
        # run ending) before converting: with one answering again, ask it. A conversion
        # that ran out of time is not tried again: the reader is told, and asks again.
        if not _start_server():
            raise
        return _converted(docx, budget)
    except ConversionFailed:
        if _Server.process is not None:
            _stop_server()  # a stuck LibreOffice of ours: the next document gets a fresh one
        raise


def _converted(docx: bytes, budget: float) -> bytes:
    try:
        with _proxy(budget) as proxy:
            # unoserver's convert(inpath, indata, outpath, convert_to, filtername,
            # filter_options, update_index, infiltername, password), as its UnoClient calls it.
            # No index to update: the documents have none (page numbers are fields, laid out
            # anyway), and updating costs a fifth of a large document's conversion.
            result = proxy.convert(None, docx, None, "pdf", None, [], False, None, None)
    except TimeoutError as exc:
        raise _too_long(budget) from exc
    except (ConnectionRefusedError, ConnectionResetError, http.client.RemoteDisconnected
            ) as exc:
        raise _ConverterGone(N_("LibreOffice stopped answering: %(reason)s"),
                             reason=str(exc)) from exc
    except (OSError, xmlrpc.client.Error) as exc:
        raise ConversionFailed(N_("LibreOffice could not convert the document: %(reason)s"),
                               reason=str(exc)) from exc
    if not isinstance(result, xmlrpc.client.Binary) or not result.data.startswith(b"%PDF"):
        raise ConversionFailed(N_("LibreOffice did not return a PDF."))
    return result.data


def _too_long(budget: float) -> ConversionFailed:
    return ConversionFailed(N_("LibreOffice took more than %(seconds)s s to convert the "
                               "document."), seconds=f"{budget:.0f}")


def cold_conversion(docx: bytes, budget: float | None = None) -> bytes:
    """One LibreOffice started for this document alone (when unoserver cannot run)."""
    budget = conversion_budget(docx) if budget is None else budget
    soffice = soffice_path()
    assert soffice is not None
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
        # Its temporary files in the folder removed below, not in /tmp; a session of its
        # own, so a conversion out of time ends with every process LibreOffice started.
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, env={**os.environ, "TMPDIR": work},
                                   start_new_session=True)
        try:
            stdout, stderr = process.communicate(timeout=budget)
        except subprocess.TimeoutExpired as exc:
            _end_group(process)
            raise _too_long(budget) from exc
        target = folder / "document.pdf"
        if process.returncode != 0 or not target.exists():
            raise ConversionFailed(
                N_("LibreOffice could not convert the document (exit %(code)s): %(reason)s"),
                code=process.returncode, reason=(stderr or stdout).strip()[:500])
        return target.read_bytes()

