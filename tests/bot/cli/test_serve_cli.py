"""``arkistobotti serve`` and ``arkistobotti chat`` (bot/cli/serve.py, bot/cli/chat.py)."""

from __future__ import annotations

import asyncio
import json
import os
import queue
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
        self.prompts: list[str] = []
        self.changed = threading.Condition()

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
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
    assert "Lukitaanko ja arkistoidaanko 1 asiakirja?" in screen
    assert "Lähetin 1 asiakirjan arkistointijonoon. Kerron, kun se on arkistoitu." in screen
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


async def test_chat_says_when_a_number_matches_no_button(district: District, bot_db_url: str, tmp_path: Path) -> None:
    district.document(S.COMPLETED, title="Päätös")
    terminal = Terminal(["7", "mitä minulla on arkistoimatta", "99", "9" * 5000, "/q"])
    settings = bot_settings(bot_db_url, tmp_path, queue_in_process=False)
    assert await run_chat(settings, "aad-anna", ask=terminal.ask, say=terminal.say) == 0
    screen = terminal.text
    assert "Valintaa 7 ei ole: viimeisimmässä vastauksessa ei ole painikkeita." in screen
    assert "Valintaa 99 ei ole. Paina jotakin näkyvistä numeroista tai kirjoita viesti." in screen
    assert f"Valintaa {'9' * 20} ei ole." in screen  # 5,000 digits: too many for int(), no traceback
    assert "Olen Arkistobotti" not in screen  # no greeting instead of an answer


async def test_chat_never_asks_free_text_for_a_coded_field(district: District, bot_db_url: str, tmp_path: Path) -> None:
    doc = district.document(S.LOCKED, title="Ilman tehtävää", service_task_code=None, social_services=["37"])
    terminal = Terminal([])
    terminal.script = [
        "mitä minulla on arkistoimatta",
        terminal.number_of("Korjaa tiedot"),
        terminal.number_of("Päivitä vaihtoehdot"),
        "1",  # the first service task
        "",  # keep the unit
        terminal.number_of("Tallenna"),
        "",  # keep the service task
        "",  # choose no social service
        "",  # keep the unit
        "/q",
    ]
    settings = bot_settings(bot_db_url, tmp_path, queue_in_process=False)
    assert await run_chat(settings, "aad-anna", ask=terminal.ask, say=terminal.say) == 0
    screen = terminal.text
    assert f"Asiakirjan tiedot: Ilman tehtävää (nro {doc})" in screen
    assert not [p for p in terminal.prompts if "Kirjoita teksti" in p], terminal.prompts  # no free text for a coded field
    assert "Sosiaalipalvelut: –" in screen  # after the refresh: offered, nothing preselected
    assert "Tässä ei ole nyt vaihtoehtoja" not in screen  # the first card offered no empty list to begin with


async def test_chat_gives_a_login_link_that_the_server_accepts(district: District, bot_db_url: str, tmp_path: Path) -> None:
    import aiohttp

    from bot.app import create_app
    from botkit import start_bot

    settings = bot_settings(bot_db_url, tmp_path, queue_in_process=False)
    terminal = Terminal(["kirjautumislinkki", "/q"])
    assert await run_chat(settings, "aad-anna", ask=terminal.ask, say=terminal.say) == 0
    assert "eivät ole käytössä" not in terminal.text
    (line,) = [line for line in terminal.screen if "kirjautumislinkkisi" in line]
    token = line.rsplit("/kirjaudu?t=", 1)[1].strip()
    runner, url = await start_bot(create_app(settings, background=False))
    try:
        async with aiohttp.ClientSession() as browser:
            async with browser.post(f"{url}/kirjaudu", data={"t": token}, allow_redirects=False) as response:
                assert response.status == 303
    finally:
        await runner.cleanup()


def test_chat_for_an_unknown_worker_is_an_english_error(district: District, bot_db_url: str, tmp_path: Path) -> None:
    settings = bot_settings(bot_db_url, tmp_path)
    with pytest.raises(CliError, match="no active worker"):
        asyncio.run(run_chat(settings, "nobody", ask=lambda _: "/q", say=lambda _: None))


def _serve_env(bot_db_url: str, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARKISTOBOTTI_") or k == "ARKISTOBOTTI_TEST_POSTGRES_URL"}
    return {**env, "ARKISTOBOTTI_DATABASE_URL": bot_db_url, "ARKISTOBOTTI_KANTA_SIM_DATABASE_URL": f"sqlite:///{tmp_path / 'kanta-sim.db'}"}


def test_serve_json_announces_one_object_once_it_listens(bot_db_url: str, tmp_path: Path) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli.main", "serve", "--port", str(port), "--json"],
        env=_serve_env(bot_db_url, tmp_path), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        announcement = json.loads(process.stdout.readline())
        assert announcement == {"listening": f"http://127.0.0.1:{port}/api/messages", "auth": False}
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:  # already listening
            assert response.status == 200
    finally:
        process.terminate()
        rest, _ = process.communicate(timeout=20)
    assert rest == ""  # nothing else on stdout


def test_serve_on_a_port_in_use_is_a_one_line_error(bot_db_url: str, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for extra in ([], ["--json"]):
            out = subprocess.run(
                [sys.executable, "-m", "bot.cli.main", "serve", "--port", str(port), *extra],
                env=_serve_env(bot_db_url, tmp_path), capture_output=True, text=True, timeout=60,
            )  # fmt: skip
            assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
            assert out.stderr.splitlines()[-1] == f"arkistobotti: error: cannot listen on 127.0.0.1:{port}: Address already in use"
            assert out.stdout == ""  # no "listening" announcement for a port it never had


class JsonChat:
    """``arkistobotti chat --json`` in a child process: lines in, one JSON object per line out."""

    def __init__(self, env: dict[str, str], worker: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli.main", "chat", "--worker", worker, "--json"],
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.objects: queue.Queue[dict[str, object]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.objects.put(json.loads(line))  # a line that is not JSON fails the test in next()

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def until(self, wanted: Callable[[dict[str, object]], bool], timeout: float = 30.0) -> list[dict[str, object]]:
        """Objects read until (and with) the first one ``wanted`` accepts."""
        seen: list[dict[str, object]] = []
        deadline = time.monotonic() + timeout
        while not seen or not wanted(seen[-1]):
            try:
                seen.append(self.objects.get(timeout=max(0.1, deadline - time.monotonic())))
            except queue.Empty:
                raise AssertionError(f"not seen in {timeout} s; got {seen}") from None
        return seen

    def close(self) -> tuple[int, str]:
        assert self.process.stdin is not None
        assert self.process.stderr is not None
        self.process.stdin.close()  # end of input ends the chat
        err = self.process.stderr.read()
        return self.process.wait(timeout=30), err


def _strings(value: object) -> str:
    """Every string in a JSON value, one per line: what a card shows."""
    if isinstance(value, dict):
        return "\n".join(_strings(v) for v in value.values())
    if isinstance(value, list):
        return "\n".join(_strings(v) for v in value)
    return value if isinstance(value, str) else ""


def _button(objects: list[dict[str, object]], title: str) -> int:
    """The number of the latest button titled ``title``."""
    numbers = [b["number"] for o in objects for b in o.get("buttons", []) if b["title"] == title]  # type: ignore[attr-defined]
    assert numbers, f"no button {title!r} in {objects}"
    return int(numbers[-1])


def test_chat_json_prints_each_reply_as_one_object_and_fills_inputs(district: District, bot_db_url: str, tmp_path: Path) -> None:
    doc = district.document(S.COMPLETED, title="Päätös", social_services=[])
    chat = JsonChat({**_serve_env(bot_db_url, tmp_path), "ARKISTOBOTTI_QUEUE_IN_PROCESS": "false"}, "aad-anna")
    try:
        chat.send("hei")
        [hello] = chat.until(lambda o: o["type"] == "reply")
        assert set(hello) == {"type", "text", "card", "buttons", "later"} and hello["later"] is False
        assert hello["card"]["type"] == "AdaptiveCard"  # type: ignore[index]
        assert "Hei Anna! Olen Arkistobotti." in _strings(hello["card"])
        buttons = hello["buttons"]
        assert [b["number"] for b in buttons] == list(range(1, len(buttons) + 1))  # type: ignore[index, union-attr, arg-type]
        link = next(b for b in buttons if "url" in b)  # type: ignore[union-attr, operator]
        chat.send(str(link["number"]))  # type: ignore[index]
        assert chat.until(lambda o: True) == [{"type": "link", "url": link["url"]}]  # type: ignore[index]
        chat.send("mitä minulla on arkistoimatta")
        listing = chat.until(lambda o: "Korjaa tiedot" in [b["title"] for b in o["buttons"]])  # type: ignore[union-attr]
        assert f"Päätös · nro {doc}" in _strings(listing)
        chat.send(str(_button(listing, "Korjaa tiedot")))
        form = chat.until(lambda o: "Tallenna" in [b["title"] for b in o.get("buttons", [])])  # type: ignore[union-attr]
        chat.send(str(_button(form, "Tallenna")))
        task = chat.until(lambda o: o["type"] == "input")[-1]
        assert task["multi"] is False and task["choices"][0] == {"number": 1, "value": task["choices"][0]["value"], "title": task["choices"][0]["title"]}  # type: ignore[index]
        chat.send("")  # keep the service task (Vammaispalvelut)
        services = chat.until(lambda o: o["type"] == "input")[-1]
        assert services["multi"] is True and len(services["choices"]) >= 4  # type: ignore[arg-type]
        chat.send("2,4")  # the 2nd and 4th social services offered for it
        chat.until(lambda o: o["type"] == "input")
        chat.send("")  # keep the unit
        saved = chat.until(lambda o: f'Tallensin asiakirjan "Päätös" (nro {doc}) tiedot.' in _strings(o))
        assert all(o["type"] == "reply" for o in saved)
    finally:
        code, err = chat.close()
    assert code == 0 and "Traceback" not in err
    assert "Arkistobotti keskustelee kanssasi" in err  # the greeting is for people: stderr
