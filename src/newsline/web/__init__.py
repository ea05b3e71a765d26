"""``newsline serve``: a local web app and JSON API over a newsline database (see docs/web.md)."""

from __future__ import annotations

from newsline.web.app import check_bind, create_app

__all__ = ["check_bind", "create_app"]
