"""The plumbing's fixtures: a production server (gunicorn) serving the demo."""

from tests.web.plumbing.production import production

__all__ = ["production"]
