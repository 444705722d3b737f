"""The workshop in a browser, openable only by its owner: a small aiohttp server around textual-serve's parts.

textual-serve runs a Textual app in a child process per browser tab and relays its screen and keys over
a WebSocket. Its own server checks nothing: any web page open in the same browser could connect to the
WebSocket (a foreign Origin) and read the journal off the screen, and so could another account on the
same machine. Its page also fetches a web font from a third-party host. So this module keeps textual-serve's
``AppService`` (the child process and its protocol) and its static files (terminal emulator, stylesheet,
the Roboto Mono font itself), and serves them with its own server:

- **A secret per run** (``secrets.token_urlsafe``): every address starts with it
  (``http://127.0.0.1:8000/<secret>/``), it is printed once for the user to open, and anything without it
  gets ``403 Forbidden`` with no detail. It is compared in constant time. It lives only in the address, so
  a reload works, and it is never put in a cookie: browsers send cookies to every port of a host, so a page
  served by someone else on the same machine would receive it.
- **The WebSocket checks its Origin**: only a page served here (``http://<the host asked for>``) may
  connect; a page from any other origin is refused even if it knew the secret.
- **The Host is checked** when serving on loopback (only ``127.0.0.1``, ``localhost``, ``::1``), so a
  DNS-rebinding page cannot pass as this one.
- **Nothing from any other host**: the page, stylesheet, script and font are all served from here, and a
  Content-Security-Policy tells the browser to load or connect to nothing else. No referrer is sent, and
  the page cannot be framed.

The command line is in ``workshop/commands/serve.py``; this module is the server, used by it and by tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import html
import json
import logging
import secrets
import signal
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

log = logging.getLogger("workshop.web")

SECRET_BYTES = 24
"""About 190 bits, as text of 32 URL-safe characters."""
STOP_WAIT = 5.0
"""Seconds a child has to save and quit when the server stops, before it is killed."""
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def _textual_serve_static() -> Path:
    import textual_serve  # deferred: only serving needs it

    return Path(textual_serve.__file__).parent / "static"


# The files a page needs, by the name it asks for: nothing else under the static folder is served.
STATIC_FILES = {
    "textual.js": ("js/textual.js", "text/javascript"),
    "xterm.css": ("css/xterm.css", "text/css"),
    "RobotoMono.ttf": ("fonts/RobotoMono-VariableFont_wght.ttf", "font/ttf"),
    "RobotoMono-Italic.ttf": ("fonts/RobotoMono-Italic-VariableFont_wght.ttf", "font/ttf"),
}

# Starts textual.js's terminals once the bundled font is ready, so the terminal measures its cells with
# the font it will draw in; and makes "Start again" reload the page. (No inline script: the CSP allows
# scripts from this server only.)
PAGE_SCRIPT = """\
"use strict";
const startTerminals = window.onload;
window.onload = null;
window.addEventListener("load", () => {
  const ready = document.fonts ? document.fonts.load('16px "Roboto Mono"') : Promise.resolve();
  ready.catch(() => undefined).then(() => startTerminals && startTerminals(new Event("load")));
});
document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("restart").addEventListener("click", () => window.location.reload());
});
"""

PAGE_STYLE = """\
@font-face { font-family: "Roboto Mono"; font-weight: 100 700; font-style: normal;
             src: url("STATIC/RobotoMono.ttf") format("truetype"); }
@font-face { font-family: "Roboto Mono"; font-weight: 100 700; font-style: italic;
             src: url("STATIC/RobotoMono-Italic.ttf") format("truetype"); }
body { background: #14181c; margin: 0; }
.dialog { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
          z-index: 10; font: 16px "Roboto Mono", menlo, monospace; color: #e8e6e3; }
.dialog p { margin: 0 0 1em; }
.dialog button { font: inherit; padding: .6em 1.6em; border: 1px solid #8aa4b8; background: #22303a;
                 color: inherit; cursor: pointer; }
.closed { display: none; }
body.-first-byte .starting { display: none; }
body.-closed .closed { display: flex; flex-direction: column; background: #14181c; }
body .textual-terminal { opacity: 0; transition: opacity .3s ease-out; }
body.-first-byte .textual-terminal { opacity: 1; }
"""


def content_security_policy(websocket_url: str) -> str:
    """Scripts, styles, fonts and connections from this server only; never framed; no forms, no base."""
    return (
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
        f"img-src 'self' data:; connect-src 'self' {websocket_url}; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    )


def page_html(title: str, static: str, websocket_url: str, font_size: int) -> str:
    """The page: textual.js's terminal, fed by the WebSocket at ``websocket_url``. ``static`` ends in /."""
    name = html.escape(title, quote=True)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>{name}</title>
<link rel="preload" href="{static}RobotoMono.ttf" as="font" type="font/ttf" crossorigin>
<link rel="stylesheet" href="{static}xterm.css">
<link rel="stylesheet" href="{static}page.css">
<script src="{static}textual.js"></script>
<script src="{static}page.js"></script>
</head>
<body>
<div class="dialog starting"><p>{name}: starting…</p></div>
<div class="dialog closed">
<p>This session has ended.</p>
<button id="restart" type="button">Start again</button>
</div>
<div id="terminal" class="textual-terminal" data-font-size="{font_size}"
     data-session-websocket-url="{html.escape(websocket_url, quote=True)}"></div>
</body>
</html>
"""


@dataclass(frozen=True)
class Session:
    """One thing to serve: a page at ``/<secret>/<path>`` that runs ``command`` in each tab that opens it."""

    path: str
    """``""`` for the page at the root, else a single word (``notes``)."""
    command: str
    """The shell command textual-serve runs for each browser tab (already quoted)."""
    title: str


def _forbidden() -> web.Response:
    # No reason given: whoever is refused learns nothing, not even which check failed.
    return web.Response(status=403)


def _clamp(text: str | None, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(text or default)))
    except ValueError:
        return default


class WorkshopServer:
    """Serves ``sessions`` on ``host``:``port`` to whoever has the secret, from the page's own origin."""

    def __init__(
        self,
        sessions: list[Session],
        *,
        host: str,
        port: int,
        secret: str | None = None,
        loopback: bool = True,
    ) -> None:
        self.sessions = {session.path: session for session in sessions}
        self.host = host
        self.port = port
        self.secret = secret or secrets.token_urlsafe(SECRET_BYTES)
        self.loopback = loopback
        """Only loopback Host names are accepted (the server listens on loopback only)."""
        self._services: set[Any] = set()
        self._sockets: set[web.WebSocketResponse] = set()
        self._runner: web.AppRunner | None = None

    # -- addresses -------------------------------------------------------------------------------------

    def url(self, session_path: str = "") -> str:
        """The address to open, secret included (after ``start``, when the port is known)."""
        name = self.host.strip("[]")
        where = f"[{name}]" if ":" in name else name
        if name in ("0.0.0.0", "::"):
            where = "127.0.0.1"  # listening everywhere: this machine can open it on loopback
        return f"http://{where}:{self.port}/{self.secret}/" + (f"{session_path}/" if session_path else "")

    def _allowed_host(self, host: str | None) -> bool:
        if not host:
            return False
        if not self.loopback:
            return True  # any name this machine is reached by; the secret and the Origin still guard it
        allowed = {f"{name}:{self.port}" for name in LOOPBACK_HOSTS}
        return host.lower() in allowed

    def _has_secret(self, request: web.Request) -> bool:
        first = request.path.split("/", 2)[1] if request.path.startswith("/") else ""
        return hmac.compare_digest(first.encode("utf-8", "replace"), self.secret.encode())

    # -- the aiohttp application -----------------------------------------------------------------------

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        base = f"/{self.secret}"
        for path in self.sessions:
            prefix = f"{base}/{path}" if path else base
            app.router.add_get(f"{prefix}/", self._page)
            app.router.add_get(f"{prefix}/ws", self._websocket)
            if path:
                app.router.add_get(prefix, self._to_slash)
        app.router.add_get(base, self._to_slash)
        app.router.add_get(f"{base}/static/{{name}}", self._static)
        app.on_shutdown.append(self._stop_sessions)
        return app

    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Every request: the secret, a Host of this server, and for the WebSocket its own Origin."""
        if not (self._has_secret(request) and self._allowed_host(request.host)):
            return _forbidden()
        if request.path.endswith("/ws") and request.headers.get("Origin") != f"http://{request.host}":
            return _forbidden()  # a page from another origin, even one that knows the secret
        try:
            response = await handler(request)
        except web.HTTPException as error:
            if error.status == 404:
                return web.Response(status=404)  # with the secret: a wrong path, plainly
            raise
        if not isinstance(response, web.WebSocketResponse):
            response.headers.setdefault("Cache-Control", "no-store")
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["X-Frame-Options"] = "DENY"
        return response

    async def _to_slash(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound(request.path + "/")

    def _session_of(self, request: web.Request) -> Session | None:
        parts = request.path.strip("/").split("/")  # secret, [session path], ["ws"]
        parts = parts[1:-1] if parts and parts[-1] == "ws" else parts[1:]
        return self.sessions.get(parts[0] if parts else "")

    async def _page(self, request: web.Request) -> web.StreamResponse:
        session = self._session_of(request)
        if session is None:
            raise web.HTTPNotFound()
        websocket_url = f"ws://{request.host}{request.path}ws"
        font_size = _clamp(request.query.get("fontsize"), 16, 6, 96)
        text = page_html(session.title, f"/{self.secret}/static/", websocket_url, font_size)
        response = web.Response(text=text, content_type="text/html", charset="utf-8")
        response.headers["Content-Security-Policy"] = content_security_policy(f"ws://{request.host}")
        return response

    async def _static(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if name == "page.js":
            return web.Response(text=PAGE_SCRIPT, content_type="text/javascript", charset="utf-8")
        if name == "page.css":
            style = PAGE_STYLE.replace("STATIC/", f"/{self.secret}/static/")
            return web.Response(text=style, content_type="text/css", charset="utf-8")
        if name not in STATIC_FILES:
            raise web.HTTPNotFound()
        relative, content_type = STATIC_FILES[name]
        body = await asyncio.to_thread((_textual_serve_static() / relative).read_bytes)
        response = web.Response(body=body, content_type=content_type)
        response.headers["Cache-Control"] = "private, max-age=3600"
        return response

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        from textual_serve.app_service import AppService
        from textual_serve.download_manager import DownloadManager

        session = self._session_of(request)
        if session is None:
            raise web.HTTPNotFound()
        socket = web.WebSocketResponse(heartbeat=15, max_msg_size=1024 * 1024)
        await socket.prepare(request)
        width = _clamp(request.query.get("width"), 80, 10, 1000)
        height = _clamp(request.query.get("height"), 24, 5, 500)
        service = AppService(
            session.command,
            write_bytes=socket.send_bytes,
            write_str=socket.send_str,
            close=lambda: _close(socket),
            download_manager=DownloadManager(),  # the workshop offers no downloads; /download is refused
        )
        self._services.add(service)
        self._sockets.add(socket)
        try:
            # A tab closed mid-message, or a child that could not start: the session ends, quietly (the
            # child's own complaint, if any, is on this terminal already).
            with contextlib.suppress(OSError, RuntimeError, asyncio.IncompleteReadError):
                await service.start(width, height)
                await self._relay(socket, service)
        finally:
            self._sockets.discard(socket)
            await self._stop_service(service)
            self._services.discard(service)
        return socket

    async def _relay(self, socket: web.WebSocketResponse, service: Any) -> None:
        """Keys and sizes from the browser to the app, as textual-serve does; malformed messages dropped."""
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not (isinstance(envelope, list) and envelope and isinstance(envelope[0], str)):
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                width = _clamp(str(data.get("width")), 80, 10, 1000)
                height = _clamp(str(data.get("height")), 24, 5, 500)
                await service.set_terminal_size(width, height)
            elif kind == "ping":
                await socket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def _stop_service(self, service: Any) -> None:
        """Ask the app to quit (it saves on the way out); kill it only if it has not within ``STOP_WAIT``."""
        process = getattr(service, "_process", None)  # textual-serve keeps no public handle on it
        try:
            await asyncio.wait_for(service.stop(), STOP_WAIT)
        except (TimeoutError, OSError, RuntimeError, AssertionError):
            if process is not None and process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
        if process is not None:
            # Reaped here, while the loop runs: a process left to the garbage collector closed its pipes
            # after the loop had ended ("Event loop is closed", seen in the suite).
            with contextlib.suppress(TimeoutError, OSError, RuntimeError):
                await asyncio.wait_for(process.wait(), STOP_WAIT)

    async def _stop_sessions(self, app: web.Application) -> None:
        await asyncio.gather(*(self._stop_service(service) for service in list(self._services)))
        for socket in list(self._sockets):
            await socket.close()

    # -- running ---------------------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen (``port`` 0 picks a free port, and ``port`` then holds it). Raises ``OSError``."""
        runner = web.AppRunner(
            self.make_app(), access_log=None, handle_signals=False, shutdown_timeout=STOP_WAIT + 1
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        if self.port == 0:
            self.port = next(iter(_bound_ports(runner)))

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def serve(self, ready: Callable[[WorkshopServer], None]) -> None:
        """Serve until Ctrl+C or SIGTERM; ``ready`` is called once listening. ``OSError`` if it cannot."""

        async def main() -> None:
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for name in ("SIGINT", "SIGTERM", "SIGHUP"):
                with contextlib.suppress(AttributeError, NotImplementedError, ValueError):
                    loop.add_signal_handler(getattr(signal, name), stop.set)
            await self.start()
            try:
                ready(self)
                await stop.wait()
            finally:
                await self.stop()

        asyncio.run(main())


async def _close(socket: web.WebSocketResponse) -> None:
    await socket.close()


def _bound_ports(runner: web.AppRunner) -> Iterator[int]:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            yield int(address[1])
