"""Announcements of new and changed instructions, subscriptions and their delivery by the bot."""

from __future__ import annotations

import datetime as dt

import pytest
from kbkit import FIXTURE_KB, NOW
from sqlalchemy.engine import Engine

from archiving.db import transaction
from knowledge.announcements import (
    AnnouncementView,
    announce,
    deliver_announcements,
    is_subscribed,
    list_announcements,
    subscribe,
    unsubscribe,
)
from knowledge.problems import KnowledgeError
from knowledge.publishing import publish_path

LATER = NOW + dt.timedelta(minutes=5)


@pytest.fixture
def published(engine: Engine) -> Engine:
    publish_path(engine, FIXTURE_KB, author="viestinta", now=NOW)
    return engine


def test_announce_records_the_published_version_with_a_finnish_default_text(published: Engine) -> None:
    view = announce(published, "pin", author="viestinta", now=NOW)
    assert (view.slug, view.version, view.author, view.delivered_at) == ("pin", 1, "viestinta", None)
    assert view.message == "Uusi ohje: PIN-koodi on lukossa. Lukittunut PIN-koodi avataan PUK-koodilla."
    assert view.audience == ("worker",)
    custom = announce(published, "deski", author="viestinta", now=NOW, message="Deskin ajat muuttuivat.")
    assert custom.message == "Deskin ajat muuttuivat."
    assert [v.slug for v in list_announcements(published)] == ["pin", "deski"]


def test_announcing_the_same_version_twice_or_nothing_published_is_refused(published: Engine) -> None:
    announce(published, "pin", author="a", now=NOW)
    with pytest.raises(KnowledgeError, match="version 1 of 'pin' was already announced"):
        announce(published, "pin", author="a", now=NOW)
    with pytest.raises(KnowledgeError, match="'ei-ole' has no published version"):
        announce(published, "ei-ole", author="a", now=NOW)
    with pytest.raises(KnowledgeError, match="empty"):
        announce(published, "deski", author="a", now=NOW, message="  ")
    assert len(list_announcements(published)) == 1


def test_subscriptions(engine: Engine) -> None:
    assert subscribe(engine, "aad-anna", now=NOW) is True
    assert subscribe(engine, "aad-anna", now=NOW) is False
    assert is_subscribed(engine, "aad-anna") and not is_subscribed(engine, "aad-bertta")
    assert unsubscribe(engine, "aad-anna") is True and unsubscribe(engine, "aad-anna") is False
    with pytest.raises(KnowledgeError):
        subscribe(engine, " ", now=NOW)


def test_delivery_hands_each_announcement_to_each_subscriber_once(published: Engine) -> None:
    subscribe(published, "aad-anna", now=NOW)
    subscribe(published, "aad-bertta", now=NOW)
    announce(published, "pin", author="a", now=NOW)
    sent: list[tuple[str, str]] = []

    def send(subscriber: str, item: AnnouncementView) -> None:
        sent.append((subscriber, item.slug))

    with transaction(published) as session:
        delivered = deliver_announcements(session, LATER, send)
    assert [d.slug for d in delivered] == ["pin"]
    assert sent == [("aad-anna", "pin"), ("aad-bertta", "pin")]
    assert list_announcements(published)[0].delivered_at == LATER
    with transaction(published) as session:
        assert deliver_announcements(session, LATER, send) == []
    assert len(sent) == 2


def test_a_failed_delivery_leaves_the_announcement_waiting(published: Engine) -> None:
    subscribe(published, "aad-anna", now=NOW)
    announce(published, "pin", author="a", now=NOW)

    def broken(subscriber: str, item: AnnouncementView) -> None:
        raise RuntimeError("outbox unavailable")

    with pytest.raises(RuntimeError), transaction(published) as session:
        deliver_announcements(session, LATER, broken)
    assert list_announcements(published)[0].delivered_at is None
