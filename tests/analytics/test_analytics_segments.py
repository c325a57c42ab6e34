"""Win rate, cycle, revenue and counts by lead source, segment, region,
industry and deal type."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accountcore.analytics import Dimension, breakdown
from accountcore.clients import Client, ClientKind
from accountcore.errors import InvalidChoiceError, UnknownKeyError
from accountcore.pipeline import Deal
from tests.helpers import JAN_5, Q1, SALES, eur

CLIENTS = [
    Client.existing("C-1", "Acme", kind=ClientKind.CORPORATE, owner="anna",
                    at=JAN_5, segment="retail", region="north", industry="food",
                    lead_source="fair"),
    Client.existing("C-2", "Bolt", kind=ClientKind.CORPORATE, owner="anna",
                    at=JAN_5, segment="wholesale", region="north"),
]  # fmt: skip


def closed(
    id: str,
    client: str,
    amount: str,
    to: str,
    days: int,
    *,
    source: str | None = None,
    deal_type: str = "new_business",
) -> Deal:
    deal = SALES.new_deal(
        id, client_id=client, owner="anna", at=JAN_5, by="anna",
        amount=eur(amount), lead_source=source, deal_type=deal_type,
    )  # fmt: skip
    return SALES.advance(
        deal, to, at=JAN_5.add(days=days), by="anna", force=True, reason="x"
    )


DEALS = [
    closed("D-1", "C-1", "4000.00", "contract_signed", 10),  # source: the client's
    closed("D-2", "C-1", "1000.00", "lost", 4),
    closed("D-3", "C-2", "6000.00", "contract_signed", 20, source="web"),
    closed("D-4", "C-2", "2000.00", "contract_signed", 30, deal_type="renewal"),
]


def test_by_lead_source_the_deal_s_own_else_the_client_s() -> None:
    groups = breakdown(
        DEALS, by="lead_source", period=Q1, currency="EUR", clients=CLIENTS
    )

    fair, web, unknown = groups
    # fair: D-1 won, D-2 lost: 1 of 2; by value 4 000 / 5 000 = 0.8; 10 days
    assert (fair.key, fair.deals, fair.win_rate.by_count) == ("fair", 2, Decimal("0.5"))
    assert (fair.win_rate.by_value, fair.revenue, fair.cycle_days) == (
        Decimal("0.8"), eur("4000.00"), Decimal("10"),
    )  # fmt: skip
    assert (web.key, web.revenue, web.cycle_days) == (
        "web",
        eur("6000.00"),
        Decimal(20),
    )
    # D-4 has no source and Bolt none either: the unknown group, last
    assert (unknown.key, unknown.deals, unknown.revenue) == (None, 1, eur("2000.00"))


def test_by_segment_region_and_industry_from_the_client() -> None:
    segments = breakdown(DEALS, by=Dimension.SEGMENT, period=Q1, currency="EUR",
                         clients=CLIENTS)  # fmt: skip
    regions = breakdown(DEALS, by="region", period=Q1, currency="EUR", clients=CLIENTS)
    industries = breakdown(DEALS, by="industry", period=Q1, currency="EUR",
                           clients=CLIENTS)  # fmt: skip

    # wholesale: D-3 and D-4 won, 6 000 + 2 000; cycle (20 + 30) / 2 = 25 days
    assert [(g.key, g.revenue, g.cycle_days) for g in segments] == [
        ("retail", eur("4000.00"), Decimal(10)),
        ("wholesale", eur("8000.00"), Decimal(25)),
    ]
    assert [(g.key, g.deals) for g in regions] == [("north", 4)]
    assert [(g.key, g.deals) for g in industries] == [("food", 2), (None, 2)]


def test_by_deal_type_named_through_the_catalog() -> None:
    groups = breakdown(DEALS, by="deal_type", period=Q1, currency="EUR")

    assert [(g.key, g.deals) for g in groups] == [("new_business", 3), ("renewal", 1)]
    assert [g.name.render("lv_LV") for g in groups] == [  # type: ignore[union-attr]
        "Jauns bizness",
        "Līguma atjaunošana",
    ]


def test_a_deal_whose_client_is_missing_is_refused_naming_it() -> None:
    stray = closed("D-9", "C-9", "1.00", "lost", 1)

    with pytest.raises(UnknownKeyError) as info:
        breakdown([stray], by="segment", period=Q1, currency="EUR", clients=CLIENTS)

    assert "'C-9'" in str(info.value)


def test_an_unknown_dimension_is_refused_naming_it() -> None:
    with pytest.raises(InvalidChoiceError) as info:
        breakdown(DEALS, by="colour", period=Q1, currency="EUR")

    assert "'colour'" in str(info.value)
    assert "'lead_source'" in str(info.value)
