"""Credits from deals: splits, dating, new clients and clawbacks."""

import datetime
from decimal import Decimal

import pendulum
import pytest
from helpers import JAN_5 as T0
from helpers import SALES as PIPELINE
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore import (
    Client,
    ClientKind,
    Credit,
    FiscalCalendar,
    Measure,
    Money,
    Period,
    Split,
    credits_from,
)
from accountcore.commissions import ClawbackMode
from accountcore.commissions.errors import InvalidCreditError, MissingMarginError
from accountcore.errors import ArgumentTypeError, InvalidChoiceError, UnknownKeyError

TALLINN = FiscalCalendar(timezone="Europe/Tallinn")


def won_deal(deal_id="D-1", amount="1000.00", shares=None, client="C-1", won_at=None):
    deal = PIPELINE.new_deal(deal_id, client_id=client, owner="ana", at=T0, by="ana")
    deal = deal.with_amount(Money(amount, "EUR"), at=T0, by="ana")
    if shares:
        splits = [Split(owner, Decimal(share)) for owner, share in shares]
        deal = deal.with_splits(splits, at=T0, by="ana")
    return PIPELINE.advance(
        deal,
        "contract_signed",
        at=won_at or T0.add(days=1),
        by="ana",
        force=True,
        reason="test",
    )


def cancel(deal, at):
    return PIPELINE.advance(
        deal, "cancelled", at=at, by="ana", reason="client withdrew"
    )


def test_a_won_deal_credits_each_split_owner_to_the_cent():
    deal = won_deal(
        amount="100.00", shares=[("ana", "0.333"), ("bob", "0.333"), ("eve", "0.334")]
    )

    found = credits_from([deal], period=Period.month(2026, 1), calendar=TALLINN)

    # 33.30 + 33.30 + 33.40 = 100.00
    assert [(c.owner, c.amount) for c in found] == [
        ("ana", Money("33.30", "EUR")),
        ("bob", Money("33.30", "EUR")),
        ("eve", Money("33.40", "EUR")),
    ]


@settings(max_examples=100)
@given(st.integers(1, 10**9), st.lists(st.integers(1, 100), min_size=1, max_size=5))
def test_splits_conserve_the_credit_to_the_cent(cents, raw):
    total = sum(raw)
    shares = [Decimal(r) / total for r in raw[:-1]]
    shares = [s.quantize(Decimal("0.0001")) for s in shares]
    shares.append(1 - sum(shares, Decimal(0)))
    if any(s <= 0 for s in shares):
        return
    amount = str(Decimal(cents).scaleb(-2))
    deal = won_deal(
        amount=amount, shares=[(f"am{i}", str(s)) for i, s in enumerate(shares)]
    )

    found = credits_from([deal], period=Period.month(2026, 1), calendar=TALLINN)

    assert sum((c.amount for c in found), Money(0, "EUR")) == Money(amount, "EUR")


def test_a_credit_is_dated_in_the_calendars_timezone():
    # 23:30 UTC on 31 January is already 1 February in Tallinn
    deal = won_deal(won_at=pendulum.datetime(2026, 1, 31, 23, 30, tz="UTC"))

    found = credits_from([deal], period=Period.month(2026, 2), calendar=TALLINN)

    assert found[0].credited_on == datetime.date(2026, 2, 1)
    assert credits_from([deal], period=Period.month(2026, 1), calendar=TALLINN) == ()


def test_a_cancellation_inside_the_window_claws_back_the_full_credit():
    deal = cancel(won_deal(), T0.add(days=40))

    found = credits_from(
        [deal], period=Period.month(2026, 2), calendar=TALLINN, clawback_days=90
    )

    assert [c.amount for c in found] == [Money("-1000.00", "EUR")]
    assert found[0].original_on == datetime.date(2026, 1, 6)
    assert found[0].is_clawback


def test_a_linear_clawback_falls_with_the_days_since_the_win():
    deal = cancel(won_deal(), T0.add(days=31))  # won 6 Jan, cancelled 5 Feb: 30 days

    found = credits_from(
        [deal],
        period=Period.month(2026, 2),
        calendar=TALLINN,
        clawback_days=90,
        clawback=ClawbackMode.LINEAR,
    )

    # (90 − 30) / 90 of 1,000.00 = 666.67 back
    assert [c.amount for c in found] == [Money("-666.67", "EUR")]


def test_a_cancellation_after_the_window_claws_back_nothing():
    deal = cancel(won_deal(), T0.add(days=120))

    assert (
        credits_from(
            [deal], period=Period.month(2026, 5), calendar=TALLINN, clawback_days=90
        )
        == ()
    )


def test_a_deal_won_and_cancelled_in_the_same_period_nets_to_zero():
    deal = cancel(won_deal(), T0.add(days=10))

    found = credits_from(
        [deal], period=Period.month(2026, 1), calendar=TALLINN, clawback_days=30
    )

    assert sum((c.amount for c in found), Money(0, "EUR")) == Money(0, "EUR")


def test_a_client_is_new_on_its_first_won_deal_only():
    first = won_deal("D-1", won_at=T0.add(days=1))
    second = won_deal("D-2", won_at=T0.add(days=3))

    found = credits_from(
        [second, first], period=Period.month(2026, 1), calendar=TALLINN
    )

    assert [(c.deal_id, c.is_new_client) for c in found] == [
        ("D-1", True),
        ("D-2", False),
    ]


def test_a_gross_margin_measure_needs_the_deals_margin():
    with pytest.raises(KeyError, match="'D-1'"):
        credits_from(
            [won_deal()],
            period=Period.month(2026, 1),
            calendar=TALLINN,
            measure=Measure.GROSS_MARGIN,
        )


def test_a_gross_margin_measure_credits_the_margin():
    found = credits_from(
        [won_deal()],
        period=Period.month(2026, 1),
        calendar=TALLINN,
        measure="gross_margin",
        margins={"D-1": Money("250.00", "EUR")},
    )

    assert found[0].amount == Money("250.00", "EUR")


def test_a_clawback_window_must_be_a_positive_number_of_days():
    with pytest.raises(
        InvalidCreditError,
        match=r"clawback_days=0 is invalid: expected a positive int \(days\) or None",
    ):
        credits_from(
            [], period=Period.month(2026, 1), calendar=TALLINN, clawback_days=0
        )


def test_a_credit_refuses_an_empty_deal_id():
    with pytest.raises(
        InvalidCreditError, match="deal_id='' is invalid: expected a non-empty str"
    ):
        Credit("", "C-1", "ana", Money("1", "EUR"), datetime.date(2026, 1, 1))


# --- wrong arguments are the library's errors, naming the argument ------------


def test_a_gross_margin_credit_without_the_deals_margin_names_the_deal():
    with pytest.raises(MissingMarginError, match="won deal 'D-1'") as caught:
        credits_from(
            [won_deal()],
            period=Period.month(2026, 1),
            calendar=TALLINN,
            measure="gross_margin",
            margins={"D-9": Money("1.00", "EUR")},
        )

    assert "margins are given for 'D-9'" in str(caught.value)
    assert isinstance(caught.value, KeyError)


def test_a_won_deal_whose_client_is_not_given_names_it_and_the_known_ones():
    other = Client.prospect(
        "C-2", "Other Ltd", kind=ClientKind.CORPORATE, owner="ana", at=T0
    )

    with pytest.raises(UnknownKeyError, match="Unknown client 'C-1'") as caught:
        credits_from(
            [won_deal()],
            period=Period.month(2026, 1),
            calendar=TALLINN,
            clients=[other],
        )

    assert "expected one of 'C-2'" in str(caught.value)
    assert "deal 'D-1'" in str(caught.value)


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (
            {"calendar": set()},
            r"calendar must be a FiscalCalendar, not set \(set\(\)\)",
        ),
        ({"period": None}, r"period must be a Period, not NoneType \(None\)"),
        ({"clients": [None]}, r"clients\[0\] must be a Client, not NoneType"),
        ({"clawback_days": "30"}, r"clawback_days must be a positive int"),
    ],
)
def test_a_wrong_type_of_argument_is_a_type_error_naming_it(arguments, named):
    given = {"period": Period.month(2026, 1), "calendar": TALLINN, **arguments}

    with pytest.raises(ArgumentTypeError, match=named):
        credits_from([won_deal()], **given)


def test_a_deal_that_is_not_a_deal_is_named_by_its_position():
    with pytest.raises(ArgumentTypeError, match=r"deals\[1\] must be a Deal, not str"):
        credits_from(
            [won_deal(), "D-2"], period=Period.month(2026, 1), calendar=TALLINN
        )


def test_an_unknown_measure_or_clawback_mode_lists_the_valid_ones():
    with pytest.raises(InvalidChoiceError, match="clawback='half' is not a valid"):
        credits_from(
            [], period=Period.month(2026, 1), calendar=TALLINN, clawback="half"
        )
    with pytest.raises(
        ValueError,
        match="measure=None is not a valid choice: expected one of 'deals_won'",
    ):
        credits_from([], period=Period.month(2026, 1), calendar=TALLINN, measure=None)


def test_a_credit_refuses_an_unknown_tier_and_a_non_int_quantity():
    day = datetime.date(2026, 1, 1)
    with pytest.raises(InvalidChoiceError, match="client_tier='gold'"):
        Credit("D-1", "C-1", "ana", Money("1", "EUR"), day, client_tier="gold")
    with pytest.raises(ArgumentTypeError, match=r"quantity must be an int, not str"):
        Credit("D-1", "C-1", "ana", Money("1", "EUR"), day, quantity="2")
    with pytest.raises(
        ArgumentTypeError, match=r"amount must be a Money, not str \('1'\)"
    ):
        Credit("D-1", "C-1", "ana", "1", day)
