"""Commission components (salary, flat rate, tiers), through the public API.

Rules of ``accountcore.commissions.components`` that ``make mutation`` found
unguarded: the attainment tiers that split the credit in proportion (a quota
counted in deals or clients, a component limited to part of the credit),
closed and open tier tables, amounts below zero, per-deal pay on attainment
tiers, the faults of a tier table, and how each line explains itself.
"""

import datetime
from decimal import Decimal

import pytest
from helpers import JAN, Q1, eur

from accountcore import CommissionPlan, Credit, Ledger, Money, Period, Quota
from accountcore.commissions import (
    BaseSalary,
    Basis,
    CreditFilter,
    FlatRate,
    LineKind,
    Mode,
    ServiceRecord,
    Tier,
    Tiered,
)
from accountcore.commissions.context import Context
from accountcore.commissions.errors import PlanDefinitionError
from accountcore.quotas import Measure

DAY = datetime.date(2026, 1, 15)
# 5 % up to 100 % of quota, 10 % above
HALVES = (Tier("0", "1", "0.05"), Tier("1", None, "0.10"))
# 1 % to 1,000, 2 % to 10,000, 3 % above
THREE = (
    Tier("0", "1000", "0.01"),
    Tier("1000", "10000", "0.02"),
    Tier("10000", None, "0.03"),
)


def credit(amount: str, deal: str = "D-1", **extra) -> Credit:
    return Credit(deal, extra.pop("client", "C-1"), "ana", eur(amount), DAY, **extra)


def won(count: int, amount: str = "1000") -> list[Credit]:
    return [credit(amount, f"D-{n}") for n in range(1, count + 1)]


def plan(*components) -> CommissionPlan:
    return CommissionPlan("test", "EUR", components)


def on_attainment(mode: Mode = Mode.MARGINAL, **options) -> Tiered:
    return Tiered("commission", HALVES, basis=Basis.ATTAINMENT, mode=mode, **options)


DEALS_QUOTA = Quota("ana", Q1, 4, Measure.DEALS_WON)


# --- attainment of a quota counted in deals: the credit split in proportion ---------


def test_marginal_attainment_tiers_on_a_deal_count_split_the_credit_by_attainment():
    statement = plan(on_attainment()).calculate(won(5), period=Q1, quota=DEALS_QUOTA)

    # 5 deals of a quota of 4: attainment 125 %. The 5,000 credited is split in
    # proportion: 100/125 of it (4,000) at 5 % = 200.00, 25/125 (1,000) at 10 %
    # = 100.00
    assert statement.attainment == Decimal("1.25")
    assert [line.amount for line in statement.lines] == [eur("200.00"), eur("100.00")]
    assert [line.basis for line in statement.lines] == [4000, 1000]
    assert [line.rate for line in statement.lines] == [Decimal("0.05"), Decimal("0.10")]
    assert statement.total == eur("300.00")
    assert all(line.component == "commission" for line in statement.lines)
    assert all(line.kind is LineKind.VARIABLE for line in statement.lines)
    assert all(line.unit == "EUR" for line in statement.lines)
    assert [line.description for line in statement.lines] == [
        "5% on the share of credit in attainment 0 to 1",
        "10% on the share of credit in attainment 1 to above",
    ]
    assert [line.describe("en") for line in statement.lines] == [
        "5% on €4,000.00, the credit for attainment 0% to 100%",
        "10% on €1,000.00, the credit for attainment from 100%",
    ]


def test_below_the_first_bound_all_the_credit_earns_the_first_rate():
    statement = plan(on_attainment()).calculate(won(3), period=Q1, quota=DEALS_QUOTA)

    # 3 of 4 deals: 75 %, all 3,000 in the first band at 5 %
    assert [line.amount for line in statement.lines] == [eur("150.00")]


def test_at_exactly_full_attainment_marginal_tiers_pay_all_at_the_first_rate():
    statement = plan(on_attainment()).calculate(won(4), period=Q1, quota=DEALS_QUOTA)

    # 4 of 4 deals: 100 %. All 4,000 lies below the bound, at 5 %; nothing
    # above it earns the 10 %
    assert [line.amount for line in statement.lines] == [eur("200.00")]


def test_retroactive_attainment_tiers_on_a_deal_count_pay_everything_at_the_rate_reached():
    retroactive = plan(on_attainment(Mode.RETROACTIVE))

    def total(deals: int) -> Money:
        return retroactive.calculate(won(deals), period=Q1, quota=DEALS_QUOTA).total

    # 3 of 4 deals (75 %): 3,000 × 5 %; 4 of 4 (100 %, on the bound, which
    # belongs to the tier above): 4,000 × 10 %; 5 of 4 (125 %): 5,000 × 10 %
    assert [total(3), total(4), total(5)] == [
        eur("150.00"),
        eur("400.00"),
        eur("500.00"),
    ]


def test_a_retroactive_attainment_line_says_what_it_paid_on_and_why():
    retroactive = plan(on_attainment(Mode.RETROACTIVE))

    statement = retroactive.calculate(won(5), period=Q1, quota=DEALS_QUOTA)

    (line,) = statement.lines
    assert line.component == "commission"
    assert line.kind is LineKind.VARIABLE
    assert line.amount == eur("500.00")
    assert (line.basis, line.unit, line.rate) == (5000, "EUR", Decimal("0.10"))
    assert line.deals == ("D-1", "D-2", "D-3", "D-4", "D-5")
    assert line.description == "10% on all credited (attainment 1.2500)"
    assert line.describe("en") == "10% on all credited €5,000.00 (attainment 125.0%)"


def test_credit_with_no_attainment_at_all_earns_the_first_rate():
    # a quota of new clients; the credit comes from a client already held, so
    # attainment is 0 % while 1,000 is credited: 1,000 × 5 % = 50.00
    quota = Quota("ana", Q1, 2, Measure.NEW_CLIENTS)

    statement = plan(on_attainment()).calculate(
        [credit("1000")], period=Q1, quota=quota
    )

    assert statement.attainment == 0
    assert [line.amount for line in statement.lines] == [eur("50.00")]
    assert statement.lines[0].rate == Decimal("0.05")


def test_a_credit_of_less_than_one_euro_is_split_like_any_other():
    tiers = (Tier("0", "1", "0.10"), Tier("1", None, "0.20"))
    one_deal = Quota("ana", Q1, 1, Measure.DEALS_WON)
    tiered = Tiered("commission", tiers, basis=Basis.ATTAINMENT)

    statement = plan(tiered).calculate(
        [credit("0.40", "D-1"), credit("0.60", "D-2")], period=Q1, quota=one_deal
    )

    # 2 deals of 1: 200 %. Half the 1.00 credited at 10 % (0.05), half at 20 %
    # (0.10); all of it at 20 % would be 0.20
    assert [line.amount for line in statement.lines] == [eur("0.05"), eur("0.10")]


# --- attainment tiers limited to part of the credit ---------------------------------


def test_attainment_tiers_on_part_of_the_credit_split_that_part_by_attainment():
    pumps = on_attainment(where=CreditFilter(products="pump"))
    quota = Quota("ana", Q1, eur("100000"))

    statement = plan(pumps).calculate(
        [credit("60000", "D-1", product="pump"), credit("90000", "D-2")],
        period=Q1,
        quota=quota,
    )

    # attainment counts all 150,000 credited: 150 %. The 60,000 of pumps is
    # split in proportion: 100/150 (40,000) at 5 % = 2,000.00, 50/150 (20,000)
    # at 10 % = 2,000.00
    assert [line.amount for line in statement.lines] == [eur("2000.00"), eur("2000.00")]
    assert [line.basis for line in statement.lines] == [40000, 20000]
    assert all(line.deals == ("D-1",) for line in statement.lines)


# --- tier tables on amounts ---------------------------------------------------------


def test_three_marginal_tiers_pay_and_explain_each_slice():
    statement = plan(Tiered("commission", THREE)).calculate(
        [credit("12000")], period=Q1
    )

    # 1,000 × 1 % = 10.00; 9,000 × 2 % = 180.00; 2,000 × 3 % = 60.00
    assert [line.amount for line in statement.lines] == [
        eur("10.00"),
        eur("180.00"),
        eur("60.00"),
    ]
    assert [(line.basis, line.unit) for line in statement.lines] == [
        (1000, "EUR"),
        (9000, "EUR"),
        (2000, "EUR"),
    ]
    assert [line.describe("en") for line in statement.lines] == [
        "1% on €1,000.00 (tier 0 to 1,000)",
        "2% on €9,000.00 (tier 1,000 to 10,000)",
        "3% on €2,000.00 (tier from 10,000)",
    ]


def test_retroactive_tiers_pay_all_at_the_rate_of_the_tier_reached():
    retroactive = Tiered("commission", THREE, mode=Mode.RETROACTIVE)

    # 999.99 × 1 %; 9,999 × 2 %; 10,000 (on the bound: the tier above) × 3 %
    assert retroactive.pay(Decimal("999.99")) == Decimal("9.9999")
    assert retroactive.pay(Decimal("9999")) == Decimal("199.98")
    assert retroactive.pay(Decimal("10000")) == Decimal("300.00")

    statement = plan(retroactive).calculate([credit("12000")], period=Q1)

    # 12,000 × 3 % = 360.00
    assert statement.total == eur("360.00")
    assert statement.lines[0].describe("en") == (
        "3% on all credited €12,000.00 (tier from 10,000)"
    )


def test_beyond_a_closed_last_tier_marginal_pay_stops_and_retroactive_pay_keeps_its_rate():
    closed = (Tier("0", "1000", "0.01"), Tier("1000", "2000", "0.02"))

    # marginal: 1,000 × 1 % + 1,000 × 2 %, the 3,000 above 2,000 earns nothing
    assert Tiered("t", closed).pay(Decimal("5000")) == Decimal("30.00")
    # retroactive: everything at the last tier's 2 %
    assert Tiered("t", closed, mode=Mode.RETROACTIVE).pay(Decimal("5000")) == 100


@pytest.mark.parametrize("mode", [Mode.MARGINAL, Mode.RETROACTIVE])
def test_an_amount_below_zero_earns_the_first_tier_rate(mode: Mode):
    tiered = Tiered("t", THREE, mode=mode)

    # a clawback larger than the credits: −20,000 × 1 %
    assert tiered.pay(Decimal("-20000")) == Decimal("-200.00")


def test_pay_on_nothing_is_a_decimal_zero():
    nothing = Tiered("t", THREE).pay(Decimal(0))

    assert nothing == 0
    assert isinstance(nothing, Decimal)


# --- per-deal pay on attainment tiers -------------------------------------------------


def _context(credits: list[Credit], **known) -> Context:
    amount = sum((c.amount.amount for c in credits), Decimal(0))
    values: dict[str, object] = {
        "owner": "ana",
        "period": JAN,
        "window": JAN,
        "currency": "EUR",
        "credits": credits,
        "amount": amount,
        "quota": None,
        "target": None,
        "attainment": None,
        "ledger": Ledger.opening("ana", "EUR"),
        "activity": None,
        "weights": {},
        "rates": None,
    }
    values.update(known)
    return Context(**values)  # type: ignore[arg-type]


def test_per_deal_pay_on_attainment_tiers_uses_the_quota_as_the_bound():
    pumps = on_attainment(where=CreditFilter(products="pump"))
    deals = [
        Credit("T0", "C-1", "ana", eur("5000"), datetime.date(2026, 1, 1)),
        Credit(
            "T1", "C-1", "ana", eur("6000"), datetime.date(2026, 1, 2), product="pump"
        ),
        Credit(
            "T2", "C-1", "ana", eur("6000"), datetime.date(2026, 1, 3), product="pump"
        ),
    ]
    context = _context(
        deals, target=Decimal(10000), attainment=Decimal("1.7"), period=JAN
    )

    payouts = pumps.deal_payouts(context)

    # only pumps count; the bound is 100 % of 10,000. T1: 6,000 × 5 % = 300.00;
    # T2 brings 12,000: 10,000 × 5 % + 2,000 × 10 % = 700.00, less 300.00 paid
    assert payouts == (("T1", eur("300.00")), ("T2", eur("400.00")))


def test_per_deal_pay_on_attainment_tiers_without_a_money_quota_is_refused_naming_it():
    context = _context([credit("100")], attainment=Decimal("1.2"))

    with pytest.raises(PlanDefinitionError) as caught:
        on_attainment().deal_payouts(context)

    assert str(caught.value) == (
        "Tiered 'commission' is invalid (1 fault):\n"
        "  - per-deal pay needs money bounds (basis amount, or attainment of a "
        "money quota above zero)"
    )


def test_a_band_slice_is_money_on_the_whole_basis_and_a_share_of_a_part():
    items = [credit("3"), credit("1")]
    context = _context(items, target=Decimal(1), attainment=Decimal(4))

    # against a target of 1 EUR the band from 100 % holds 4 − 1 = 3 EUR of
    # the whole 4 EUR credited (money); of a part of 3 EUR it holds its
    # share of attainment: 3 × (4 − 1) ÷ 4 = 2.25
    assert context.band_slice(Decimal(1), None, Decimal(4)) == Decimal(3)
    assert context.band_slice(Decimal(1), None, Decimal(3)) == Decimal("2.25")
    assert context.band_slice(Decimal(5), None, Decimal(3)) == 0


# --- a tier table's faults --------------------------------------------------------------


def test_a_tier_table_names_a_first_tier_above_zero_an_empty_tier_and_a_gap():
    with pytest.raises(PlanDefinitionError) as raised:
        Tiered("t", (Tier("5", "5", "0.01"), Tier("6", None, "0.02")))

    assert raised.value.faults == (
        "tier 1 must start at 0, got 5",
        "tier 1 ends at 5, not above its start 5",
        "tier 2 starts at 6, leaving a gap after 5",
    )


def test_a_bad_bound_is_named_once_without_a_gap_or_overlap_after_it():
    with pytest.raises(PlanDefinitionError) as raised:
        Tiered("t", (Tier("0", "many", "0.01"), Tier("100", None, "0.02")))

    assert raised.value.faults == (
        "tier 1 upper must be a decimal number (not a float), got 'many'",
    )


def test_an_open_ended_tier_before_the_last_is_refused():
    with pytest.raises(PlanDefinitionError) as raised:
        Tiered("t", (Tier("0", None, "0.01"), Tier("100", None, "0.02")))

    assert raised.value.faults == ("tier 1 is open-ended but is not the last tier",)


# --- salary and flat rate ----------------------------------------------------------------


def test_a_whole_period_salary_and_a_prorated_one_explain_themselves():
    salaried = plan(BaseSalary("salary", eur("3100")))
    late_start = ServiceRecord(
        active=Period(datetime.date(2026, 1, 22), datetime.date(2027, 1, 1))
    )

    whole = salaried.calculate([], period=JAN, owner="ana").lines[0]
    part = salaried.calculate([], period=JAN, owner="ana", activity=late_start).lines[0]

    assert (whole.amount, whole.basis, whole.unit) == (
        eur("3100.00"),
        1,
        "share of period",
    )
    assert whole.kind is LineKind.FIXED
    assert whole.describe("en") == "base salary"
    assert whole.describe("et_EE") == "põhipalk"
    assert part.description == "base salary, 0.3226 of period"
    # 10 of 31 days: 3,100 × 10 / 31 = 1,000.00
    assert part.amount == eur("1000.00")
    assert round(part.basis, 6) == Decimal("0.322581")
    assert part.describe("en") == "base salary for 32.3% of the period"


def test_a_flat_rate_with_nothing_credited_adds_no_line():
    statement = plan(FlatRate("commission", "0.1")).calculate(
        [], period=JAN, owner="ana"
    )

    assert statement.lines == ()
    assert statement.total == eur("0.00")


def test_a_flat_rate_line_says_rate_basis_and_filter():
    pumps = plan(FlatRate("pumps", "0.1", CreditFilter(products="pump")))

    statement = pumps.calculate(
        [credit("1000", product="pump"), credit("5000", "D-2")], period=JAN
    )

    (line,) = statement.lines
    assert (line.component, line.kind) == ("pumps", LineKind.VARIABLE)
    assert (line.amount, line.basis, line.unit) == (eur("100.00"), 1000, "EUR")
    assert line.rate == Decimal("0.1")
    assert line.description == "10% of credited amount (product pump)"
    assert line.describe("en") == "10% of the credited amount €1,000.00"


def test_a_salary_that_is_not_money_is_refused_naming_component_and_field():
    with pytest.raises(PlanDefinitionError) as raised:
        BaseSalary("salary", "3000")  # type: ignore[arg-type]

    assert str(raised.value).startswith("BaseSalary 'salary' is invalid (1 fault)")
    assert raised.value.faults == ("amount must be Money, got '3000'",)
