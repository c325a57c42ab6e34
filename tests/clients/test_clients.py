"""Clients: their lifecycle, tiers, owners and referral chains."""

import datetime as dt

import pytest
from helpers import JAN_5 as T0
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore import Client, ClientKind, ClientStatus, ClientTier, NaiveDatetimeError
from accountcore.clients import ClientAction, validate_clients
from accountcore.clients.errors import ClientCollectionError, ClientLifecycleError
from accountcore.serialization import from_json, structure, to_json, unstructure
from accountcore.testing.clients import clients


def prospect(id: str = "C-1", referred_by: str | None = None) -> Client:
    return Client.prospect(
        id,
        "Acme OÜ",
        kind=ClientKind.CORPORATE,
        owner="anna",
        at=T0,
        referred_by=referred_by,
    )


def test_a_prospect_becomes_active_then_dormant_then_active_again():
    client = prospect()

    client = client.activate(at=T0.add(days=1), by="anna")
    client = client.mark_dormant(at=T0.add(days=200), by="anna")
    client = client.activate(at=T0.add(days=300), by="anna")

    assert client.status is ClientStatus.ACTIVE
    assert [c.action for c in client.history] == [
        ClientAction.ACTIVATE,
        ClientAction.MARK_DORMANT,
        ClientAction.ACTIVATE,
    ]
    assert [(c.before, c.after) for c in client.history] == [
        ("prospect", "active"),
        ("active", "dormant"),
        ("dormant", "active"),
    ]


def test_a_churned_client_keeps_its_reason_until_won_back():
    client = prospect().activate(at=T0, by="anna")

    churned = client.churn(at=T0.add(days=10), by="anna", reason="moved to a rival")
    back = churned.win_back(at=T0.add(days=90), by="boris")

    assert churned.churn_reason == "moved to a rival"
    assert back.status is ClientStatus.ACTIVE
    assert back.churn_reason is None
    assert back.history[-1].by == "boris"


def test_a_change_leaves_the_original_client_untouched():
    client = prospect()

    client.activate(at=T0, by="anna")

    assert client.status is ClientStatus.PROSPECT
    assert client.history == ()


def test_clients_compare_by_id_whatever_their_state():
    client = prospect()

    later = client.activate(at=T0, by="anna")

    assert client == later
    assert hash(client) == hash(later)
    assert client != prospect("C-2")


def test_promotion_goes_up_one_tier_or_to_the_named_tier():
    client = prospect()

    key = client.promote(at=T0, by="lead")
    vip = client.promote(at=T0, by="lead", to=ClientTier.VIP)
    back = vip.demote(at=T0, by="lead", to=ClientTier.STANDARD)

    assert key.tier is ClientTier.KEY
    assert vip.tier is ClientTier.VIP
    assert back.tier is ClientTier.STANDARD
    assert (back.history[-1].before, back.history[-1].after) == ("vip", "standard")


def test_reassigning_records_the_old_and_new_owner():
    client = prospect()

    moved = client.reassign("boris", at=T0, by="lead", reason="territory change")

    assert moved.owner == "boris"
    assert moved.history[-1].before == "anna"
    assert moved.history[-1].reason == "territory change"


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        (lambda c: c.mark_dormant(at=T0, by="a"), "prospect", "cannot mark dormant"),
        (lambda c: c.churn(at=T0, by="a", reason="x"), "prospect", "cannot churn"),
        (lambda c: c.win_back(at=T0, by="a"), "prospect", "cannot win back"),
        (lambda c: c.demote(at=T0, by="a"), "prospect", "the lowest"),
        (
            lambda c: c.promote(at=T0, by="a", to=ClientTier.STANDARD),
            "prospect",
            "standard is not above the current tier standard",
        ),
    ],
)
def test_an_illegal_change_names_the_client_its_status_and_the_change(
    change, status, message
):
    client = prospect()

    with pytest.raises(ClientLifecycleError, match=message) as caught:
        change(client)

    assert "Client 'C-1'" in str(caught.value)
    assert f"is {status}" in str(caught.value)
    assert caught.value.client_id == "C-1"


def test_a_churned_client_cannot_be_promoted_or_go_dormant():
    churned = prospect().activate(at=T0, by="a").churn(at=T0, by="a", reason="price")

    with pytest.raises(ClientLifecycleError, match="is churned: cannot promote"):
        churned.promote(at=T0, by="a")
    with pytest.raises(ClientLifecycleError, match="is churned: cannot mark dormant"):
        churned.mark_dormant(at=T0, by="a")


def test_churn_needs_a_reason():
    client = prospect().activate(at=T0, by="anna")

    with pytest.raises(ClientLifecycleError, match="a reason is required, got ''"):
        client.churn(at=T0, by="anna", reason="")


def test_a_change_cannot_be_earlier_than_the_last_one():
    client = prospect().activate(at=T0.add(days=2), by="anna")

    with pytest.raises(ClientLifecycleError, match="is earlier than the last change"):
        client.mark_dormant(at=T0.add(days=1), by="anna")


def test_a_change_needs_an_aware_time_and_an_author():
    client = prospect()

    with pytest.raises(NaiveDatetimeError, match="2026-02-01T00:00:00"):
        client.activate(at=dt.datetime(2026, 2, 1), by="anna")
    with pytest.raises(ClientLifecycleError, match="by must name who made the change"):
        client.activate(at=T0, by=" ")


def test_reassigning_to_the_same_owner_is_refused():
    client = prospect()

    with pytest.raises(ClientLifecycleError, match="the owner is already 'anna'"):
        client.reassign("anna", at=T0, by="lead")
    with pytest.raises(ClientLifecycleError, match="got ''"):
        client.reassign("", at=T0, by="lead")


def test_a_referral_loop_is_reported_with_the_whole_chain():
    group = [prospect("A", "B"), prospect("B", "C"), prospect("C", "A")]

    with pytest.raises(ClientCollectionError, match="A -> B -> C -> A"):
        validate_clients(group)


def test_every_collection_fault_is_reported_at_once():
    group = [
        prospect("A", "A"),
        prospect("B", "C"),
        prospect("C", "B"),
        prospect("D"),
        prospect("D"),
    ]

    with pytest.raises(ClientCollectionError) as caught:
        validate_clients(reversed(group))

    assert caught.value.faults == (
        "client id 'D' appears more than once",
        "client 'A' is referred by itself",
        "referral chain loops: B -> C -> B",
    )


def test_a_referral_chain_that_ends_or_leaves_the_collection_is_fine():
    group = [prospect("A", "B"), prospect("B", "C"), prospect("C", "Z")]

    validate_clients(group)


def test_a_client_round_trips_through_json():
    client = (
        prospect(referred_by="C-0")
        .activate(at=T0, by="anna")
        .churn(at=T0.add(days=1), by="anna", reason="price")
    )

    again = from_json(to_json(client), Client)

    assert unstructure(again) == unstructure(client)
    assert again.history == client.history


@settings(max_examples=100)
@given(clients(), st.sampled_from(list(ClientAction)))
def test_any_change_either_works_or_raises_the_documented_error(client, action):
    """Whatever the status, a lifecycle change returns a client with one more
    change in its history, or raises ClientLifecycleError naming the client."""
    at = client.created_at.add(days=1)
    calls = {
        ClientAction.ACTIVATE: lambda: client.activate(at=at, by="x"),
        ClientAction.MARK_DORMANT: lambda: client.mark_dormant(at=at, by="x"),
        ClientAction.CHURN: lambda: client.churn(at=at, by="x", reason="r"),
        ClientAction.WIN_BACK: lambda: client.win_back(at=at, by="x"),
        ClientAction.PROMOTE: lambda: client.promote(at=at, by="x"),
        ClientAction.DEMOTE: lambda: client.demote(at=at, by="x"),
        ClientAction.REASSIGN: lambda: client.reassign(
            client.owner + "2", at=at, by="x"
        ),
    }

    try:
        changed = calls[action]()
    except ClientLifecycleError as error:
        refused = error
        assert (refused.client_id, refused.status) == (client.id, client.status.value)
    else:
        assert len(changed.history) == len(client.history) + 1
        assert changed.history[-1].action is action
        assert structure(unstructure(changed), Client).history == changed.history
