"""gunicorn's settings for ``scripts/serve-production``, read from the environment.

NEGOTIATION_BIND (default 127.0.0.1:8000), NEGOTIATION_WORKERS (default 2 per core + 1),
NEGOTIATION_TIMEOUT (seconds a request may take, default 120: a PDF comparison text is
converted by LibreOffice). Logs go to standard output and error, one access line per
request: time, client, request, status, bytes, milliseconds.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("NEGOTIATION_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("NEGOTIATION_WORKERS") or 2 * multiprocessing.cpu_count() + 1)
timeout = int(os.environ.get("NEGOTIATION_TIMEOUT") or 120)
graceful_timeout = 30
# Each worker builds the app and its own database connections (none cross a fork).
preload_app = False
accesslog = "-"
errorlog = "-"
loglevel = "info"
access_log_format = '%(t)s %(h)s "%(r)s" %(s)s %(b)s bytes %(M)sms'
# The app trusts forwarded headers itself (NEGOTIATION_PROXY_HOPS, werkzeug's ProxyFix).
forwarded_allow_ips = "127.0.0.1"
