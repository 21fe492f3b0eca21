"""State in the database with etag concurrency, on SQLite and PostgreSQL (bot/state_store.py, bot/channel/storage.py)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from archiving.clock import FixedClock
from archiving.db import read_only
from bot import texts
from bot.app import SERVICES
from bot.channel.storage import DatabaseStorage
from bot.models import BotStateItem
from bot.state_store import STATE_PROPERTY, EtagConflict, StateKeys, StateStore, StateWrite, TurnStates
from bot.turns.router import Router
from bot.turns.runner import TurnRunner
from bot.turns.types import Incoming, Reply, Turn
from botkit import NOW, Conversation, RunningBot, talk


@pytest.fixture
def store(engine: Engine) -> StateStore:
    return StateStore(engine, FixedClock(NOW))


def test_write_read_and_overwrite(store: StateStore) -> None:
    etags = store.write({"msteams/conversations/a:1/": StateWrite({"step": 1})})
    assert store.read(["msteams/conversations/a:1/", "missing"]) == {
        "msteams/conversations/a:1/": store.read(["msteams/conversations/a:1/"])["msteams/conversations/a:1/"]
    }
    item = store.read(["msteams/conversations/a:1/"])["msteams/conversations/a:1/"]
    assert item.data == {"step": 1} and item.etag == etags["msteams/conversations/a:1/"]
    store.write({"msteams/conversations/a:1/": StateWrite({"step": 2}, etag=item.etag)})
    assert store.read(["msteams/conversations/a:1/"])["msteams/conversations/a:1/"].data == {"step": 2}


def test_a_stale_etag_is_refused_and_nothing_is_written(store: StateStore) -> None:
    store.write({"k1": StateWrite({"v": "a"}), "k2": StateWrite({"v": "b"})})
    read = store.read(["k1", "k2"])
    store.write({"k1": StateWrite({"v": "other turn"}, etag=read["k1"].etag)})  # another instance wins the race
    with pytest.raises(EtagConflict):
        store.write({"k2": StateWrite({"v": "mine"}, etag=read["k2"].etag), "k1": StateWrite({"v": "mine"}, etag=read["k1"].etag)})
    after = store.read(["k1", "k2"])
    assert after["k1"].data == {"v": "other turn"} and after["k2"].data == {"v": "b"}  # all or nothing


def test_star_overwrites_and_delete_removes(store: StateStore) -> None:
    store.write({"k": StateWrite({"v": 1})})
    store.write({"k": StateWrite({"v": 2}, etag="*")})
    assert store.read(["k"])["k"].data == {"v": 2}
    store.delete(["k"])
    assert store.read(["k"]) == {}


async def test_botbuilder_storage_round_trip_carries_etags(store: StateStore) -> None:
    async def run(fn: Any, *args: Any) -> Any:
        return await asyncio.to_thread(fn, *args)

    storage = DatabaseStorage(store, run)
    state: dict[str, Any] = {"arkistobotti": {"welcomed_at": "2026-11-23T07:30:00+00:00"}}
    await storage.write({"msteams/users/u1": state})
    assert state["e_tag"] == "1"  # the caller's dict carries the etag for the next write in the same turn
    loaded = (await storage.read(["msteams/users/u1"]))["msteams/users/u1"]
    assert loaded == {"arkistobotti": {"welcomed_at": "2026-11-23T07:30:00+00:00"}, "e_tag": "1"}
    loaded["arkistobotti"]["welcomed_at"] = None
    await storage.write({"msteams/users/u1": loaded})
    stale = {"arkistobotti": {}, "e_tag": "1"}
    with pytest.raises(EtagConflict):
        await storage.write({"msteams/users/u1": stale})
    await storage.delete(["msteams/users/u1"])
    assert await storage.read(["msteams/users/u1"]) == {}


async def test_reads_of_one_round_are_one_query_and_callers_do_not_share_dicts(store: StateStore) -> None:
    store.write({"conv": StateWrite({"list": [1]}), "user": StateWrite({"n": 1})})
    calls: list[list[str]] = []

    async def run(fn: Any, *args: Any) -> Any:
        calls.append(list(args[0]))
        return await asyncio.to_thread(fn, *args)

    storage = DatabaseStorage(store, run)
    first, second, third = await asyncio.gather(storage.read(["conv"]), storage.read(["user"]), storage.read(["conv", "missing"]))
    assert len(calls) == 1 and sorted(calls[0]) == ["conv", "missing", "user"]
    assert first["conv"]["list"] == [1] and second["user"]["n"] == 1 and "missing" not in third
    first["conv"]["list"].append(2)
    assert third["conv"]["list"] == [1]  # two turns of one conversation each get their own copy


KEYS = StateKeys(conversation="msteams/conversations/a:1", user="msteams/users/u1")


def test_a_turn_reads_only_the_state_it_uses_and_writes_only_what_changed(store: StateStore) -> None:
    store.write({KEYS.conversation: StateWrite({STATE_PROPERTY: {"answered": [1]}})})
    untouched = TurnStates(store, KEYS)
    untouched.save()  # a turn that never looked at its state
    assert untouched.changes() == {}
    looked = TurnStates(store, KEYS)
    assert looked.conversation == {"answered": [1]} and looked.user == {}
    looked.save()  # read but unchanged: no write, the etag stays
    assert looked.changes() == {} and store.read([KEYS.conversation])[KEYS.conversation].etag == "1"
    assert store.read([KEYS.user]) == {}  # an empty state that was never stored is not stored either
    changed = TurnStates(store, KEYS)
    changed.conversation["answered"].append(2)
    changed.user["seen"] = True
    assert set(changed.changes()) == {KEYS.conversation, KEYS.user}
    changed.save()
    after = store.read([KEYS.conversation, KEYS.user])
    assert after[KEYS.conversation].data == {STATE_PROPERTY: {"answered": [1, 2]}} and after[KEYS.conversation].etag == "2"
    assert after[KEYS.user].data == {STATE_PROPERTY: {"seen": True}}


def test_a_turn_whose_state_another_turn_changed_meanwhile_writes_nothing(store: StateStore) -> None:
    store.write({KEYS.conversation: StateWrite({STATE_PROPERTY: {"step": 1}})})
    mine, other = TurnStates(store, KEYS), TurnStates(store, KEYS)
    mine.conversation["step"] = 2
    mine.user["n"] = 1
    other.conversation["step"] = 3
    other.save()
    with pytest.raises(EtagConflict):
        mine.save()
    after = store.read([KEYS.conversation, KEYS.user])
    assert after[KEYS.conversation].data == {STATE_PROPERTY: {"step": 3}} and KEYS.user not in after  # all or nothing


def test_rows_written_by_the_store_read_back_through_the_model(store: StateStore, engine: Engine) -> None:
    store.write({"k": StateWrite({"ä": "ö"})})
    store.write({"k": StateWrite({"ä": "å"}, etag="1")})
    with read_only(engine) as session:
        row = session.get(BotStateItem, "k")
    assert row is not None and row.etag == 2 and row.updated_at == NOW and json.loads(row.data) == {"ä": "å"}


async def test_through_the_endpoint_state_is_written_only_by_turns_that_change_it(bot: RunningBot, anna: Conversation) -> None:
    store = StateStore(bot.district.engine, FixedClock(NOW))
    key = f"msteams/conversations/{anna.id}"  # botbuilder ConversationState's key
    await talk(anna, [("hei", "Arkistobotti")])
    assert store.read([key, "msteams/users/29:aad-anna"]) == {}  # the help card neither reads nor writes state
    await talk(anna, [("miten lukitsen asiakirjan", "Auttoiko tämä?")])
    log_id = anna.last.button("Kyllä")["log_id"]  # type: ignore[union-attr]
    stored = store.read([key])[key]
    worker = str(bot.district.workers["anna"])  # the questions a worker asked are kept under their id (bot/turns/asked.py)
    context = {"worker": bot.district.workers["anna"], "slug": "asiakirjan-lukitseminen", "at": stored.data[STATE_PROPERTY]["kb.context"]["at"]}
    assert stored.data == {STATE_PROPERTY: {"asked": {worker: [log_id]}, "kb.context": context}} and stored.etag == "1"  # a follow-up's context
    await talk(anna, [("hei", "Arkistobotti")])
    assert store.read([key])[key].etag == "1"  # unchanged state is not written again


def test_a_turn_that_loses_the_race_for_its_state_is_told_to_resend(bot: RunningBot) -> None:
    services = bot.app[SERVICES]
    keys = StateKeys(conversation="msteams/conversations/a:race", user="msteams/users/29:aad-anna")
    services.states.write({keys.conversation: StateWrite({STATE_PROPERTY: {"step": "first"}})})

    def handler(turn: Turn) -> list[Reply]:
        turn.state["step"] = "mine"
        other = TurnStates(services.states, keys)  # another instance's turn of the same conversation, finishing first
        other.conversation["step"] = "theirs"
        other.save()
        return [Reply(text="done")]

    runner = TurnRunner(services, Router(fallback=handler, welcome=handler, unknown_action=handler))
    replies = runner.run_stored(Incoming(channel_user_id="aad-anna", conversation_id="a:race", text="mitä vain"), keys, None)
    assert replies == [Reply(text=texts.CONCURRENT_TURN)]
    assert services.states.read([keys.conversation])[keys.conversation].data == {STATE_PROPERTY: {"step": "theirs"}}
