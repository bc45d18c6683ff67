"""verifier serve's sharing rules, without a server: who a request is, and whose turn it is."""

from __future__ import annotations

import pytest

from verifier.serve import peers
from verifier.serve.fair import Share, cap_of


def who(job: str) -> str:
    return job.split("-")[0]  # "a-3": address a's third check


def test_one_address_never_holds_every_slot() -> None:
    share = Share(2)
    waiting = ["a-1", "a-2", "a-3"]
    first = share.pick(waiting, [], who)
    assert first == "a-1"
    assert share.pick(["a-2", "a-3"], ["a-1"], who) is None  # a second slot stays free for anyone else
    assert share.pick(["a-2", "b-1"], ["a-1"], who) == "b-1"


@pytest.mark.parametrize(("slots", "cap"), [(1, 1), (2, 1), (3, 2), (8, 7)])
def test_the_cap_is_every_slot_but_one_and_at_least_one(slots: int, cap: int) -> None:
    assert cap_of(slots) == cap


def test_addresses_take_turns_and_a_newcomer_goes_first() -> None:
    share = Share(3)  # cap 2: room for two addresses' turns at a time
    waiting = ["a-1", "a-2", "a-3", "b-1", "b-2", "c-1"]
    order = []
    for _ in range(6):
        job = share.pick(waiting, [], who)
        assert job is not None
        waiting.remove(job)
        order.append(job)
        if job == "a-2":
            waiting.append("d-1")  # arrives late, never served: next
    assert order == ["a-1", "b-1", "c-1", "a-2", "d-1", "b-2"]


def test_a_client_served_long_ago_is_not_behind_one_served_just_now() -> None:
    share = Share(2)
    for _ in range(5):
        assert share.pick(["a-1"], [], who) == "a-1"
    assert share.pick(["a-1", "b-1"], [], who) == "b-1"
    assert share.pick(["a-1", "b-1"], [], who) == "a-1"


def test_the_order_told_to_the_page_is_round_by_round() -> None:
    share = Share(2)
    share.pick(["a-0"], [], who)  # a has had a turn, b and c not
    assert share.order(["a-1", "a-2", "a-3", "b-1", "c-1", "b-2"], who) == ["b-1", "c-1", "a-1", "b-2", "a-2", "a-3"]


def test_a_header_the_client_sends_does_not_make_it_someone_else() -> None:
    headers = {"x-verifier-client": "fresh-id-1", "x-forwarded-for": "203.0.113.7"}
    assert peers.client_key("127.0.0.5", headers) == "127.0.0.5"
    assert peers.client_key("127.0.0.5", {**headers, "x-verifier-client": "fresh-id-2"}) == "127.0.0.5"


def test_behind_a_proxy_its_header_is_the_client_and_only_its_last_address_counts() -> None:
    named = "X-Forwarded-For"
    assert peers.client_key("10.0.0.1", {"x-forwarded-for": "203.0.113.7"}, named) == "203.0.113.7"
    spoofed = {"x-forwarded-for": "198.51.100.1, 198.51.100.2, 203.0.113.7"}  # the client wrote the first two
    assert peers.client_key("10.0.0.1", spoofed, named) == "203.0.113.7"
    assert peers.client_key("10.0.0.1", {}, named) == "10.0.0.1"  # not through the proxy: its peer
    assert peers.client_key("10.0.0.1", {"x-forwarded-for": "not an address"}, named).startswith("x-forwarded-for")


@pytest.mark.parametrize(
    ("peer", "key"),
    [
        ("2001:db8::1", "2001:db8::/64"),
        ("2001:db8::ffff:1234", "2001:db8::/64"),  # the same /64: one machine, one client
        ("::ffff:192.0.2.1", "192.0.2.1"),
        ("192.0.2.1", "192.0.2.1"),
        ("[2001:db8::1]:443", "2001:db8::/64"),
        ("192.0.2.1:8080", "192.0.2.1"),
    ],
)
def test_an_ipv6_client_is_its_64_network(peer: str, key: str) -> None:
    assert peers.client_key(peer, {}) == key
