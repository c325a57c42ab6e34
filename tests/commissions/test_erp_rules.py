"""Commission rules as the ERPs write them (issue 21, points 11-13 and 17):
exclusions, a fixed amount per deal or sale line, the most specific rate
rule, and sections with inclusive bounds and gaps.

The ERP behaviour compared with is taken from public documentation only:
- OCA commission (github.com/OCA/commission, README "Commission types"):
  "By sections: percentage varies depending amount intervals"; a section
  holds the base when ``amount_from <= base <= amount_to`` (both bounds
  inside), and a base in no section pays 0.
- Visma.net ERP release notes 2023-05-16 ("select if an order line is
  commissionable") and SAP Business One's commission groups: lines and items
  left out of commission.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from helpers import JAN, eur
from hypothesis import given
from hypothesis import strategies as st

from accountcore.commissions import (
    CommissionPlan,
    Credit,
    CreditFilter,
    FixedPay,
    FlatRate,
    PayPer,
    Precedence,
    RateRule,
    RateRules,
    Section,
    Sections,
    Tier,
    Tiered,
)
from accountcore.commissions.errors import PlanDefinitionError
from accountcore.definitions import dumps, loads
from accountcore.errors import ArgumentTypeError
from accountcore.serialization import structure, unstructure

DAY = datetime.date(2026, 1, 12)


def credit(deal, amount, product=None, category=None, **more):
    return Credit(
        deal, "C-1", "ana", eur(amount), DAY, product=product, category=category, **more
    )


def pay(component, credits):
    # a clawback of a credit paid before January is priced at this period's
    # rates (no ledger of December in these tests)
    plan = CommissionPlan("AM", "EUR", (component,), clawback="rerate")
    return plan.calculate(credits, period=JAN)


# --- 13. exclusions -------------------------------------------------------------------

SALES = [
    credit("D-1", "1000.00", "pump", "hardware"),
    credit("D-2", "200.00", "sample", "hardware"),
    credit("D-3", "300.00", "install", "service"),
]


def test_excluded_products_and_categories_earn_no_commission():
    rate = FlatRate(
        "commission",
        "0.05",
        CreditFilter(
            exclude=(
                CreditFilter(products="sample"),
                CreditFilter(categories="service"),
            )
        ),
    )

    statement = pay(rate, SALES)

    # only the pump is paid: 1,000.00 × 5 % = 50.00 (the sample and the
    # installation service are left out)
    assert statement.total == eur("50.00")
    assert statement.lines[0].deals == ("D-1",)
    assert "except product sample, except category service" in (
        statement.lines[0].description
    )


def test_an_exclusion_narrows_what_the_fields_include():
    vip = [
        *SALES,
        credit("D-4", "400.00", "pump", "hardware", client_tier="vip"),
    ]
    hardware_not_vip = CreditFilter(
        categories="hardware", exclude=CreditFilter(tiers="vip")
    )

    statement = pay(FlatRate("commission", "0.10", hardware_not_vip), vip)

    # hardware credits 1,000 + 200, the vip's 400 left out: 1,200 × 10 % = 120.00
    assert statement.total == eur("120.00")


def test_an_exclusion_is_a_whole_filter_matching_on_all_its_fields():
    only_vip_samples = CreditFilter(
        exclude=CreditFilter(products="sample", tiers="vip")
    )
    credits = [
        credit("D-1", "100.00", "sample"),
        credit("D-2", "100.00", "sample", client_tier="vip"),
    ]

    # the standard client's sample is paid, the vip's is not: 100 × 5 % = 5.00
    assert pay(FlatRate("c", "0.05", only_vip_samples), credits).total == eur("5.00")


def test_an_empty_exclusion_is_refused_as_excluding_everything():
    with pytest.raises(PlanDefinitionError, match="exclusion 1 is empty"):
        CreditFilter(products="pump", exclude=CreditFilter())


def test_an_exclusion_that_takes_every_included_value_is_refused_naming_them():
    # valve is still included: no fault
    CreditFilter(products=("pump", "valve"), exclude=CreditFilter(products="pump"))
    with pytest.raises(PlanDefinitionError) as raised:
        CreditFilter(products="pump", exclude=CreditFilter(products=("pump", "valve")))
    assert "products the filter includes (pump)" in str(raised.value)


def test_an_exclusion_that_is_not_a_filter_is_refused_naming_it():
    with pytest.raises(ArgumentTypeError) as raised:
        CreditFilter(exclude=["sample"])
    assert "'sample'" in str(raised.value)
    assert "CreditFilter" in str(raised.value)


def test_exclusions_travel_in_plans_as_data_and_as_files():
    where = CreditFilter(
        tiers="vip",
        exclude=(CreditFilter(products="sample"), CreditFilter(categories="service")),
    )
    plan = CommissionPlan("AM", "EUR", (FlatRate("c", "0.05", where),))

    assert structure(unstructure(plan), CommissionPlan) == plan
    assert loads(dumps(plan)) == plan
    text = """
kind = "commission_plan"
name = "AM"
currency = "EUR"
[[components]]
type = "flat_rate"
name = "c"
rate = "0.05"
where = { exclude = [{ products = ["sample"] }] }
"""
    assert loads(text).components[0].where == CreditFilter(
        exclude=CreditFilter(products="sample")
    )


# --- 12. a fixed amount per deal or per sale line ---------------------------------------

FIXED_CREDITS = [
    credit("D-1", "100.00", "pump"),
    credit("D-1", "50.00", "valve"),  # the same deal's second line
    credit("D-2", "80.00", "pump"),
    Credit(  # a deal paid in December, cancelled in January
        "D-3",
        "C-2",
        "ana",
        eur("-500.00"),
        DAY,
        product="pump",
        original_on=datetime.date(2025, 12, 10),
    ),
    credit("D-4", "100.00", "pump"),  # won and cancelled in January: nets 0
    credit("D-4", "-100.00", "pump"),
]


def test_a_fixed_amount_per_deal_counts_each_deal_once_and_takes_back_clawbacks():
    statement = pay(FixedPay("per deal", eur("25.00")), FIXED_CREDITS)

    # D-1 (two lines) +1, D-2 +1, D-3 clawed back −1, D-4 nets 0:
    # 1 deal × 25.00 = 25.00
    assert statement.total == eur("25.00")
    (line,) = statement.lines
    assert line.basis == Decimal(1)
    assert line.deals == ("D-1", "D-2", "D-3")


def test_a_fixed_amount_per_line_counts_every_sale_line():
    statement = pay(FixedPay("per line", eur("25.00"), per="line"), FIXED_CREDITS)

    # lines +1 +1 +1 −1 (D-3) +1 −1 (D-4) = 2 lines × 25.00 = 50.00
    assert statement.total == eur("50.00")


def test_a_fixed_amount_reads_its_filter_and_exclusions():
    valve_excluded = CreditFilter(exclude=CreditFilter(products="valve"))

    statement = pay(
        FixedPay("per line", eur("10.00"), PayPer.LINE, valve_excluded),
        FIXED_CREDITS,
    )

    # the valve line left out: D-1 pump +1, D-2 +1, D-3 −1, D-4 +1 −1
    # = 1 line × 10.00 = 10.00
    assert statement.total == eur("10.00")


def test_no_counted_deal_gives_no_line():
    assert pay(FixedPay("per deal", eur("25.00")), FIXED_CREDITS[4:]).lines == ()


def test_a_negative_fixed_amount_is_refused_naming_it():
    with pytest.raises(PlanDefinitionError, match=r"got -25.00 EUR"):
        FixedPay("per deal", eur("-25.00"))


def test_an_unknown_unit_of_fixed_pay_is_refused_naming_it():
    with pytest.raises(ValueError, match="'order'"):
        FixedPay("per deal", eur("25.00"), per="order")


# --- 11. the most specific rule pays ------------------------------------------------

RULES = (
    RateRule("0.03"),
    RateRule("0.05", CreditFilter(categories="hardware")),
    RateRule("0.08", CreditFilter(products="pump")),
)
MIXED = [
    credit("D-1", "1000.00", "pump", "hardware"),
    credit("D-2", "500.00", "valve", "hardware"),
    credit("D-3", "200.00", "consulting", "service"),
]


def test_under_most_specific_each_credit_is_paid_by_one_rule_only():
    statement = pay(RateRules("commission", RULES, "most_specific"), MIXED)

    # pump 1,000 × 8 % = 80.00 (product rule); valve 500 × 5 % = 25.00
    # (category rule); consulting 200 × 3 % = 6.00 (the rule for all)
    assert [line.amount for line in statement.lines] == [
        eur("6.00"),
        eur("25.00"),
        eur("80.00"),
    ]
    assert statement.total == eur("111.00")
    assert [line.deals for line in statement.lines] == [("D-3",), ("D-2",), ("D-1",)]


def test_under_every_each_matching_rule_adds_as_separate_components_do():
    statement = pay(RateRules("commission", RULES), MIXED)

    # all 1,700 × 3 % = 51.00; hardware 1,500 × 5 % = 75.00; pump 1,000 × 8 % = 80.00
    assert statement.total == eur("206.00")
    assert statement.total == pay(
        CommissionPlan(
            "AM",
            "EUR",
            tuple(FlatRate(f"r{i}", r.rate, r.where) for i, r in enumerate(RULES)),
        ).components[0],
        MIXED,
    ).total + eur("155.00")  # the other two flat rates: 75.00 + 80.00


def test_a_rules_own_exclusion_hands_the_credit_to_the_next_rule():
    rules = (
        RateRule("0.03"),
        RateRule(
            "0.08", CreditFilter(products="pump", exclude=CreditFilter(tiers="vip"))
        ),
    )
    credits = [credit("D-1", "1000.00", "pump", client_tier="vip")]

    # the pump rule leaves vips out, so the rule for all pays: 1,000 × 3 % = 30.00
    assert pay(RateRules("c", rules, "most_specific"), credits).total == eur("30.00")


@given(st.permutations(RULES))
def test_the_most_specific_rule_wins_whatever_the_order_rules_are_listed_in(rules):
    listed = pay(RateRules("c", rules, Precedence.MOST_SPECIFIC), MIXED)

    # 80.00 + 25.00 + 6.00, whichever order
    assert listed.total == eur("111.00")
    assert sorted(line.amount.amount for line in listed.lines) == [
        Decimal("6.00"),
        Decimal("25.00"),
        Decimal("80.00"),
    ]


def test_two_rules_as_specific_that_may_both_match_are_refused_naming_them():
    with pytest.raises(PlanDefinitionError) as raised:
        RateRules(
            "c",
            (
                RateRule("0.05", CreditFilter(products="pump")),
                RateRule("0.06", CreditFilter(products="pump", tiers="vip")),
            ),
            "most_specific",
        )
    assert "rules 1 and 2" in str(raised.value)
    assert "product pump; product pump, tier vip" in str(raised.value)


def test_rules_as_specific_but_disjoint_are_accepted():
    rules = RateRules(
        "c",
        (
            RateRule("0.05", CreditFilter(products="pump")),
            RateRule("0.06", CreditFilter(products="valve")),
        ),
        "most_specific",
    )
    assert len(rules.paying()) == 2


def test_rate_rules_need_a_rule_and_valid_rates():
    with pytest.raises(PlanDefinitionError, match="at least one rule"):
        RateRules("c", ())
    with pytest.raises(PlanDefinitionError, match="rule 1 rate 5 is 500 %"):
        RateRules("c", (RateRule("5"),))


# --- 17. sections with inclusive bounds and gaps -------------------------------------

ERP_SECTIONS = (
    Section("0", "999.99", "0.03"),
    Section("1000", "4999.99", "0.05"),
    Section("6000", None, "0.07"),  # 5,000.00-5,999.99 is a gap
)


@pytest.mark.parametrize(
    ("credited", "paid"),
    [
        ("999.99", "30.00"),  # 999.99 × 3 % = 29.9997 → 30.00
        ("1000.00", "50.00"),  # 1,000 × 5 % = 50.00
        ("4999.99", "250.00"),  # 4,999.99 × 5 % = 249.9995 → 250.00
        ("5500.00", "0.00"),  # in the gap: nothing
        ("6000.00", "420.00"),  # 6,000 × 7 % = 420.00, the bound inside
    ],
)
def test_the_whole_amount_is_paid_at_the_section_that_holds_it(credited, paid):
    statement = pay(Sections("commission", ERP_SECTIONS), [credit("D-1", credited)])

    assert statement.total == eur(paid)
    assert len(statement.lines) == 1


def test_a_gap_says_so_on_its_line_in_every_language():
    statement = pay(Sections("commission", ERP_SECTIONS), [credit("D-1", "5500.00")])
    (line,) = statement.lines

    assert line.describe("en_US") == "€5,500.00 is in no section: nothing is paid on it"
    assert "5\xa0500,00" in line.describe("et_EE")
    assert "どの区分" in line.describe("ja_JP")
    assert all(
        line.describe(locale)
        for locale in ("en_US", "et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV")
    )


def test_a_section_line_names_both_bounds_as_included():
    statement = pay(Sections("commission", ERP_SECTIONS), [credit("D-1", "1000.00")])

    assert statement.lines[0].describe("en_US") == (
        "5% on all credited €1,000.00 (section 1,000 to 4,999.99, both included)"
    )


def test_a_bound_inside_is_where_sections_and_half_open_tiers_differ():
    # "0-1000 at 3 %, 1000.01 and above at 5 %" as an ERP writes it, beside
    # accountcore's half-open tiers [0, 1000) and [1000, ...): on exactly
    # 1,000.00 the section pays 3 % (30.00), the retroactive tier 5 % (50.00)
    sections = Sections(
        "s", (Section("0", "1000", "0.03"), Section("1000.01", None, "0.05"))
    )
    tiers = Tiered(
        "t", (Tier("0", "1000", "0.03"), Tier("1000", None, "0.05")), mode="retroactive"
    )
    on_bound = [credit("D-1", "1000.00")]

    assert pay(sections, on_bound).total == eur("30.00")
    assert pay(tiers, on_bound).total == eur("50.00")


def test_a_clawback_below_zero_takes_back_at_the_rate_it_earned():
    clawed = [credit("D-1", "-2000.00")]

    # −2,000 is held by the section 1,000-4,999.99: −2,000 × 5 % = −100.00
    assert pay(Sections("c", ERP_SECTIONS), clawed).total == eur("-100.00")


def test_overlapping_sections_are_refused_naming_the_bound():
    with pytest.raises(PlanDefinitionError) as raised:
        Sections(
            "c",
            (
                Section("0", "1000", "0.03"),
                Section("1000", "2000", "0.05"),
                Section("3000", "2500", "0.05"),
                Section("4000", None, "0.07"),
                Section("5000", None, "0.08"),
            ),
        )
    text = str(raised.value)
    assert "section 2 starts at 1000, not above the end of the section before" in text
    assert "section 3 ends at 2500, below its start 3000" in text
    assert "section 4 is open-ended but is not the last" in text


def test_sections_need_one_section():
    with pytest.raises(PlanDefinitionError, match="at least one section"):
        Sections("c", ())


# --- the four together: data, files, languages ----------------------------------------


def test_the_new_components_travel_as_data_and_as_plan_files():
    plan = CommissionPlan(
        "ERP",
        "EUR",
        (
            FixedPay(
                "per line", eur("5.00"), "line", CreditFilter(categories="hardware")
            ),
            RateRules("rules", RULES, "most_specific"),
            Sections("sections", ERP_SECTIONS, rate_above_one=False),
        ),
    )

    assert structure(unstructure(plan), CommissionPlan) == plan
    text = dumps(plan)
    assert 'type = "sections"' in text
    assert 'precedence = "most_specific"' in text
    assert loads(text) == plan


def test_fixed_pay_lines_read_in_six_languages():
    statement = pay(FixedPay("per deal", eur("25.00")), [credit("D-1", "10.00")])
    (line,) = statement.lines

    assert line.describe("en_US") == "1 deal × €25.00"
    rendered = {
        locale: line.describe(locale)
        for locale in ("et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV")
    }
    assert rendered["et_EE"].startswith("1 tehing × 25,00")
    assert rendered["uk_UA"].startswith("1 угода × 25,00")
    assert rendered["ja_JP"].startswith("案件1件 × ")
    assert rendered["ro_RO"].startswith("1 tranzacție × 25,00")
    assert rendered["lv_LV"].startswith("1 darījums × ")
