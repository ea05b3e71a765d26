"""``newsline serve``: the local web app and JSON API (``newsline.web``)."""

from __future__ import annotations

import typer

from newsline.cli.common import DbOption, user_errors
from newsline.store import location_name


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)


def serve_command(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", help="Address to listen on. Anything but loopback needs --token."),
    port: int = typer.Option(8000, min=1, max=65535),
    token: str = typer.Option(None, envvar="NEWSLINE_TOKEN", show_default=False,
                              help="Require this secret on every request (env NEWSLINE_TOKEN; 16+ characters)."),
) -> None:
    """Serve the web pages and JSON API over a database, read-only."""
    import uvicorn

    from newsline.web import check_bind, create_app
    from newsline.web.app import LOOPBACK_NAMES

    with user_errors():
        check_bind(host, token)
        # Without a token, answer only to loopback names: a DNS-rebinding page cannot pass for this server.
        app = create_app(db, token=token, allowed_hosts=None if token else {*LOOPBACK_NAMES, host.strip("[]")})
    where = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    typer.echo(f"newsline: serving {location_name(db)} read-only at {where}" + ("?token=… (the token you set)" if token else ""))
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
