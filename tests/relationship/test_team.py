"""The account team, cover during absence and the hand-over of a portfolio."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountcore.clients import Client, ClientAction, ClientKind
from accountcore.errors import ArgumentTypeError, InvalidChoiceError, InvalidPeriodError
from accountcore.pipeline import Deal, Pipeline
from accountcore.pipeline.history import OwnerChange
from accountcore.relationship import (
    AccountTeam,
    Delegation,
    TeamMember,
    TeamRole,
    acting_for,
    hand_over,
    responsible_on,
)
from accountcore.relationship.errors import (
    DelegationConflictError,
    RelationshipInputError,
)

T0 = pendulum.datetime(2026, 1, 5, tz="UTC")
JULY = dt.date(2026, 7, 1)
PEOPLE = ("anna", "boris", "carl", "dina")


def client(id: str, owner: str = "anna") -> Client:
    return Client.existing(id, id, kind=ClientKind.CORPORATE, owner=owner, at=T0)


# --- the team -----------------------------------------------------------------


def test_a_team_has_its_owner_first_and_a_deputy() -> None:
    team = AccountTeam(
        "anna", [TeamMember("eva", "technical"), TeamMember("boris", "deputy")]
    )

    assert team.people == ("anna", "eva", "boris")
    assert team.deputy == "boris"
    assert AccountTeam("anna").deputy is None


def test_a_person_is_in_a_team_once() -> None:
    with pytest.raises(RelationshipInputError, match="members='boris'"):
        AccountTeam(
            "anna", [TeamMember("boris", "deputy"), TeamMember("boris", "service")]
        )


def test_a_bad_member_is_refused_naming_it() -> None:
    with pytest.raises(InvalidChoiceError, match="role='boss'"):
        TeamMember("boris", "boss")
    with pytest.raises(ArgumentTypeError, match="members"):
        AccountTeam("anna", ["boris"])  # type: ignore[list-item]


def test_team_roles_render_in_every_language() -> None:
    assert TeamRole.SALES_SUPPORT.label.render("et_EE") == "müügitugi"


# --- delegation -----------------------------------------------------------------


def test_a_cover_holds_from_its_first_to_its_last_day() -> None:
    away = Delegation("anna", "boris", dt.date(2026, 7, 1), dt.date(2026, 7, 14))

    assert acting_for([away], "anna", dt.date(2026, 6, 30)) == "anna"
    assert acting_for([away], "anna", dt.date(2026, 7, 1)) == "boris"
    assert acting_for([away], "anna", dt.date(2026, 7, 14)) == "boris"
    assert acting_for([away], "anna", dt.date(2026, 7, 15)) == "anna"


def test_a_cover_for_some_clients_leaves_the_others_with_the_owner() -> None:
    away = Delegation("anna", "boris", JULY, JULY, clients=["C-2"])

    assert responsible_on([client("C-1"), client("C-2")], [away], JULY) == {
        "C-1": "anna",
        "C-2": "boris",
    }


def test_two_covers_of_one_person_on_one_day_conflict() -> None:
    covers = [
        Delegation("anna", "boris", JULY, dt.date(2026, 7, 10)),
        Delegation("anna", "carl", dt.date(2026, 7, 10), dt.date(2026, 7, 20)),
    ]

    assert acting_for(covers, "anna", dt.date(2026, 7, 9)) == "boris"
    with pytest.raises(DelegationConflictError, match="'anna' on 2026-07-10") as caught:
        acting_for(covers, "anna", dt.date(2026, 7, 10))
    assert "covered by both 'boris' and 'carl'" in str(caught.value)


@pytest.mark.parametrize(
    ("args", "error", "named"),
    [
        (("anna", "anna", JULY, JULY), RelationshipInputError, "delegate='anna'"),
        (("anna", "boris", JULY, dt.date(2026, 6, 1)), RelationshipInputError, "end="),
        (("anna", "", JULY, JULY), RelationshipInputError, "delegate=''"),
        (
            ("anna", "boris", "2026-07-01", JULY),
            InvalidPeriodError,
            "start='2026-07-01'",
        ),
    ],
)
def test_a_bad_delegation_is_refused_naming_the_value(
    args: tuple[object, ...], error: type[Exception], named: str
) -> None:
    with pytest.raises(error, match=named):
        Delegation(*args)  # type: ignore[arg-type]


@st.composite
def covers(draw: st.DrawFn) -> list[Delegation]:
    """Random covers among four people over July, conflicting or not."""
    out = []
    for _ in range(draw(st.integers(0, 6))):
        owner, delegate = draw(st.permutations(PEOPLE))[:2]
        start = draw(st.integers(1, 31))
        end = draw(st.integers(start, 31))
        some = draw(st.lists(st.sampled_from(("C-1", "C-2", "C-3")), max_size=2))
        out.append(
            Delegation(
                owner,
                delegate,
                dt.date(2026, 7, start),
                dt.date(2026, 7, end),
                clients=some,
            )
        )
    return out


CLIENTS = [client("C-1", "anna"), client("C-2", "anna"), client("C-3", "boris")]


@given(covers(), st.integers(1, 31))
def test_every_client_has_exactly_one_responsible_person_who_is_present(
    delegations: list[Delegation], day: int
) -> None:
    on = dt.date(2026, 7, day)
    try:
        found = responsible_on(CLIENTS, delegations, on)
    except DelegationConflictError:
        return  # refused as a whole, never a half answer
    assert sorted(found) == ["C-1", "C-2", "C-3"]
    for c in CLIENTS:
        person = found[c.id]
        # the one responsible is not away for this client that day
        assert not any(d.covers(person, c.id, on) for d in delegations)


@st.composite
def sound_covers(draw: st.DrawFn) -> list[Delegation]:
    """Covers that never conflict: each person's covers do not overlap, and
    each hands over only to someone later in PEOPLE (no chain goes round)."""
    out = []
    for index, owner in enumerate(PEOPLE[:-1]):
        day = 1
        while day <= 31 and draw(st.booleans()):
            start = draw(st.integers(day, 31))
            end = draw(st.integers(start, 31))
            delegate = draw(st.sampled_from(PEOPLE[index + 1 :]))
            out.append(
                Delegation(
                    owner, delegate, dt.date(2026, 7, start), dt.date(2026, 7, end)
                )
            )
            day = end + 1
    return out


@given(sound_covers())
def test_sound_covers_leave_no_day_of_the_month_without_one_person_per_client(
    delegations: list[Delegation],
) -> None:
    for day in range(1, 32):
        found = responsible_on(CLIENTS, delegations, dt.date(2026, 7, day))
        assert len(found) == len(CLIENTS)
        assert all(person in PEOPLE for person in found.values())


# --- hand-over -----------------------------------------------------------------


def test_a_hand_over_moves_clients_and_open_deals_and_records_why() -> None:
    p = Pipeline.default()
    open_deal = p.new_deal("D-1", client_id="C-1", owner="anna", at=T0, by="anna")
    won = p.new_deal("D-2", client_id="C-1", owner="anna", at=T0, by="anna")
    won = p.advance(
        won,
        "contract_signed",
        at=T0.add(days=1),
        by="lead",
        force=True,
        reason="signed",
    )
    at = T0.add(days=30)

    moved = hand_over(
        [client("C-1"), client("C-9", "carl")],
        [open_deal, won],
        from_owner="anna",
        to_owner="boris",
        at=at,
        by="lead",
        reason="anna leaves",
    )

    assert [c.owner for c in moved.clients] == ["boris", "carl"]
    assert [d.owner for d in moved.deals] == ["boris", "anna"]  # the won deal stays
    assert (moved.moved_clients, moved.moved_deals) == (("C-1",), ("D-1",))
    change = moved.clients[0].history[-1]
    assert (change.action, change.before, change.after, change.reason) == (
        ClientAction.REASSIGN,
        "anna",
        "boris",
        "anna leaves",
    )
    assert moved.deals[0].history.latest(OwnerChange).reason == "anna leaves"


def test_a_hand_over_to_the_same_owner_is_refused() -> None:
    with pytest.raises(RelationshipInputError, match="to_owner='anna'"):
        hand_over([], [], from_owner="anna", to_owner="anna", at=T0, by="lead")


@given(
    st.lists(st.sampled_from(PEOPLE), max_size=8),
    st.lists(st.tuples(st.sampled_from(PEOPLE), st.booleans()), max_size=8),
)
def test_a_hand_over_loses_no_client_and_no_deal(
    client_owners: list[str], deal_owners: list[tuple[str, bool]]
) -> None:
    p = Pipeline.default()
    clients = [client(f"C-{i}", owner) for i, owner in enumerate(client_owners)]
    deals: list[Deal] = []
    for i, (owner, closed) in enumerate(deal_owners):
        deal = p.new_deal(f"D-{i}", client_id="C-0", owner=owner, at=T0, by=owner)
        if closed:
            deal = p.advance(deal, "lost", at=T0.add(days=1), by=owner, reason="price")
        deals.append(deal)

    moved = hand_over(
        clients,
        deals,
        from_owner="anna",
        to_owner="boris",
        at=T0.add(days=2),
        by="lead",
    )

    assert [c.id for c in moved.clients] == [c.id for c in clients]
    assert [d.id for d in moved.deals] == [d.id for d in deals]
    assert all(c.owner != "anna" for c in moved.clients)
    assert all(d.owner != "anna" or d.outcome.closed for d in moved.deals)
    assert len(moved.moved_clients) == client_owners.count("anna")
