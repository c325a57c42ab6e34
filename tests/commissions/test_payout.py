"""Pay when the client pays: holds, releases, disputes and rewards."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountcore.commissions import (
    CommissionPlan,
    Credit,
    DeferredBonus,
    Dispute,
    FlatRate,
    Invoice,
    LineKind,
    Payment,
    PayOn,
    Payout,
    PayoutLedger,
    RewardInKind,
    settle,
)
from accountcore.commissions.errors import (
    DisputeError,
    InvalidCreditError,
    LedgerMismatchError,
)
from accountcore.errors import CurrencyMismatchError
from accountcore.money import Money
from accountcore.periods import Period

PLAN = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.10"),))
JAN, FEB, MAR = (Period.month(2026, m) for m in (1, 2, 3))


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def statement_of(period: Period, *amounts: str):  # type: ignore[no-untyped-def]
    credits = [
        Credit(f"D-{n}", "C-1", "ana", eur(a), period.start)
        for n, a in enumerate(amounts, 1)
    ]
    return PLAN.calculate(credits, period=period, owner="ana")


def test_pro_rata_releases_what_each_payment_pays_for() -> None:
    # 10 % of 3,000 = 300 earned on invoice I-1 (3,000); the client pays
    # 1,000 in January (1/3: 100.00), 500 in February (1/2 in all: 150.00,
    # so 50.00 more) and the last 1,500 in March (the remaining 150.00)
    invoice = Invoice("I-1", "D-1", eur("3000"), JAN.start)
    payments = [
        Payment("I-1", eur("1000"), dt.date(2026, 1, 20)),
        Payment("I-1", eur("500"), dt.date(2026, 2, 10)),
        Payment("I-1", eur("1500"), dt.date(2026, 3, 5)),
    ]
    payout = Payout(PayOn.PRO_RATA)

    jan = settle(
        statement_of(JAN, "3000"), payout, invoices=[invoice], payments=payments
    )
    feb = settle(statement_of(FEB), payout, payments=payments, ledger=jan.ledger)
    mar = settle(statement_of(MAR), payout, payments=payments, ledger=feb.ledger)

    assert [ln.amount for ln in jan.statement.lines] == [
        eur("300.00"),
        eur("-300.00"),
        eur("100.00"),
    ]
    assert jan.statement.total == eur("100.00")
    assert jan.ledger.held == eur("200.00")
    assert feb.statement.total == eur("50.00")
    assert mar.statement.total == eur("150.00")
    assert mar.ledger.holds == ()


def test_a_third_paid_releases_the_cent_rounded_down_and_the_rest_at_the_end() -> None:
    # 10 % of 100 = 10.00 on invoice 100; 33.33 paid: 10.00 × 0.3333 = 3.333
    # → 3.33 (down); then the remaining 66.67: 6.67, 10.00 in all
    invoice = Invoice("I-1", "D-1", eur("100"), JAN.start)
    first = [Payment("I-1", eur("33.33"), dt.date(2026, 1, 9))]
    both = [*first, Payment("I-1", eur("66.67"), dt.date(2026, 2, 9))]

    jan = settle(
        statement_of(JAN, "100"), Payout("pro_rata"), invoices=[invoice], payments=first
    )
    feb = settle(
        statement_of(FEB), Payout("pro_rata"), payments=both, ledger=jan.ledger
    )

    assert jan.statement.lines_of("payout")[-1].amount == eur("3.33")
    assert feb.statement.total == eur("6.67")


def test_full_payment_holds_everything_until_the_last_payment() -> None:
    invoice = Invoice("I-1", "D-1", eur("1000"), JAN.start)
    part = [Payment("I-1", eur("999.99"), dt.date(2026, 1, 9))]
    full = [*part, Payment("I-1", eur("0.01"), dt.date(2026, 2, 1))]

    jan = settle(
        statement_of(JAN, "1000"),
        Payout("full_payment"),
        invoices=[invoice],
        payments=part,
    )
    feb = settle(
        statement_of(FEB), Payout("full_payment"), payments=full, ledger=jan.ledger
    )

    assert jan.statement.total == eur("0.00")
    assert feb.statement.total == eur("100.00")


def test_earned_pay_spreads_over_the_periods_invoices_by_their_amounts() -> None:
    # 10 % of 1,000 = 100.00 over invoices of 1 and 2: 33.33 and 66.67
    invoices = [
        Invoice("I-1", "D-1", eur("1"), JAN.start),
        Invoice("I-2", "D-1", eur("2"), JAN.start),
    ]

    done = settle(statement_of(JAN, "1000"), Payout("pro_rata"), invoices=invoices)

    assert [h.earned for h in done.ledger.holds] == [eur("33.33"), eur("66.67")]
    assert [ln.kind for ln in done.statement.lines[1:]] == [
        LineKind.HELD,
        LineKind.HELD,
    ]


def test_on_invoice_nothing_is_held() -> None:
    invoice = Invoice("I-1", "D-1", eur("1000"), JAN.start)

    done = settle(statement_of(JAN, "1000"), Payout(), invoices=[invoice])

    assert done.statement.total == eur("100.00")
    assert done.ledger.holds == ()


def test_every_hold_and_release_explains_itself_in_each_language() -> None:
    invoice = Invoice("I-1", "D-1", eur("1000"), JAN.start)
    paid = [Payment("I-1", eur("250"), dt.date(2026, 1, 9))]

    lines = settle(
        statement_of(JAN, "1000"), Payout("pro_rata"), invoices=[invoice], payments=paid
    ).statement.lines

    assert (
        lines[1].describe("en_US")
        == "held until the client pays invoice I-1 (€1,000.00)"
    )
    assert (
        lines[2].describe("en_US")
        == "released for invoice I-1: €250.00 of €1,000.00 paid"
    )
    for locale in ("et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV"):
        assert "I-1" in lines[1].describe(locale)
        assert lines[2].describe(locale) != lines[2].describe("en_US")


def test_a_resolved_dispute_shows_on_the_next_statement_exactly_once() -> None:
    jan = statement_of(JAN, "1000")
    dispute = Dispute.against(
        jan, 1, "X-1", "ana", dt.date(2026, 2, 3), "deal D-7 is missing"
    )
    resolved = dispute.resolve(eur("40"), "D-7 added", "mia", dt.date(2026, 2, 12))
    first = settle(jan, Payout())

    feb = settle(statement_of(FEB), Payout(), ledger=first.ledger, disputes=[resolved])
    mar = settle(statement_of(MAR), Payout(), ledger=feb.ledger, disputes=[resolved])

    assert [ln.amount for ln in feb.statement.lines_of("adjustment")] == [eur("40.00")]
    assert feb.statement.lines_of("adjustment")[0].describe("en_US") == (
        "adjustment for dispute X-1 (line 1, 2026-01): D-7 added (mia, Feb 12, 2026)"
    )
    assert mar.statement.lines_of("adjustment") == ()


def test_a_dispute_of_a_line_the_statement_lacks_is_refused() -> None:
    with pytest.raises(DisputeError, match="has no line 7"):
        Dispute.against(statement_of(JAN, "1"), 7, "X-1", "ana", FEB.start, "why")


def test_a_dispute_resolved_twice_is_refused() -> None:
    jan = statement_of(JAN, "1000")
    once = Dispute.against(jan, 1, "X-9", "ana", FEB.start, "why").resolve(
        eur("0"), "stands", "mia", FEB.start
    )

    with pytest.raises(
        DisputeError, match="'X-9' cannot be resolved: it was resolved on 2026-02-01"
    ):
        once.resolve(eur("1"), "again", "mia", MAR.start)


def test_an_adjustment_in_another_currency_is_refused() -> None:
    dispute = Dispute.against(
        statement_of(JAN, "1000"), 1, "X-1", "ana", FEB.start, "why"
    )

    with pytest.raises(CurrencyMismatchError, match="USD"):
        dispute.resolve(Money("1", "USD"), "fx", "mia", FEB.start)


def test_a_ledger_of_a_settled_period_is_refused() -> None:
    done = settle(statement_of(FEB), Payout())

    with pytest.raises(
        LedgerMismatchError, match=r"through=datetime.date\(2026, 3, 1\)"
    ):
        settle(statement_of(JAN), Payout(), ledger=done.ledger)


def test_a_ledger_of_another_owner_is_refused() -> None:
    with pytest.raises(LedgerMismatchError, match="owner='bob'"):
        settle(statement_of(JAN), Payout(), ledger=PayoutLedger.opening("bob", "EUR"))


def test_an_invoice_in_another_currency_is_refused() -> None:
    bill = Invoice("I-1", "D-1", Money("5", "USD"), JAN.start)

    with pytest.raises(CurrencyMismatchError, match="USD"):
        settle(statement_of(JAN, "1"), Payout("pro_rata"), invoices=[bill])


def test_a_deferred_bonus_pays_once_when_vested_and_its_condition_met() -> None:
    bonus = DeferredBonus(
        "B-1",
        "ana",
        eur("500"),
        JAN.last_day,
        vests_on=FEB.start,
        condition="Q1 quota met",
    )
    met = bonus.met(dt.date(2026, 3, 2))

    feb = settle(statement_of(FEB), Payout(), rewards=[met])
    feb_before = settle(statement_of(FEB), Payout(), rewards=[bonus])
    mar = settle(
        statement_of(MAR),
        Payout(),
        rewards=[met],
        ledger=settle(statement_of(FEB), Payout()).ledger,
    )
    apr = settle(
        statement_of(Period.month(2026, 4)), Payout(), rewards=[met], ledger=mar.ledger
    )

    assert feb.statement.lines_of("reward") == ()  # met only in March
    assert feb_before.statement.lines_of("reward") == ()
    assert [ln.amount for ln in mar.statement.lines_of("reward")] == [eur("500.00")]
    assert apr.statement.lines_of("reward") == ()


def test_a_reward_in_kind_is_recorded_at_its_value_and_not_paid_in_cash() -> None:
    trip = RewardInKind(
        "R-1", "ana", "weekend trip to Riga", eur("800"), dt.date(2026, 1, 30)
    )

    done = settle(statement_of(JAN, "1000"), Payout(), rewards=[trip])

    # 100.00 commission + 800.00 trip = 900.00 of pay, 100.00 of it in cash
    assert done.statement.total == eur("900.00")
    assert done.cash == eur("100.00")
    assert done.statement.lines[-1].describe("lv_LV") == (
        "atlīdzība natūrā: weekend trip to Riga, vērtība 800,00\xa0€"
    )


def test_a_condition_met_on_a_bonus_without_one_is_refused() -> None:
    with pytest.raises(InvalidCreditError, match=r"met_on=datetime\.date"):
        DeferredBonus("B-1", "ana", eur("5"), JAN.start).met(FEB.start)


payments_st = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=5),  # invoice number
        st.integers(min_value=1, max_value=200_000),  # cents
        st.integers(min_value=0, max_value=5),  # month index of the payment
    ),
    max_size=12,
)


@given(
    amounts=st.lists(
        st.integers(min_value=1, max_value=10_000_000), min_size=1, max_size=5
    ),
    paid=payments_st,
    pay_on=st.sampled_from([PayOn.PRO_RATA, PayOn.FULL_PAYMENT]),
    resolve_in=st.integers(min_value=1, max_value=5),
)
def test_holds_and_releases_never_pay_more_than_earned_and_an_adjustment_shows_once(
    amounts: list[int], paid: list[tuple[int, int, int]], pay_on: PayOn, resolve_in: int
) -> None:
    """Over six months, whatever the payments (over-payments too): the
    releases never exceed the holds, what is still held is the difference,
    and a resolved dispute's adjustment appears on exactly one statement."""
    months = [Period.month(2026, m) for m in range(1, 7)]
    invoices = [
        Invoice(f"I-{n}", f"D-{n}", Money(cents, "EUR") / 100, JAN.start)
        for n, cents in enumerate(amounts, 1)
    ]
    payments = [
        Payment(f"I-{n}", Money(cents, "EUR") / 100, months[m].start)
        for n, cents, m in paid
        if n <= len(amounts)
    ]
    first = statement_of(JAN, *(str(i.amount.amount) for i in invoices))
    dispute = Dispute.against(first, 1, "X-1", "ana", FEB.start, "why").resolve(
        eur("12.34"), "fixed", "mia", months[resolve_in].start
    )
    ledger = None
    held = released = adjustments = eur("0")
    shown = 0
    for month in months:
        statement = first if month == JAN else statement_of(month)
        done = settle(
            statement,
            Payout(pay_on),
            invoices=invoices,
            payments=payments,
            ledger=ledger,
            disputes=[dispute],
        )
        ledger = done.ledger
        for line in done.statement.lines:
            if line.kind is LineKind.HELD:
                held -= line.amount
            elif line.kind is LineKind.RELEASED:
                released += line.amount
            elif line.kind is LineKind.ADJUSTMENT:
                adjustments += line.amount
                shown += 1
        assert released <= held
        assert held - released == ledger.held

    assert held == first.earned  # all of the earned pay was held
    assert shown == 1
    assert adjustments == eur("12.34")
