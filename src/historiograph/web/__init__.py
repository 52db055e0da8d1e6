"""The web reader (`historiograph serve`): server-rendered pages over the views, each with a
JSON twin, a little JavaScript and CSS shipped with the package, and review when asked for."""

from .app import create_app, json_path, loopback

__all__ = ["create_app", "json_path", "loopback"]
