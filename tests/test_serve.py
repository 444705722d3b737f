"""``workshop serve``: only its owner can open it, and the page asks no other host for anything.

The security tests run the real server on a free port and talk to it with aiohttp's client, over real
HTTP and a real WebSocket, as a browser (or another program on the machine) would.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shlex
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import aiohttp
import pytest

from tests.test_real_terminal import offer_answered
from workshop.cli import build_parser, command_modules, main
from workshop.commands import serve
from workshop.web import Session, WorkshopServer


def parse(*argv: str) -> argparse.Namespace:
    return build_parser(command_modules()).parse_args(list(argv))


# --------------------------------------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]", "LOCALHOST"])
def test_loopback_hosts(host: str) -> None:
    assert serve.is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org", "10.0.0.1"])
def test_wider_hosts(host: str) -> None:
    assert not serve.is_loopback(host)


def test_defaults_are_loopback_and_port_8000() -> None:
    args = parse("serve")
    assert (args.host, args.port, args.present) == ("127.0.0.1", 8000, False)


@pytest.mark.parametrize("port", ["-1", "65536", "http"])
def test_bad_ports_are_usage_errors(port: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse("serve", "--port", port)
    assert exit_.value.code == 2


def test_command_runs_this_workshop_with_the_same_options(tmp_path: Path) -> None:
    program = tmp_path / "my program; rm -rf ~"
    args = parse("--program", str(program), "--data-dir", str(tmp_path / "data"), "serve")
    parts = shlex.split(serve.server_command(args))
    assert parts == [sys.executable, "-m", "workshop", "--program", str(program.resolve()),
                     "--data-dir", str((tmp_path / "data").resolve())]
    assert shlex.split(serve.server_command(parse("serve"))) == [sys.executable, "-m", "workshop"]


def test_present_serves_the_days_slides_and_its_notes() -> None:
    slides, notes = serve.sessions(parse("serve", "--present", "--day", "2", "--theme", "light"), "Mini")
    assert (slides.path, notes.path) == ("", "notes")
    assert shlex.split(slides.command)[3:] == ["present", "--day", "2", "--theme", "light"]
    assert shlex.split(notes.command)[3:] == ["present", "--day", "2", "--theme", "light", "--notes"]
    [workshop] = serve.sessions(parse("serve"), "Mini")
    assert shlex.split(workshop.command)[3:] == []


def test_each_run_has_its_own_unguessable_secret() -> None:
    first, second = (serve.build_server(parse("serve")) for _ in range(2))
    assert first.secret != second.secret and len(first.secret) >= 32
    assert re.fullmatch(r"[A-Za-z0-9_-]+", first.secret)
    assert first.url() == f"http://127.0.0.1:8000/{first.secret}/"
    assert serve.build_server(parse("serve", "--host", "::1", "--port", "8123")).url().startswith("http://[::1]:8123/")


def test_serving_checks_the_program_and_day_first(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], mini_program_dir: Path
) -> None:
    monkeypatch.setattr(WorkshopServer, "serve", lambda self, ready: pytest.fail("must not serve"))
    assert main(["--program", str(mini_program_dir), "serve", "--present", "--day", "9"]) == 2
    assert "no day 9" in capsys.readouterr().err


def test_binding_wider_warns_and_loopback_does_not(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], mini_program_dir: Path
) -> None:
    served: list[tuple[str, int, bool, str]] = []

    def fake_serve(self: WorkshopServer, ready: Callable[[WorkshopServer], None]) -> None:
        served.append((self.host, self.port, self.loopback, self.secret))
        ready(self)

    monkeypatch.setattr(WorkshopServer, "serve", fake_serve)
    assert main(["--program", str(mini_program_dir), "serve", "--host", "0.0.0.0", "--port", "9000"]) == 0
    out, err = capsys.readouterr()
    assert "warning" in err and "0.0.0.0" in err and "not encrypted" in err
    assert served[-1][:3] == ("0.0.0.0", 9000, False)
    assert f"http://127.0.0.1:9000/{served[-1][3]}/" in out and "From another machine" in out

    assert main(["--program", str(mini_program_dir), "serve", "--present", "--day", "2"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "From another machine" not in out
    assert served[-1][:3] == ("127.0.0.1", 8000, True)
    secret = served[-1][3]
    assert f"    http://127.0.0.1:8000/{secret}/\n" in out and f"    http://127.0.0.1:8000/{secret}/notes/\n" in out


def test_a_busy_port_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], mini_program_dir: Path
) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--program", str(mini_program_dir), "serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert err == f"workshop: port {port} is already in use (by another program?); choose one with --port\n"


# --------------------------------------------------------------------------------------------------------
# A real server on a free port
# --------------------------------------------------------------------------------------------------------


@pytest.fixture
async def server(tmp_path: Path, mini_program_dir: Path) -> AsyncIterator[WorkshopServer]:
    offer_answered(tmp_path / "config")  # the workshop's config folder here (conftest): no first-run offer
    args = parse("--program", str(mini_program_dir), "--data-dir", str(tmp_path / "data"), "serve")
    running = WorkshopServer(serve.sessions(args, "Mini program"), host="127.0.0.1", port=0)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


def origin(server: WorkshopServer) -> str:
    return f"http://127.0.0.1:{server.port}"


async def test_every_request_without_the_secret_is_refused_without_detail(
    server: WorkshopServer, http: aiohttp.ClientSession
) -> None:
    secret = server.secret
    for path in [
        "/", "/ws", "/static/js/textual.js", "/download/x", "/favicon.ico",
        f"/{secret[:-1]}/", f"/{secret}x/", f"/{secret.upper()}/", f"/x/{secret}/", f"/?{secret}",
    ]:  # fmt: skip
        async with http.get(origin(server) + path, allow_redirects=False) as response:
            assert (path, response.status) == (path, 403)
            assert await response.read() == b""
            assert "Set-Cookie" not in response.headers


async def test_the_page_is_served_only_under_a_host_of_this_machine(
    server: WorkshopServer, http: aiohttp.ClientSession
) -> None:
    page = server.url()
    async with http.get(page) as response:
        assert response.status == 200
    for host in ["127.0.0.1", "localhost", "[::1]"]:
        async with http.get(page, headers={"Host": f"{host}:{server.port}"}) as response:
            assert response.status == 200, host
    # A page of another site that resolves its own name to 127.0.0.1 (DNS rebinding) is refused.
    for host in [f"evil.example:{server.port}", "127.0.0.1:1", ""]:
        async with http.get(page, headers={"Host": host}) as response:
            assert response.status == 403, host


@pytest.mark.parametrize(
    "case",
    ["no secret", "wrong secret", "foreign origin", "another port of this machine", "no origin"],
)
async def test_the_websocket_refuses_anyone_but_its_own_page(
    server: WorkshopServer, http: aiohttp.ClientSession, case: str
) -> None:
    url = f"ws://127.0.0.1:{server.port}/{server.secret}/ws"
    headers = {"Origin": origin(server)}
    if case == "no secret":
        url = f"ws://127.0.0.1:{server.port}/ws"
    elif case == "wrong secret":
        url = url.replace(server.secret, "A" * len(server.secret))
    elif case == "foreign origin":
        headers = {"Origin": "https://evil.example"}
    elif case == "another port of this machine":
        headers = {"Origin": f"http://127.0.0.1:{server.port + 1}"}
    else:
        headers = {}
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await http.ws_connect(url, headers=headers)
    assert refused.value.status == 403


async def test_the_right_secret_from_the_page_itself_runs_the_workshop(
    server: WorkshopServer, http: aiohttp.ClientSession
) -> None:
    url = f"ws://127.0.0.1:{server.port}/{server.secret}/ws?width=100&height=30"
    async with http.ws_connect(url, headers={"Origin": origin(server)}) as socket:
        await socket.send_json(["ping", "hello"])
        screen = b""
        pong = False
        async with asyncio.timeout(60):  # the workshop starts in its own process
            while not (pong and b"Mini" in screen and b"Begin day 1" in screen):
                message = await socket.receive()
                if message.type == aiohttp.WSMsgType.BINARY:
                    screen += message.data
                elif message.type == aiohttp.WSMsgType.TEXT:
                    pong = pong or message.json() == ["pong", "hello"]
                else:
                    pytest.fail(f"the socket closed: {message}")
        await socket.send_str("not json")  # dropped, not a crash
        await socket.send_json(["stdin", "\x11"])  # ctrl+q: the workshop quits and the socket closes
        async with asyncio.timeout(30):
            while (await socket.receive()).type not in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                pass


_ABSOLUTE = re.compile(rb"(?i)\b[a-z][a-z0-9+.-]*://[^\s\"'<>)]*|(?<![:\w])//[a-z0-9.-]+\.[a-z]{2,}")


async def test_the_served_page_references_no_other_host(
    server: WorkshopServer, http: aiohttp.ClientSession
) -> None:
    async with http.get(server.url()) as response:
        page = await response.read()
        policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    for directive in policy.split(";"):
        sources = directive.split()[1:]
        assert all(s.startswith("'") or s in {"data:", f"ws://127.0.0.1:{server.port}"} for s in sources), policy
    # Everything the page loads is under this server's secret path; fetch it all, and what CSS loads too.
    references = [r.decode() for r in re.findall(rb'(?:src|href)="([^"]+)"', page)]
    assert references and all(r.startswith(f"/{server.secret}/static/") or r == "data:," for r in references)
    bodies = {"page": page}
    for reference in [r for r in references if r != "data:,"]:
        async with http.get(origin(server) + reference) as response:
            assert response.status == 200, reference
            bodies[reference] = await response.read()
    for reference, body in list(bodies.items()):
        if reference.endswith(".css"):
            for url in re.findall(rb'url\("?([^")]+)"?\)', body):
                assert url.startswith(f"/{server.secret}/static/".encode()), url
                async with http.get(origin(server) + url.decode()) as response:
                    assert response.status == 200 and response.content_type == "font/ttf"
    assert len(bodies) >= 6  # the page, two stylesheets, two scripts, the font
    for reference, body in bodies.items():
        code = re.sub(rb"/\*.*?\*/", b"", body, flags=re.DOTALL)  # licence comments name their authors' sites
        found = [m for m in _ABSOLUTE.findall(code) if not m.startswith(b"ws://127.0.0.1:")]
        # The only address-like text in textual.js is the pattern its link detector matches.
        found = [m for m in found if not m.startswith((b"(https?|HTTPS?):[/]{2}",))]
        assert found == [], (reference, found[:5])
    assert b"googleapis" not in b"".join(bodies.values())


async def test_only_the_files_a_page_needs_are_served(server: WorkshopServer, http: aiohttp.ClientSession) -> None:
    base = f"{origin(server)}/{server.secret}/static/"
    for name in ["textual.js", "xterm.css", "RobotoMono.ttf", "page.js", "page.css"]:
        async with http.get(base + name) as response:
            assert response.status == 200, name
            assert response.headers["X-Content-Type-Options"] == "nosniff"
    for name in ["images/background.png", "..%2Fserver.py", "js", "fonts/RobotoMono-VariableFont_wght.ttf"]:
        async with http.get(base + name) as response:
            assert response.status == 404, name


async def test_present_sessions_are_served_at_their_own_paths(tmp_path: Path, mini_program_dir: Path) -> None:
    args = parse("--program", str(mini_program_dir), "serve", "--present", "--day", "2")
    running = WorkshopServer(serve.sessions(args, "Mini"), host="127.0.0.1", port=0)
    await running.start()
    try:
        async with aiohttp.ClientSession() as http:
            for url, websocket in [(running.url(), "/ws"), (running.url("notes"), "/notes/ws")]:
                async with http.get(url) as response:
                    text = await response.text()
                assert f'data-session-websocket-url="ws://127.0.0.1:{running.port}/{running.secret}{websocket}"' in text
            async with http.get(running.url("notes").rstrip("/"), allow_redirects=False) as response:
                assert response.status == 302 and response.headers["Location"].endswith("/notes/")
    finally:
        await running.stop()


def test_a_session_is_plain_data() -> None:
    assert Session("", "true", "t") == Session("", "true", "t")
