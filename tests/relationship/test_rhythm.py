"""The contact rhythm: which clients it finds neglected, and why."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from accountcore.clients import Client, ClientKind
from accountcore.errors import ArgumentTypeError, InvalidChoiceError
from accountcore.relationship import Activity, RhythmPolicy, neglected_clients
from accountcore.relationship.errors import RelationshipInputError

T0 = pendulum.datetime(2026, 1, 5, tz="UTC")


def client(id: str, tier: str = "key", status: str = "active") -> Client:
    return Client.existing(
        id,
        id,
        kind=ClientKind.CORPORATE,
        owner="anna",
        at=T0,
        tier=tier,
        status=status,  # type: ignore[arg-type]
    )


def contact(client_id: str, day: dt.date, outcome: str = "done") -> Activity:
    at = pendulum.datetime(day.year, day.month, day.day, 10, tz="UTC")
    return Activity(
        f"A-{client_id}-{day}", "call", client_id, "anna", at, outcome=outcome
    )  # type: ignore[arg-type]


def test_the_worked_example() -> None:
    # Default rhythm: VIP every 7 days, key every 14, standard every 90.
    # On 20 March 2026:
    #   V-1 (VIP) last reached 10 March: 20 - 10 = 10 days > 7 -> 3 over
    #   K-1 (key) last reached 2 March: 18 days > 14 -> 4 over
    #   K-2 (key) last reached 6 March: 14 days, not above 14 -> in rhythm
    #   S-1 (standard) never reached, client since 5 Jan: 31 + 28 + 15 = 74 days
    #       (5 Jan -> 20 Mar) <= 90 -> in rhythm
    on = dt.date(2026, 3, 20)
    clients = [
        client("V-1", "vip"),
        client("K-1"),
        client("K-2"),
        client("S-1", "standard"),
    ]
    acts = [
        contact("V-1", dt.date(2026, 3, 10)),
        contact("K-1", dt.date(2026, 3, 2)),
        contact("K-2", dt.date(2026, 3, 6)),
    ]

    found = neglected_clients(clients, acts, on=on)

    assert [(n.client_id, n.days_since, n.limit, n.days_over) for n in found] == [
        ("K-1", 18, 14, 4),
        ("V-1", 10, 7, 3),
    ]


def test_a_call_without_reply_is_no_contact() -> None:
    # reached 2 March, tried 12 March without reply: on 20 March, 18 days
    acts = [
        contact("K-1", dt.date(2026, 3, 2)),
        contact("K-1", dt.date(2026, 3, 12), outcome="no_reply"),
    ]

    (found,) = neglected_clients([client("K-1")], acts, on=dt.date(2026, 3, 20))

    assert found.last_contact == dt.date(2026, 3, 2)
    assert found.days_since == 18


def test_a_contact_after_the_day_does_not_count() -> None:
    acts = [contact("K-1", dt.date(2026, 3, 2)), contact("K-1", dt.date(2026, 3, 25))]

    (found,) = neglected_clients([client("K-1")], acts, on=dt.date(2026, 3, 20))

    assert found.last_contact == dt.date(2026, 3, 2)


def test_the_last_day_in_rhythm_and_the_first_out_of_it() -> None:
    # reached 2 March, key (14 days): in rhythm to 16 March, neglected on the 17th
    acts = [contact("K-1", dt.date(2026, 3, 2))]

    assert neglected_clients([client("K-1")], acts, on=dt.date(2026, 3, 16)) == ()
    (found,) = neglected_clients([client("K-1")], acts, on=dt.date(2026, 3, 17))
    assert found.days_over == 1


def test_only_active_clients_and_judged_tiers_count() -> None:
    clients = [client("K-1", status="dormant"), client("S-1", "standard")]
    policy = RhythmPolicy({"key": 14})

    assert neglected_clients(clients, [], on=dt.date(2026, 12, 31), policy=policy) == ()


def test_the_reason_names_tier_last_contact_and_rhythm_in_six_languages() -> None:
    acts = [contact("K-1", dt.date(2026, 3, 2))]
    (found,) = neglected_clients([client("K-1")], acts, on=dt.date(2026, 3, 20))

    assert found.reason.render("en") == (
        "Key account: last contact Mar 2, 2026, 18 days since then; "
        "the contact rhythm allows at most 14 days"
    )
    assert found.reason.render("uk_UA").startswith("Ключовий клієнт: останній контакт")
    for locale in ("et_EE", "ja_JP", "ro_RO", "lv_LV"):
        text = found.reason.render(locale)
        assert "18" in text, (locale, text)
        assert "14" in text, (locale, text)


def test_a_never_reached_client_counts_from_its_start() -> None:
    # client since 5 Jan, VIP (7 days): 13 Jan is 8 days -> 1 over
    (found,) = neglected_clients([client("V-1", "vip")], [], on=dt.date(2026, 1, 13))

    assert (found.last_contact, found.since, found.days_over) == (
        None,
        dt.date(2026, 1, 5),
        1,
    )
    assert found.reason.render("en") == (
        "VIP: no contact on record since Jan 5, 2026; "
        "the contact rhythm allows at most 7 days"
    )


@pytest.mark.parametrize(
    ("every", "error", "named"),
    [
        ({"key": 0}, RelationshipInputError, "every['key']=0"),
        ({"key": "14"}, RelationshipInputError, "every['key']='14'"),
        ({"gold": 14}, InvalidChoiceError, "'gold'"),
        ([14], ArgumentTypeError, "every must be a mapping"),
    ],
)
def test_a_bad_policy_is_refused_naming_the_value(
    every: object, error: type[Exception], named: str
) -> None:
    with pytest.raises(error, match=named.replace("[", r"\[")):
        RhythmPolicy(every)  # type: ignore[arg-type]


def test_a_policy_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(ArgumentTypeError, match="policy"):
        neglected_clients([], [], on=dt.date(2026, 1, 1), policy={"key": 14})  # type: ignore[arg-type]
