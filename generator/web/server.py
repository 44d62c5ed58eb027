"""Start the page on 127.0.0.1: the socket is bound here, to loopback only, before uvicorn gets
it, so the address printed is the one listening (also for --port 0) and no option can open
the case files to the network."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

from generator.catalogue import os_reason
from generator.errors import DisputeError
from generator.web.app import Settings, create_app

HOST = "127.0.0.1"


class ServeError(DisputeError):
    """The page cannot start (port taken, workspace not writable)."""


def bind(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise ServeError("serve.cannot_listen", address=f"{HOST}:{port}", reason=os_reason(exc)) from None
    sock.listen(64)
    return sock


def serve(workspace: Path, port: int, on_ready: Callable[[str], None], max_upload_mb: int | None = None) -> None:
    """Serve until Ctrl-C. `on_ready` gets the address once it is listening (the CLI prints it)."""
    import uvicorn

    try:
        settings = Settings(workspace) if max_upload_mb is None else Settings(workspace, max_file=max_upload_mb << 20)
        app = create_app(settings)
    except OSError as exc:
        raise ServeError("serve.bad_workspace", folder=workspace, reason=os_reason(exc)) from None
    sock = bind(port)
    address = f"http://{HOST}:{sock.getsockname()[1]}/"
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False,
                            date_header=False, lifespan="on")
    server = uvicorn.Server(config)
    on_ready(address)
    server.run(sockets=[sock])
