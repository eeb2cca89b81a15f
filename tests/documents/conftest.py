"""The web app's fixtures (app, accounts for every role, signed-in clients), shared with the
documents tests so both suites sign in the same way."""

from tests.web.conftest import accounts, app, client_as, csrf_app, password_hash

__all__ = ["accounts", "app", "client_as", "csrf_app", "password_hash"]
