"""The README stays true: every setting documented, both commands real, every --help works."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from bot.cli.main import build_parser
from bot.settings import ENV_PREFIX, Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_in_the_configuration_table(field: str) -> None:
    assert f"`{ENV_PREFIX}{field.upper()}`" in README, f"{ENV_PREFIX}{field.upper()} is not documented"


def test_the_two_fresh_machine_commands_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make demo" in README and "make test" in README
    assert "\ndemo:" in makefile and "\ntest:" in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _commands(sub, prefix + (name,))
    return found


@pytest.mark.parametrize("command", _commands(build_parser()), ids=lambda c: " ".join(c) or "arkistobotti")
def test_every_subcommand_has_help(command: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args([*command, "--help"])
    assert exit_.value.code == 0
    assert "usage: arkistobotti" in capsys.readouterr().out


def test_the_readme_says_what_the_tests_need_beside_the_project() -> None:
    section = README[README.index("`make test` creates") : README.index("## Who does what")]
    assert "`../shared` next to the clone" in section
    assert "Chromium" in section and "/usr/bin/chromium" in section
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_target = makefile[makefile.index("\ntest:") :]
    assert "../shared" in test_target and "chromium" in test_target  # make test says when either is missing
