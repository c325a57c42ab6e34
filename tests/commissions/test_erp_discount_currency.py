"""Commission rules as the ERPs write them (issue 21, points 14 and 16): a
rate by the discount given, and one statement per currency.

The ERP behaviour compared with is taken from public documentation and
source only (behaviour, never code):
- OCA commission (github.com/OCA/commission), the settlement wizard
  ``commission.make.settle``: an agent's commission lines are grouped by
  company and currency, one settlement per currency, amounts in the
  invoice's currency (nothing converted): ``pay_in="sale"`` and
  :func:`calculate_by_currency`.
- OCA commission's "By sections" type reads ``amount_from <= base <=
  amount_to`` (both bounds inside): the ``upper_inside=True`` reading of a
  discount table ("up to 10 %" holds 10 %), beside accountcore's half-open
  tiers (a bound starts the next band).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import polars as pl
import pytest
from helpers import JAN, eur

from accountcore.commissions import (
    BaseSalary,
    CommissionPlan,
    Credit,
    CreditFilter,
    DiscountBand,
    DiscountRates,
    FlatRate,
    PayIn,
    Tier,
    Tiered,
    calculate_by_currency,
    calculate_team,
    credits_from,
)
from accountcore.commissions.components import Basis
from accountcore.commissions.errors import (
    InvalidCreditError,
    MissingDiscountError,
    MissingQuotaError,
    PlanDefinitionError,
    SaleCurrencyPlanError,
)
from accountcore.definitions import dumps, loads
from accountcore.frames import calculate_team as frame_team
from accountcore.money import Money
from accountcore.periods import FiscalCalendar, Period
from accountcore.quotas import Quota
from accountcore.serialization import structure, unstructure

DAY = datetime.date(2026, 1, 12)
BANDS = (
    DiscountBand("0.10", "0.05"),
    DiscountBand("0.20", "0.03"),
    DiscountBand(None, "0.01"),
)


def sale(deal, amount, listed, discount, currency="EUR"):
    return Credit(
        deal,
        "C-1",
        "ana",
        Money(amount, currency),
        DAY,
        list_amount=Money(listed, currency),
        discount=Money(discount, currency),
    )


SALES = [
    sale("D-1", "950.00", "1000.00", "50.00"),  # 5 %
    sale("D-2", "900.00", "1000.00", "100.00"),  # 10 %, on the bound
    sale("D-3", "1500.00", "2000.00", "500.00"),  # 25 %
]


def pay(component, credits):
    return CommissionPlan("AM", "EUR", (component,)).calculate(credits, period=JAN)


# --- 14. a rate by the discount given -------------------------------------------------


def test_the_deeper_the_discount_the_lower_the_rate():
    s = pay(DiscountRates("by discount", BANDS), SALES)

    # 950 × 5 % = 47.50; 10 % is not below 10 %: 900 × 3 % = 27.00;
    # 1,500 × 1 % = 15.00; 47.50 + 27.00 + 15.00 = 89.50
    assert [(ln.deals, str(ln.amount), ln.rate) for ln in s.lines] == [
        (("D-1",), "47.50 EUR", Decimal("0.05")),
        (("D-2",), "27.00 EUR", Decimal("0.03")),
        (("D-3",), "15.00 EUR", Decimal("0.01")),
    ]
    assert s.total == eur("89.50")


def test_an_erp_table_holds_its_upper_bound():
    s = pay(DiscountRates("by discount", BANDS, upper_inside=True), SALES)

    # "up to 10 %" holds 10 %: 950 × 5 % + 900 × 5 % = 47.50 + 45.00 = 92.50
    assert [str(ln.amount) for ln in s.lines] == ["92.50 EUR", "15.00 EUR"]
    assert s.lines[0].deals == ("D-1", "D-2")


def test_a_discount_deeper_than_the_table_pays_nothing_and_says_so():
    table = DiscountRates("by discount", BANDS[:2])

    s = pay(table, SALES)

    assert [str(ln.amount) for ln in s.lines] == ["47.50 EUR", "27.00 EUR", "0.00 EUR"]
    assert s.lines[2].describe("en_US") == (
        "€1,500.00 sold at a discount of 20% or more is beyond the table: no commission"
    )
    assert s.lines[0].describe("en_US") == (
        "5% on €950.00 sold at a discount from 0% to under 10%"
    )


def test_every_line_reads_in_six_languages():
    lines = [
        *pay(DiscountRates("d", BANDS[:2]), SALES).lines,
        *pay(DiscountRates("d", BANDS, upper_inside=True), SALES).lines,
        *pay(DiscountRates("d", BANDS[1:2], upper_inside=True), SALES).lines,
    ]
    for locale in ("en_US", "et_EE", "ja_JP", "lv_LV", "ro_RO", "uk_UA"):
        for line in lines:
            text = line.describe(locale)
            assert "{" not in text
            assert "1" in text or "9" in text  # the amount is shown


def test_a_clawback_takes_back_what_the_sale_earned_at_its_discount():
    back = Credit(
        "D-2",
        "C-1",
        "ana",
        eur("-900.00"),
        DAY,
        list_amount=eur("1000.00"),
        discount=eur("100.00"),
    )

    s = pay(DiscountRates("by discount", BANDS), [SALES[1], back])

    # 900 − 900 = 0 at 3 %: the sale and its clawback net out
    assert s.total == eur("0.00")
    assert pay(DiscountRates("d", BANDS), [back]).total == eur("-27.00")  # −900 × 3 %


def test_a_credit_without_a_discount_is_refused_by_name():
    bare = Credit("D-9", "C-1", "ana", eur("100"), DAY)

    with pytest.raises(MissingDiscountError, match="'D-9'") as info:
        pay(DiscountRates("by discount", BANDS), [bare])
    assert info.value.deal_id == "D-9"
    assert isinstance(info.value, ValueError)
    # left out with the component's filter, it is not read
    only_pumps = DiscountRates("d", BANDS, CreditFilter(products="pump"))
    assert pay(only_pumps, [bare]).lines == ()


@pytest.mark.parametrize(
    ("bands", "fault"),
    [
        ((), "at least one band is needed"),
        (
            (DiscountBand("0.2", "0.05"), DiscountBand("0.1", "0.03")),
            "band 2 reaches 0.1, not above the band before (0.2)",
        ),
        ((DiscountBand("1.5", "0.05"),), "band 1 reaches a discount of 1.5"),
        ((DiscountBand("0", "0.05"),), "band 1 reaches a discount of 0"),
        (
            (DiscountBand(None, "0.05"), DiscountBand("0.5", "0.01")),
            "band 1 is open (to=None) but is not the last",
        ),
        (
            (DiscountBand("0.1", "0.03"), DiscountBand(None, "0.05")),
            "band 2 pays 0.05 at a deeper discount than the band before (0.03)",
        ),
        ((DiscountBand("0.1", "5"),), "band 1 rate 5 is 500 %"),
        ((DiscountBand("ten", "0.05"),), "band 1 bound must be a decimal number"),
    ],
)
def test_bad_tables_are_refused_naming_the_bad_value(bands, fault):
    with pytest.raises(PlanDefinitionError, match="DiscountRates 'd'") as info:
        DiscountRates("d", bands)
    assert fault in str(info.value)


@pytest.mark.parametrize(
    ("more", "name", "shown"),
    [
        ({"list_amount": eur("1000")}, "list_amount", "Money('1000', 'EUR')"),
        ({"discount": eur("10")}, "discount", "Money('10', 'EUR')"),
        (
            {"list_amount": eur("100"), "discount": eur("101")},
            "discount",
            "Money('101', 'EUR')",
        ),
        (
            {"list_amount": eur("-1"), "discount": eur("0")},
            "list_amount",
            "Money('-1', 'EUR')",
        ),
        (
            {"list_amount": Money("100", "USD"), "discount": eur("0")},
            "list_amount",
            "USD",
        ),
    ],
)
def test_a_credit_checks_its_sale(more, name, shown):
    with pytest.raises(InvalidCreditError) as info:
        Credit("D-1", "C-1", "ana", eur("90"), DAY, **more)
    assert info.value.parameter == name
    assert shown in str(info.value)


def test_credits_from_deals_carry_the_whole_sale_on_every_split():
    from helpers import JAN_5
    from helpers import SALES as PIPELINE

    from accountcore.pipeline import Split

    deal = PIPELINE.new_deal("D-1", client_id="C-1", owner="ana", at=JAN_5, by="ana")
    deal = deal.with_amount(eur("900.00"), at=JAN_5, by="ana")
    shares = [Split("ana", "0.5"), Split("bob", "0.25"), Split("eva", "0.25")]
    deal = deal.with_splits(shares, at=JAN_5, by="ana")
    won = PIPELINE.advance(
        deal, "contract_signed", at=JAN_5, by="ana", force=True, reason="test"
    )

    credits = credits_from(
        [won],
        period=JAN,
        calendar=FiscalCalendar(timezone="Europe/Tallinn"),
        list_amounts={"D-1": eur("1000.00")},
    )

    # 900.00 split 450.00, 225.00, 225.00; each reads the sale's 100.00 of 1,000.00
    assert {(c.list_amount, c.discount) for c in credits} == {
        (eur("1000.00"), eur("100.00"))
    }
    assert {c.discount_share for c in credits} == {Decimal("0.1")}
    plan = CommissionPlan("AM", "EUR", (DiscountRates("d", BANDS, upper_inside=True),))
    team = calculate_team(plan, credits, period=JAN)
    # 450.00 × 5 % = 22.50; 225.00 × 5 % = 11.25 (twice)
    assert [str(team[o].total) for o in ("ana", "bob", "eva")] == [
        "22.50 EUR",
        "11.25 EUR",
        "11.25 EUR",
    ]


def test_a_price_above_the_list_amount_is_no_discount():
    from helpers import JAN_5
    from helpers import SALES as PIPELINE

    deal = PIPELINE.new_deal("D-1", client_id="C-1", owner="ana", at=JAN_5, by="ana")
    deal = deal.with_amount(eur("1100.00"), at=JAN_5, by="ana")
    won = PIPELINE.advance(
        deal, "contract_signed", at=JAN_5, by="ana", force=True, reason="test"
    )

    (credit,) = credits_from(
        [won],
        period=JAN,
        calendar=FiscalCalendar(timezone="Europe/Tallinn"),
        list_amounts={"D-1": eur("1000.00")},
    )

    assert credit.discount == eur("0.00")
    with pytest.raises(InvalidCreditError, match="USD"):
        credits_from(
            [won],
            period=JAN,
            calendar=FiscalCalendar(timezone="Europe/Tallinn"),
            list_amounts={"D-1": Money("1000.00", "USD")},
        )


def test_tables_take_the_object_path_with_the_sale_columns():
    table = pl.DataFrame(
        {
            "deal_id": ["D-1", "D-2"],
            "client_id": ["C-1", "C-2"],
            "owner": ["ana", "bob"],
            "amount": ["950.00", "900.00"],
            "currency": ["EUR", "EUR"],
            "credited_on": [DAY, DAY],
            "list_amount": ["1000.00", "1000.00"],
            "discount": ["50.00", "100.00"],
        }
    )
    plan = CommissionPlan("AM", "EUR", (DiscountRates("d", BANDS),))

    result = frame_team(plan, table, period=JAN)

    assert result.paths == {"ana": "object", "bob": "object"}
    assert result.statement("ana").total == eur("47.50")  # 950 × 5 %
    assert result.statement("bob").total == eur("27.00")  # 900 × 3 %


def test_discount_rates_and_pay_in_travel_as_data_and_plan_files():
    plan = CommissionPlan(
        "ERP",
        "EUR",
        (DiscountRates("d", BANDS, CreditFilter(products="pump"), upper_inside=True),),
        pay_in="sale",
    )

    assert structure(unstructure(plan), CommissionPlan) == plan
    text = dumps(plan)
    assert 'type = "discount_rates"' in text
    assert 'pay_in = "sale"' in text
    assert loads(text) == plan
    assert structure(unstructure(SALES[0]), Credit) == SALES[0]


# --- 16. one statement per currency ------------------------------------------------------

MIXED = [
    Credit("D-1", "C-1", "ana", eur("1000.00"), DAY),
    Credit("D-2", "C-2", "ana", Money("500.00", "USD"), DAY),
    Credit("D-3", "C-3", "ana", Money("12345", "JPY"), DAY),
    Credit("D-4", "C-4", "bob", Money("80.00", "USD"), DAY),
]
PER_SALE = CommissionPlan("AM", "EUR", (FlatRate("commission", "0.1"),), pay_in="sale")


def test_a_plan_paying_in_each_sales_currency_gives_a_statement_per_currency():
    out = calculate_by_currency(PER_SALE, MIXED, period=JAN)

    # 1,000.00 × 10 %; 500.00 × 10 %; 12,345 × 10 % = 1,234.5 → 1,235 (JPY
    # has no minor unit, half up); 80.00 × 10 %: nothing converted
    assert {key: str(s.total) for key, s in out.items()} == {
        ("ana", "EUR"): "100.00 EUR",
        ("ana", "JPY"): "1235 JPY",
        ("ana", "USD"): "50.00 USD",
        ("bob", "USD"): "8.00 USD",
    }
    assert list(out) == sorted(out)
    assert out["ana", "USD"].ledger.currency == "USD"
    assert out["ana", "USD"].ledger.paid_to_date == Money("50.00", "USD")


def test_a_plan_in_its_own_currency_gives_one_statement_per_owner_there():
    plan = CommissionPlan("AM", "EUR", (FlatRate("commission", "0.1"),))
    eur_only = [c for c in MIXED if c.amount.currency == "EUR"]

    out = calculate_by_currency(plan, eur_only, period=JAN, owners=["bob"])

    assert {key: str(s.total) for key, s in out.items()} == {
        ("ana", "EUR"): "100.00 EUR",
        ("bob", "EUR"): "0 EUR",  # no credit: nothing to pay
    }
    assert plan.pay_in is PayIn.PLAN


def test_one_statement_per_owner_is_refused_for_such_a_plan():
    with pytest.raises(SaleCurrencyPlanError, match=r"'AM'.*calculate_by_currency"):
        calculate_team(PER_SALE, MIXED, period=JAN)
    with pytest.raises(SaleCurrencyPlanError, match="calculate_by_currency"):
        PER_SALE.calculate(MIXED, period=JAN, owner="ana")
    table = pl.DataFrame(
        {
            "deal_id": ["D-1"],
            "client_id": ["C-1"],
            "owner": ["ana"],
            "amount": ["1.00"],
            "currency": ["EUR"],
            "credited_on": [DAY],
        }
    )
    with pytest.raises(SaleCurrencyPlanError, match="to_credits"):
        frame_team(PER_SALE, table, period=JAN)


def test_money_in_a_plan_paying_in_each_sales_currency_is_a_fault():
    with pytest.raises(PlanDefinitionError) as info:
        CommissionPlan(
            "AM",
            "EUR",
            (BaseSalary("salary", eur("3000")), FlatRate("commission", "0.1")),
            pay_in="sale",
        )
    assert "component 'salary' holds 3000 EUR" in str(info.value)
    with pytest.raises(ValueError, match="'each'"):
        CommissionPlan("AM", "EUR", (), pay_in="each")


def test_attainment_is_each_currencys_credits_against_its_quota():
    tiers = (Tier("0", "1", "0.05"), Tier("1", None, "0.10"))
    plan = CommissionPlan(
        "AM",
        "EUR",
        (Tiered("commission", tiers, basis=Basis.ATTAINMENT),),
        pay_in="sale",
    )
    quotas = [
        Quota("ana", JAN, eur("500.00")),
        Quota("ana", JAN, Money("1000.00", "USD")),
    ]
    sales = [c for c in MIXED if c.owner == "ana" and c.amount.currency != "JPY"]

    out = calculate_by_currency(plan, sales, period=JAN, quotas=quotas)

    # EUR: 1,000 of 500 (200 %): 500 × 5 % + 500 × 10 % = 25.00 + 50.00
    # USD: 500 of 1,000 (50 %): 500 × 5 % = 25.00
    assert out["ana", "EUR"].total == eur("75.00")
    assert out["ana", "EUR"].attainment == Decimal(2)
    assert out["ana", "USD"].total == Money("25.00", "USD")
    assert out["ana", "USD"].attainment == Decimal("0.5")
    # no quota in a currency: as without a quota
    with pytest.raises(MissingQuotaError, match="'ana'"):
        calculate_by_currency(plan, sales, period=JAN, quotas=quotas[:1])
    with pytest.raises(SaleCurrencyPlanError, match="count quota of 'ana'"):
        calculate_by_currency(
            plan, sales, period=JAN, quotas=[Quota("ana", JAN, 3, "deals_won")]
        )


def test_each_currency_carries_its_own_ledger_through_the_year():
    plan = CommissionPlan(
        "AM",
        "EUR",
        (FlatRate("commission", "0.1"),),
        scope="year_to_date",
        pay_in="sale",
    )
    jan = calculate_by_currency(plan, MIXED[:2], period=JAN)
    feb_day = datetime.date(2026, 2, 3)
    feb_sales = [
        Credit("D-5", "C-1", "ana", eur("500.00"), feb_day),
        Credit("D-6", "C-2", "ana", Money("100.00", "USD"), feb_day),
    ]

    feb = calculate_by_currency(
        plan,
        feb_sales,
        period=Period.month(2026, 2),
        ledgers=[s.ledger for s in jan.values()],
    )

    # EUR: 1,500 to date × 10 % = 150.00, less 100.00 paid in January = 50.00
    # USD: 600 to date × 10 % = 60.00, less 50.00 paid = 10.00
    assert feb["ana", "EUR"].total == eur("50.00")
    assert feb["ana", "USD"].total == Money("10.00", "USD")
    assert feb["ana", "USD"].ledger.credited_to_date == Money("600.00", "USD")
