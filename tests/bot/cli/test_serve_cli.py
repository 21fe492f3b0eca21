"""``arkistobotti serve`` and ``arkistobotti chat`` (bot/cli/serve.py, bot/cli/chat.py)."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from archiving.enums import DocumentStatus as S
from bot.cli.chat import run_chat
from bot.cli.common import CliError
from bot.cli.main import main
from bot.cli.serve import is_loopback
from botkit import District, bot_settings


def test_loopback_addresses() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "10.0.0.5", "bot.example.fi", ""))


def test_serve_refuses_a_public_address_without_app_id(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("ARKISTOBOTTI_MICROSOFT_APP_ID", raising=False)
    assert main(["serve", "--host", "0.0.0.0", "--port", "3978"]) == 2
    error = capsys.readouterr().err
    assert "refusing to listen on '0.0.0.0' without Bot Framework authentication" in error
    assert "ARKISTOBOTTI_MICROSOFT_APP_ID" in error


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_runs_the_app_on_loopback(bot_db_url: str, tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "ARKISTOBOTTI_DATABASE_URL": bot_db_url, "ARKISTOBOTTI_KANTA_SIM_DATABASE_URL": f"sqlite:///{tmp_path / 'k.db'}"}
    env.pop("ARKISTOBOTTI_MICROSOFT_APP_ID", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli.main", "serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                    assert response.status == 200
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"serve did not come up:\n{process.stdout.read() if process.stdout else ''}") from None
                time.sleep(0.1)
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=20)
    assert f"listening on http://127.0.0.1:{port}/api/messages" in output


class Terminal:
    """Scripted keyboard and a captured screen; a step may wait until the screen shows something."""

    def __init__(self, script: list[str | Callable[[], None]]) -> None:
        self.script = list(script)
        self.screen: list[str] = []
        self.changed = threading.Condition()

    def ask(self, prompt: str) -> str:
        while self.script and callable(self.script[0]):
            self.script.pop(0)()  # type: ignore[operator]
        if not self.script:
            raise EOFError
        return str(self.script.pop(0))

    def say(self, text: str) -> None:
        with self.changed:
            self.screen.append(text)
            self.changed.notify_all()

    def wait_for(self, fragment: str, timeout: float = 15.0) -> Callable[[], None]:
        def wait() -> None:
            with self.changed:
                if not self.changed.wait_for(lambda: fragment in self.text, timeout):
                    raise AssertionError(f"{fragment!r} never appeared:\n{self.text}")

        return wait

    @property
    def text(self) -> str:
        return "\n".join(self.screen)

    def number_of(self, title: str) -> Callable[[], None]:
        """A step that types the number of the latest button titled ``title``."""

        def press() -> None:
            for line in reversed(self.text.splitlines()):
                if line.startswith("[") and title in line:
                    self.script.insert(0, line[1 : line.index("]")])
                    return
            raise AssertionError(f"no button {title!r} on screen")

        return press


async def test_chat_in_the_terminal_archives_and_reports_back(district: District, bot_db_url: str, tmp_path: Path) -> None:
    doc = district.document(S.COMPLETED, title="Palvelusuunnitelma")
    settings = bot_settings(bot_db_url, tmp_path)
    terminal = Terminal([])
    terminal.script = [
        "hei",
        "mitä minulla on arkistoimatta",
        terminal.number_of("Lukitse ja arkistoi"),
        terminal.number_of("Kyllä, lukitse ja arkistoi"),
        terminal.wait_for("on arkistoitu Kantaan"),
        "/q",
    ]
    assert await run_chat(settings, "aad-anna", ask=terminal.ask, say=terminal.say) == 0
    screen = terminal.text
    assert "Hei Anna! Olen Arkistobotti." in screen
    assert f"Palvelusuunnitelma · nro {doc}" in screen
    assert "Lukitaanko ja arkistoidaanko 1 asiakirjaa?" in screen
    assert "Lähetin 1 asiakirjaa arkistointijonoon" in screen
    assert f'[myöhemmin]\nAsiakirja "Palvelusuunnitelma" (nro {doc}) on arkistoitu Kantaan.' in screen
    for hetu in district.hetus:
        assert hetu not in screen


async def test_chat_fills_card_inputs_by_number(district: District, bot_db_url: str, tmp_path: Path) -> None:
    doc = district.document(S.COMPLETED, title="Päätös", social_services=[])
    terminal = Terminal([])
    terminal.script = [
        "mitä minulla on arkistoimatta",
        terminal.number_of("Korjaa tiedot"),
        terminal.number_of("Tallenna"),
        "",  # keep the service task (Vammaispalvelut)
        "2,4",  # the 2nd and 4th social services offered for it
        "",  # keep the unit
        "/q",
    ]
    settings = bot_settings(bot_db_url, tmp_path, queue_in_process=False)
    assert await run_chat(settings, str(district.workers["anna"]), ask=terminal.ask, say=terminal.say) == 0
    assert f'Tallensin asiakirjan "Päätös" (nro {doc}) tiedot.' in terminal.text


def test_chat_for_an_unknown_worker_is_an_english_error(district: District, bot_db_url: str, tmp_path: Path) -> None:
    settings = bot_settings(bot_db_url, tmp_path)
    with pytest.raises(CliError, match="no active worker"):
        asyncio.run(run_chat(settings, "nobody", ask=lambda _: "/q", say=lambda _: None))
