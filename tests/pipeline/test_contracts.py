"""Contracts and renewals: the dates to act on, the renewal deal, and the
contracted recurring revenue, with hand-checked numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from accountcore.errors import ArgumentTypeError, CurrencyMismatchError
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.pipeline import (
    BillingPeriod,
    Contract,
    DealType,
    RenewalTerms,
    contracted_revenue,
    renewal_deal,
    renewal_terms_label,
    renewals_due,
)
from accountcore.pipeline.errors import ContractError
from accountcore.serialization import converter
from tests.helpers import JAN_5, SALES, eur


def contract(
    id: str = "K-1",
    *,
    owner: str = "anna",
    start: dt.date = dt.date(2026, 1, 1),
    end: dt.date = dt.date(2026, 12, 31),
    value: Money | None = None,
    per: BillingPeriod = BillingPeriod.MONTH,
    renewal: RenewalTerms = RenewalTerms.NONE,
    notice_days: int = 0,
) -> Contract:
    return Contract(
        id,
        f"C-{id}",
        owner,
        start,
        end,
        eur("1000.00") if value is None else value,
        per,
        renewal,
        notice_days,
    )


# --- dates --------------------------------------------------------------------


def test_notice_terms_are_decided_by_the_notice_date() -> None:
    k = contract(renewal=RenewalTerms.NOTICE, notice_days=90)

    # 31 December − 90 days: back 30 to 1 December, 30 to 1 November, 30 to 2 October
    assert k.notice_by == dt.date(2026, 10, 2)
    assert k.decide_by == dt.date(2026, 10, 2)
    assert k.expires_on == dt.date(2026, 12, 31)


def test_other_terms_are_decided_by_the_last_day() -> None:
    for terms in (RenewalTerms.NONE, RenewalTerms.AUTOMATIC):
        k = contract(renewal=terms)
        assert k.notice_by is None
        assert k.decide_by == dt.date(2026, 12, 31)


def test_renewals_due_in_a_window_are_those_to_act_on_in_it_earliest_first() -> None:
    ks = [
        # ends 30 June: act by 30 June (inside Q2)
        contract("K-1", start=dt.date(2025, 7, 1), end=dt.date(2026, 6, 30)),
        # ends 31 August, 90 days' notice: act by 2 June (inside Q2)
        contract(
            "K-2",
            start=dt.date(2025, 9, 1),
            end=dt.date(2026, 8, 31),
            renewal=RenewalTerms.NOTICE,
            notice_days=90,
        ),
        # ends 31 July, no notice: act by 31 July (after Q2)
        contract("K-3", start=dt.date(2025, 8, 1), end=dt.date(2026, 7, 31)),
        # renews itself on 1 April: listed, nothing to do
        contract(
            "K-4",
            start=dt.date(2025, 4, 1),
            end=dt.date(2026, 3, 31),
            renewal=RenewalTerms.AUTOMATIC,
        ),
    ]

    due = renewals_due(ks, Period.quarter(2026, 2))

    assert [(r.contract.id, r.decide_by) for r in due] == [
        ("K-2", dt.date(2026, 6, 2)),
        ("K-1", dt.date(2026, 6, 30)),
    ]
    assert [r.days_left(dt.date(2026, 5, 1)) for r in due] == [32, 60]
    assert [r.renews_itself for r in due] == [True, False]
    assert [r.contract.id for r in renewals_due(ks, Period.quarter(2026, 1))] == ["K-4"]


# --- the renewal deal ---------------------------------------------------------------


def test_a_renewal_deal_is_of_type_renewal_and_worth_one_more_term() -> None:
    k = contract(value=eur("12000.00"), per=BillingPeriod.YEAR)

    deal = renewal_deal(k, SALES, id="D-R1", at=JAN_5, by="anna")

    # 12 months × (12 000.00 ÷ 12) = 12 000.00
    assert deal.amount == eur("12000.00")
    assert deal.deal_type is DealType.RENEWAL
    assert (deal.client_id, deal.owner) == ("C-K-1", "anna")
    assert deal.expected_close == dt.date(2026, 12, 31)


def test_a_contract_is_made_from_a_won_deal_and_links_to_it() -> None:
    deal = SALES.new_deal("D-1", client_id="C-1", owner="boris", at=JAN_5, by="b")
    won = SALES.advance(
        deal, "contract_signed", at=JAN_5.add(days=1), by="b", force=True, reason="x"
    )

    k = Contract.from_deal(
        won,
        id="K-9",
        start=dt.date(2026, 2, 1),
        end=dt.date(2027, 1, 31),
        value=eur("300.00"),
        renewal="notice",
        notice_days=30,
    )

    assert (k.deal_id, k.client_id, k.owner) == ("D-1", "C-1", "boris")
    with pytest.raises(ContractError) as info:
        Contract.from_deal(
            deal, id="K-8", start=dt.date(2026, 2, 1), end=dt.date(2027, 1, 31),
            value=eur("300.00"),
        )  # fmt: skip
    assert "'D-1'" in str(info.value)
    assert "won deal" in str(info.value)


# --- contracted recurring revenue --------------------------------------------------


def test_contracted_revenue_per_owner_is_prorated_by_day_and_rounded_once() -> None:
    ks = [
        # a year's 12 000.00 → 1 000.00 a month; Q1: 3 000.00
        contract("K-1", value=eur("12000.00"), per=BillingPeriod.YEAR),
        # 450.00 a month from 15 February: 14 of 28 days → 225.00; March 450.00
        contract(
            "K-2",
            start=dt.date(2026, 2, 15),
            end=dt.date(2027, 2, 14),
            value=eur("450.00"),
        ),
        # boris: 1 000.00 a quarter → 333.33… a month; 1–10 January: 10/31
        # of it = 107.526…, then none: 107.53
        contract(
            "K-3",
            owner="boris",
            start=dt.date(2025, 10, 11),
            end=dt.date(2026, 1, 10),
            value=eur("1000.00"),
            per=BillingPeriod.QUARTER,
        ),
        # ends before the quarter: left out
        contract(
            "K-4", owner="cleo", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)
        ),
    ]

    crr = contracted_revenue(ks, Period.quarter(2026, 1))

    assert crr == {"anna": eur("3675.00"), "boris": eur("107.53")}


def test_an_owner_s_contracts_in_two_currencies_are_refused() -> None:
    ks = [contract("K-1"), contract("K-2", value=Money("1000", "USD"))]

    with pytest.raises(CurrencyMismatchError) as info:
        contracted_revenue(ks, Period.month(2026, 1))

    assert "USD" in str(info.value)


# --- rules of the data ------------------------------------------------------------------


def test_a_contract_ends_on_or_after_its_start() -> None:
    with pytest.raises(ContractError) as info:
        contract(start=dt.date(2026, 3, 1), end=dt.date(2026, 2, 28))

    assert "datetime.date(2026, 2, 28)" in str(info.value)
    assert "on or after its start" in str(info.value)


def test_notice_terms_need_a_notice_period_and_only_they_have_one() -> None:
    with pytest.raises(ContractError) as missing:
        contract(renewal=RenewalTerms.NOTICE)
    with pytest.raises(ContractError) as extra:
        contract(renewal=RenewalTerms.AUTOMATIC, notice_days=30)

    assert "notice_days=0" in str(missing.value)
    assert "positive notice period" in str(missing.value)
    assert "notice_days=30" in str(extra.value)
    assert "automatic terms: 0" in str(extra.value)


def test_a_negative_value_and_a_blank_owner_are_refused() -> None:
    with pytest.raises(ContractError) as value:
        contract(value=eur("-1"))
    with pytest.raises(ContractError) as owner:
        contract(owner=" ")

    assert "Money('-1', 'EUR')" in str(value.value)
    assert "owner=' '" in str(owner.value)


def test_the_window_must_be_a_period() -> None:
    with pytest.raises(ArgumentTypeError) as info:
        renewals_due([contract()], "2026-Q2")  # type: ignore[arg-type]

    assert "'2026-Q2'" in str(info.value)


def test_renewal_terms_are_shown_through_the_catalog() -> None:
    assert renewal_terms_label(RenewalTerms.AUTOMATIC).render("en") == (
        "Renews automatically"
    )
    assert renewal_terms_label("none").render("ja_JP") == "更新なしで終了"


def test_a_contract_is_stored_and_read_back() -> None:
    k = contract(renewal=RenewalTerms.NOTICE, notice_days=60, per=BillingPeriod.YEAR)

    assert converter.structure(converter.unstructure(k), Contract) == k
