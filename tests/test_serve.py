"""``workshop serve``: loopback by default, a warning when asked to bind wider. No server is started."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

import pytest

from workshop.cli import build_parser, command_modules, main
from workshop.commands import serve


def parse(*argv: str) -> argparse.Namespace:
    return build_parser(command_modules()).parse_args(list(argv))


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]", "LOCALHOST"])
def test_loopback_hosts(host: str) -> None:
    assert serve.is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org", "10.0.0.1"])
def test_wider_hosts(host: str) -> None:
    assert not serve.is_loopback(host)


def test_defaults_are_loopback_and_port_8000() -> None:
    args = parse("serve")
    assert (args.host, args.port) == ("127.0.0.1", 8000)


@pytest.mark.parametrize("port", ["0", "65536", "http"])
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


def test_server_is_built_for_the_host_and_port_without_serving() -> None:
    server = serve.build_server(parse("serve", "--host", "::1", "--port", "8123"))
    assert (server.host, server.port) == ("::1", 8123)
    assert server.public_url == "http://[::1]:8123"
    assert "-m workshop" in server.command


def test_binding_wider_warns(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    served: list[tuple[str, int]] = []

    def fake_serve(self: object, debug: bool = False) -> None:
        served.append((self.host, self.port))  # type: ignore[attr-defined]

    from textual_serve.server import Server

    monkeypatch.setattr(Server, "serve", fake_serve)
    assert main(["serve", "--host", "0.0.0.0", "--port", "9000"]) == 0
    err = capsys.readouterr().err
    assert "warning" in err
    assert "0.0.0.0" in err
    assert "no password" in err.lower()
    assert served == [("0.0.0.0", 9000)]

    assert main(["serve"]) == 0
    assert "warning" not in capsys.readouterr().err
    assert served[-1] == ("127.0.0.1", 8000)
