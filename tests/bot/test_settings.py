"""The settings object (bot/settings.py): a bad value stops the program with a message naming the variable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.settings import SettingsError, load_settings

DEPLOY_ENV = Path(__file__).resolve().parents[2] / "deploy" / "systemd" / "arkistobotti.env.example"
APP_ID = "00000000-0000-4000-8000-00000000a99d"


def test_the_example_environment_of_the_deployment_is_valid() -> None:
    lines = DEPLOY_ENV.read_text(encoding="utf-8").splitlines()
    environ = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
    settings = load_settings(environ)
    assert settings.microsoft_app_type == "SingleTenant" and settings.log_level == "INFO"


def test_good_values_are_read_and_tidied() -> None:
    settings = load_settings(
        {
            "ARKISTOBOTTI_LOG_LEVEL": "warning",
            "ARKISTOBOTTI_MICROSOFT_APP_TYPE": "multitenant",
            "ARKISTOBOTTI_DESK_TIMEZONE": "Europe/Stockholm",
            "ARKISTOBOTTI_DESK_INVITE_RECIPIENTS": " arkisto-kaikki@hyvinvointialue.example.fi, o'brien+deski@example.invalid ,",
            "ARKISTOBOTTI_DESK_UPKEEP_TIME": "04:30",
            "ARKISTOBOTTI_DESK_SESSION_TIMES": "09:00-09:30,09:30-10:00",
            "ARKISTOBOTTI_PUBLIC_BASE_URL": "https://bot.example.fi/arkistobotti/",
            "ARKISTOBOTTI_KANTA_URL": "",
            "ARKISTOBOTTI_KNOWLEDGE_DIR": "",
            "ARKISTOBOTTI_HOST": "::",
            "ARKISTOBOTTI_SMTP_HOST": "smtp.example.fi",
        }
    )
    assert settings.log_level == "WARNING" and settings.microsoft_app_type == "MultiTenant"
    assert settings.invite_recipients == ["arkisto-kaikki@hyvinvointialue.example.fi", "o'brien+deski@example.invalid"]
    assert settings.desk_upkeep_time == dt.time(4, 30)
    assert settings.public_base_url == "https://bot.example.fi/arkistobotti"
    assert settings.kanta_url is None and settings.knowledge_dir is None  # empty means unset: the embedded archive, the packaged articles


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DESK_TIMEZONE", "Mars/X"),
        ("DATABASE_URL", "postgresql://127.0.0.1:5432"),
        ("DATABASE_URL", "postgresql://"),
        ("KANTA_SIM_DATABASE_URL", "postgresql+psycopg://arkisto@db.example.invalid/"),
        ("DESK_TIMEZONE", "../../etc/passwd"),
        ("DESK_TIMEZONE", ""),
        ("LOG_LEVEL", "LOUD"),
        ("LOG_LEVEL", "10"),
        ("DESK_INVITE_RECIPIENTS", "notanemail"),
        ("DESK_INVITE_RECIPIENTS", "kaikki@example.invalid, toinen @example.invalid"),
        ("DESK_INVITE_RECIPIENTS", "kaikki@example"),
        ("DESK_INVITE_RECIPIENTS", "Deski <deski@example.invalid>"),
        ("SMTP_FROM", "arkistodeski"),
        ("PUBLIC_BASE_URL", ""),
        ("PUBLIC_BASE_URL", "bot.example.fi"),
        ("PUBLIC_BASE_URL", "https://"),
        ("PUBLIC_BASE_URL", "https://bot.example.fi/?x=1"),
        ("KANTA_URL", "kanta-gateway:8080"),
        ("KANTA_URL", "http://kanta-gateway:80800"),
        ("DESK_MEETING_URL", "Teams-kokous"),
        ("DESK_MEETING_URL", "https://teams.example.invalid/l/meetup join"),
        ("HOST", "not a host"),
        ("HOST", ""),
        ("SMTP_HOST", "smtp.example.fi:25"),
        ("SMTP_HOST", "10.0.0.300"),
        ("MICROSOFT_APP_ID", "arkistobotti"),
        ("MICROSOFT_APP_TENANT_ID", "not a tenant"),
        ("MICROSOFT_APP_TYPE", "Multi"),
        ("KNOWLEDGE_DIR", "/no/such/directory"),
        ("DESK_UPKEEP_TIME", "3am"),
        ("DESK_UPKEEP_TIME", "24:00"),
        ("DESK_UPKEEP_TIME", "03:00+02:00"),
        ("DESK_SESSION_TIMES", "09:00-10:00,09:30-10:30"),
        ("DESK_SESSION_TIMES", "09:00-09:30,09:00-09:30"),
        ("DESK_SESSION_TIMES", "09:00+02:00-09:30"),
        ("DATABASE_URL", "postgresql://bot@db.example.fi:port/arkistobotti"),
        ("KANTA_TIMEOUT_S", "inf"),
        ("KANTA_FAULT_RATE", "nan"),
        ("QUEUE_BACKOFF_CAP_S", "1e12"),
        ("QUEUE_LEASE_S", "1e300"),
        ("DESK_REMINDER_MINUTES", "100000000000"),
    ],
)
def test_a_bad_value_names_its_variable(variable: str, value: str) -> None:
    with pytest.raises(SettingsError, match=f"ARKISTOBOTTI_{variable}:"):
        load_settings({f"ARKISTOBOTTI_{variable}": value})


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        ({"MICROSOFT_APP_TYPE": "SingleTenant", "MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_PASSWORD": "salaisuus"}, ["MICROSOFT_APP_TENANT_ID"]),
        ({"MICROSOFT_APP_TYPE": "UserAssignedMSI"}, ["MICROSOFT_APP_ID", "MICROSOFT_APP_TENANT_ID"]),
        ({"MICROSOFT_APP_ID": APP_ID}, ["MICROSOFT_APP_PASSWORD"]),
        ({"QUEUE_BACKOFF_BASE_S": "60", "QUEUE_BACKOFF_CAP_S": "30"}, ["QUEUE_BACKOFF_CAP_S", "QUEUE_BACKOFF_BASE_S"]),
        ({"SMTP_STARTTLS": "true", "SMTP_USE_TLS": "true"}, ["SMTP_STARTTLS", "SMTP_USE_TLS"]),
        ({"SMTP_PASSWORD": "salaisuus"}, ["SMTP_USERNAME", "SMTP_PASSWORD"]),
    ],
)
def test_settings_that_do_not_fit_together_name_every_variable(environ: dict[str, str], named: list[str]) -> None:
    with pytest.raises(SettingsError) as error:
        load_settings({f"ARKISTOBOTTI_{k}": v for k, v in environ.items()})
    assert all(f"ARKISTOBOTTI_{variable}" in str(error.value) for variable in named), str(error.value)


def test_a_url_with_a_password_is_not_repeated_in_the_message() -> None:
    with pytest.raises(SettingsError) as error:
        load_settings({"ARKISTOBOTTI_DATABASE_URL": "postgresql://bot:salasana123@db.example.fi:port/arkistobotti"})
    assert "ARKISTOBOTTI_DATABASE_URL" in str(error.value) and "salasana123" not in str(error.value)


@pytest.mark.parametrize("command", [["desk", "schedule"], ["serve"]])
def test_a_bad_time_zone_stops_the_command_before_it_starts(
    command: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("ARKISTOBOTTI_DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")
    monkeypatch.setenv("ARKISTOBOTTI_DESK_TIMEZONE", "Mars/X")
    assert main(command) == 2
    error = capsys.readouterr().err
    assert "ARKISTOBOTTI_DESK_TIMEZONE" in error and "Mars/X" in error and "Traceback" not in error
    assert not (tmp_path / "bot.db").exists()
