"""Flask extensions, created unbound and attached to the app in ``create_app``."""

from flask_babel import gettext
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect
from htmx_flask import Htmx

from negotiation.text.languages import N_

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = N_("Please sign in to continue.")
# Flashed when a signed-out reader opens a page: in the language the reader is reading.
login_manager.localize_callback = gettext
csrf = CSRFProtect()
htmx = Htmx()
