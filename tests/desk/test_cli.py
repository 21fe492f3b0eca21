"""``arkistobotti desk ...`` and ``web login-link`` through the real console entry point.

The CLI reads the real clock, so dates here are relative to today.
"""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from archiving.db import make_engine, read_only
from bot.cli.main import main
from bot.desk.models import DeskAbsence, DeskHostAssignment, DeskSeries, DeskSession, InvitationSend, WebLogin

from .support import add_people, count

HELSINKI = ZoneInfo("Europe/Helsinki")


def _configured(url, monkeypatch):
    """A migrated database at ``url`` with the desk people, configured through the environment alone."""
    for key in list(__import__("os").environ):
        if key.startswith("ARKISTOBOTTI_") and key != "ARKISTOBOTTI_TEST_POSTGRES_URL":
            monkeypatch.delenv(key)
    monkeypatch.setenv("ARKISTOBOTTI_DATABASE_URL", url)
    engine = make_engine(url)
    people = add_people(engine)
    yield engine, people
    engine.dispose()


@pytest.fixture
def cli(sqlite_url, monkeypatch):
    """A migrated SQLite database with the desk people, configured through the environment."""
    yield from _configured(sqlite_url, monkeypatch)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def today() -> dt.date:
    return dt.datetime.now(HELSINKI).date()


def test_schedule_json_has_start_end_with_offset_and_hosts(cli, capsys) -> None:
    engine, people = cli
    code, out, err = run(capsys, "desk", "schedule", "--weeks", "2", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert 16 <= len(rows) <= 30  # two whole weeks and the rest of this one, minus any holidays, two slots each
    for row in rows:
        start, end = dt.datetime.fromisoformat(row["start"]), dt.datetime.fromisoformat(row["end"])
        assert start.utcoffset() is not None and end - start == dt.timedelta(minutes=30)
        assert start.astimezone(HELSINKI).time() in (dt.time(9), dt.time(13))
        assert row["hosts"] and set(row["hosts"]) <= {"Aino Neuvoja", "Eero Neuvoja", "Helmi Neuvoja"}
    again = json.loads(run(capsys, "desk", "schedule", "--weeks", "2", "--json")[1])
    assert again == rows


def test_weeks_are_whole_weeks_from_the_first_day(cli, capsys) -> None:
    """From a Friday, --weeks 2 covers that Friday and the two following weeks in full, not up to the Thursday after next."""
    code, out, err = run(capsys, "desk", "schedule", "--from", "2030-01-11", "--weeks", "2", "--json")
    assert code == 0, err
    days = sorted({dt.datetime.fromisoformat(r["start"]).astimezone(HELSINKI).date() for r in json.loads(out)})
    assert days[0] == dt.date(2030, 1, 11) and days[-1] == dt.date(2030, 1, 25)  # Friday to the Friday two weeks on
    assert len(days) == 11  # that Friday and ten weekdays
    monday = json.loads(run(capsys, "desk", "schedule", "--from", "2030-02-04", "--weeks", "1", "--json")[1])
    assert {dt.datetime.fromisoformat(r["start"]).astimezone(HELSINKI).date() for r in monday} == {
        dt.date(2030, 2, 4) + dt.timedelta(days=i) for i in range(5)
    }  # from a Monday: exactly one week


def test_past_from_date_is_refused_and_nothing_changes(cli, capsys) -> None:
    engine, _ = cli
    yesterday = (today() - dt.timedelta(days=1)).isoformat()
    code, out, err = run(capsys, "desk", "schedule", "--from", yesterday)
    assert code == 2 and out == ""
    assert err.strip() == f"arkistobotti: error: {yesterday} is in the past; give today or a later date"
    assert count(engine, DeskSession) == 0 and count(engine, DeskSeries) == 0


def test_bad_date_format_is_refused(cli, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["desk", "schedule", "--from", "31.12.2030"])
    assert exit_info.value.code == 2
    assert "bad date '31.12.2030', expected YYYY-MM-DD" in capsys.readouterr().err


def test_unknown_host_is_refused_and_hosts_stay(cli, capsys) -> None:
    engine, people = cli
    rows = json.loads(run(capsys, "desk", "schedule", "--weeks", "1", "--json")[1])
    before = count(engine, DeskHostAssignment)
    code, out, err = run(capsys, "desk", "roster", "assign", "--session", str(rows[0]["id"]), "--worker", str(people.kalle))
    assert code == 2
    assert f"worker {people.kalle} is not an active desk-staff member" in err
    assert count(engine, DeskHostAssignment) == before
    code, _, err = run(capsys, "desk", "roster", "absence", "--worker", "424242", "--from", today().isoformat())
    assert code == 2 and "no active worker with id or channel user id '424242'" in err
    code, _, err = run(capsys, "desk", "roster", "absence", "--worker", "aad-kalle", "--from", today().isoformat())
    assert code == 2 and f"worker {people.kalle} is not an active desk-staff member" in err


def test_roster_and_closures_round_trip(cli, capsys) -> None:
    engine, people = cli
    run(capsys, "desk", "schedule", "--weeks", "2")
    day = today() + dt.timedelta(days=7)
    code, out, _ = run(capsys, "desk", "closures", "add", day.isoformat(), "--reason", "Koulutus", "--json")
    assert code == 0 and json.loads(out)["day"] == day.isoformat()
    listed = json.loads(run(capsys, "desk", "closures", "list", "--json")[1])
    assert listed == [{"day": day.isoformat(), "reason": "Koulutus"}]
    code, _, err = run(capsys, "desk", "closures", "add", day.isoformat())
    assert code == 2 and "already a closure day" in err
    code, _, err = run(capsys, "desk", "closures", "add", "2001-01-01")
    assert code == 2 and "in the past" in err
    away = today() + dt.timedelta(days=1)
    code, out, _ = run(capsys, "desk", "roster", "absence", "--worker", str(people.aino), "--from", away.isoformat(), "--json")
    assert code == 0 and "reassigned_sessions" in json.loads(out)
    roster = json.loads(run(capsys, "desk", "roster", "list", "--json")[1])
    aino = next(r for r in roster if r["worker_id"] == people.aino)
    assert aino["absences"] == [{"first": away.isoformat(), "last": away.isoformat()}]


def test_invite_dry_run_then_send_to_a_real_smtp_server(cli, capsys, monkeypatch, smtp_server) -> None:
    engine, _ = cli
    host, port, inbox = smtp_server
    run(capsys, "desk", "schedule", "--weeks", "2")
    code, _, err = run(capsys, "desk", "invite")
    assert code == 2 and "ARKISTOBOTTI_DESK_INVITE_RECIPIENTS" in err

    monkeypatch.setenv("ARKISTOBOTTI_DESK_INVITE_RECIPIENTS", "kaikki@example.invalid")
    monkeypatch.setenv("ARKISTOBOTTI_SMTP_HOST", host)
    monkeypatch.setenv("ARKISTOBOTTI_SMTP_PORT", str(port))
    code, out, _ = run(capsys, "desk", "invite", "--dry-run")
    assert code == 0 and out.count("BEGIN:VCALENDAR") == 2 and "RRULE:FREQ=WEEKLY" in out
    assert count(engine, InvitationSend) == 0 and inbox.envelopes == []

    code, out, err = run(capsys, "desk", "invite", "--json")
    assert code == 0, err
    assert [(r["method"], r["sequence"], r["status"]) for r in json.loads(out)] == [("REQUEST", 0, "sent")] * 2
    assert len(inbox.envelopes) == 2 and inbox.envelopes[0].rcpt_tos == ["kaikki@example.invalid"]
    assert json.loads(run(capsys, "desk", "invite", "--json")[1]) == []  # unchanged: nothing sent again


def test_invite_to_a_dead_server_fails_clearly(cli, capsys, monkeypatch) -> None:
    engine, _ = cli
    run(capsys, "desk", "schedule", "--weeks", "1")
    monkeypatch.setenv("ARKISTOBOTTI_DESK_INVITE_RECIPIENTS", "kaikki@example.invalid")
    monkeypatch.setenv("ARKISTOBOTTI_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("ARKISTOBOTTI_SMTP_PORT", "1")
    code, _, err = run(capsys, "desk", "invite")
    assert code == 2 and "sending failed" in err
    with read_only(engine) as session:
        assert {s.status for s in session.exec(select(InvitationSend))} == {"failed"}
        assert {s.sent_hash for s in session.exec(select(DeskSeries))} == {None}


def test_tickets_from_the_cli_need_desk_staff(cli, capsys) -> None:
    from archiving.clock import system_clock
    from archiving.db import read_only as ro
    from archiving.actors import load_actor
    from archiving.enums import Channel
    from bot.desk import tickets

    engine, people = cli
    with ro(engine) as session:
        kalle = load_actor(session, people.kalle, Channel.CHAT)
    ticket = tickets.open_ticket(engine, kalle, "Miten korjaan palvelutehtävän?", now=system_clock())
    code, _, err = run(capsys, "desk", "tickets", "assign", str(ticket.id), "--as", str(people.liisa))
    assert code == 2 and "only desk staff" in err
    code, out, _ = run(capsys, "desk", "tickets", "reply", str(ticket.id), "--as", str(people.aino), "--message", "Katso ohje.", "--json")
    assert code == 0 and json.loads(out)["state"] == "waiting"
    listed = json.loads(run(capsys, "desk", "tickets", "list", "--state", "waiting", "--json")[1])
    assert [t["id"] for t in listed] == [ticket.id]
    code, _, err = run(capsys, "desk", "tickets", "show", "999")
    assert code == 2 and "ticket 999 was not found" in err


def test_login_link_signs_with_the_configured_secret(cli, capsys, monkeypatch) -> None:
    engine, people = cli
    monkeypatch.setenv("ARKISTOBOTTI_WEB_SECRET", "testisalaisuus-joka-on-riittavan-pitka")
    monkeypatch.setenv("ARKISTOBOTTI_PUBLIC_BASE_URL", "https://arkistobotti.example.invalid")
    code, out, _ = run(capsys, "web", "login-link", "--worker", "aad-aino")
    assert code == 0 and out.startswith("https://arkistobotti.example.invalid/kirjaudu?t=")
    assert count(engine, WebLogin) == 1
    code, _, err = run(capsys, "web", "login-link", "--worker", "nobody")
    assert code == 2 and "no active worker" in err


def test_every_worker_argument_takes_an_id_or_a_channel_user_id(cli, capsys) -> None:
    from archiving.clock import system_clock
    from bot.desk import tickets

    engine, people = cli
    rows = json.loads(run(capsys, "desk", "schedule", "--weeks", "1", "--json")[1])
    session = rows[-1]["id"]
    code, out, err = run(capsys, "desk", "roster", "assign", "--session", str(session), "--worker", "aad-eero", "--worker", str(people.helmi), "--json")
    assert code == 0, err
    assert json.loads(out) == {"session": session, "hosts": sorted([people.eero, people.helmi])}
    away = today() + dt.timedelta(days=1)
    code, _, err = run(capsys, "desk", "roster", "absence", "--worker", "aad-aino", "--from", away.isoformat())
    assert code == 0, err
    roster = json.loads(run(capsys, "desk", "roster", "list", "--json")[1])
    assert next(r for r in roster if r["worker_id"] == people.aino)["absences"] == [{"first": away.isoformat(), "last": away.isoformat()}]
    ticket = tickets.open_ticket(engine, people.actor(people.kalle), "Miten korjaan palvelutehtävän?", now=system_clock())
    code, out, err = run(capsys, "desk", "tickets", "assign", str(ticket.id), "--as", "aad-aino", "--to", "aad-eero", "--json")
    assert code == 0, err
    assert json.loads(out)["assignee_id"] == people.eero

    before = {model: count(engine, model) for model in (DeskHostAssignment, DeskAbsence)}
    for argv in (
        ["desk", "roster", "assign", "--session", str(session), "--worker", "aad-eero", "--worker", "nobody"],
        ["desk", "roster", "absence", "--worker", "nobody", "--from", away.isoformat()],
        ["desk", "tickets", "assign", str(ticket.id), "--as", "aad-aino", "--to", "nobody"],
        ["desk", "tickets", "close", str(ticket.id), "--as", "nobody"],
    ):
        code, out, err = run(capsys, *argv)
        assert (code, out, err) == (2, "", "arkistobotti: error: no active worker with id or channel user id 'nobody'\n"), argv
    assert {model: count(engine, model) for model in before} == before
    assert json.loads(run(capsys, "desk", "tickets", "show", str(ticket.id), "--json")[1])["assignee_id"] == people.eero


@pytest.fixture
def cli_on_each_database(db_url, monkeypatch):
    """As ``cli``, on SQLite and on PostgreSQL: there an id over 2**31-1 is an error of the database itself."""
    yield from _configured(db_url, monkeypatch)


@pytest.mark.parametrize("huge", ["2147483648", "3000000000", "99999999999999999999"])
def test_ids_no_integer_column_can_hold_are_refused_and_nothing_changes(cli_on_each_database, capsys, huge) -> None:
    engine, people = cli_on_each_database
    session = json.loads(run(capsys, "desk", "schedule", "--weeks", "1", "--json")[1])[-1]["id"]
    before = {model: count(engine, model) for model in (DeskHostAssignment, DeskAbsence, WebLogin)}
    for argv, argument in (
        (["desk", "tickets", "show", huge], "ticket"),
        (["desk", "tickets", "reply", huge, "--as", "aad-aino", "--message", "Katso ohje."], "ticket"),
        (["desk", "roster", "assign", "--session", huge, "--worker", "aad-aino"], "--session"),
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
        assert f"argument {argument}: invalid id '{huge}' (expected a whole number from 1 to 2147483647)" in capsys.readouterr().err
    for argv in (
        ["desk", "roster", "absence", "--worker", huge, "--from", today().isoformat()],
        ["desk", "roster", "assign", "--session", str(session), "--worker", huge],
        ["desk", "tickets", "close", "1", "--as", huge],
        ["web", "login-link", "--worker", huge],
    ):
        code, out, err = run(capsys, *argv)
        assert (code, out, err) == (2, "", f"arkistobotti: error: no active worker with id or channel user id '{huge}'\n"), argv
    assert {model: count(engine, model) for model in before} == before
