"""Flask extensions, created unbound and attached to the app in ``create_app``."""

from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect
from htmx_flask import Htmx

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please sign in to continue."
csrf = CSRFProtect()
htmx = Htmx()
