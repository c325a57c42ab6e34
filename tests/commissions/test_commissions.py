"""Commission plans: components, statements, ledgers, team calculation."""

import datetime
import random
from decimal import Decimal

import pytest
from helpers import JAN, Q1, eur
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore import (
    CommissionPlan,
    CommissionStatement,
    Credit,
    CurrencyMismatchError,
    ExchangeRate,
    FixedRates,
    Ledger,
    Money,
    Period,
    Quota,
    calculate_team,
)
from accountcore.commissions import (
    Accelerator,
    AttainmentBonus,
    Band,
    BaseSalary,
    Basis,
    BonusLevel,
    Cap,
    ClientHeld,
    ClientServedBonus,
    CreditFilter,
    CurvePoint,
    Draw,
    DrawKind,
    FeedbackBonus,
    FlatRate,
    Gate,
    HeldRate,
    LineKind,
    Mode,
    NewClientBonus,
    PayCurve,
    PerClientHeld,
    Scope,
    ServiceRecord,
    Spiff,
    Tier,
    Tiered,
)
from accountcore.commissions.context import Context, kind_of, register_component
from accountcore.commissions.errors import (
    LedgerMismatchError,
    ManyOwnersError,
    MissingQuotaError,
    PlanDefinitionError,
)
from accountcore.errors import ArgumentTypeError, InvalidPeriodError, StructureError
from accountcore.serialization import from_json, to_json
from accountcore.testing.commissions import credits, monotone_plans, quotas, tier_tables

DAY = datetime.date(2026, 1, 15)
GOLDEN_TIERS = (Tier("0", "100000", "0.05"), Tier("100000", None, "0.08"))


def credit(amount: str, deal: str = "D-1", owner: str = "ana", **extra) -> Credit:
    return Credit(
        deal,
        extra.pop("client", "C-1"),
        owner,
        eur(amount),
        extra.pop("on", DAY),
        **extra,
    )


def plan(*components, **options) -> CommissionPlan:
    return CommissionPlan("test", "EUR", components, **options)


# --- tiers --------------------------------------------------------------------


def test_marginal_tiers_pay_each_slice_at_its_own_rate():
    tiered = plan(Tiered("commission", GOLDEN_TIERS))

    statement = tiered.calculate([credit("130000")], period=Q1)

    # 100,000 × 5 % = 5,000.00 and 30,000 × 8 % = 2,400.00: 7,400.00
    assert statement.total == eur("7400.00")
    assert [line.amount for line in statement.lines] == [eur("5000.00"), eur("2400.00")]


def test_retroactive_tiers_pay_everything_at_the_rate_reached():
    tiered = plan(Tiered("commission", GOLDEN_TIERS, mode=Mode.RETROACTIVE))

    statement = tiered.calculate([credit("130000")], period=Q1)

    # 130,000 × 8 % = 10,400.00
    assert statement.total == eur("10400.00")


def test_an_amount_on_a_tier_boundary_belongs_to_the_tier_above():
    tiered = plan(Tiered("commission", GOLDEN_TIERS, mode=Mode.RETROACTIVE))

    statement = tiered.calculate([credit("100000")], period=Q1)

    # [0, 100,000) then [100,000, ∞): 100,000 is in the 8 % tier, 8,000.00
    assert statement.total == eur("8000.00")


def test_tiers_on_attainment_slice_the_credit_at_the_quota():
    tiered = plan(
        Tiered(
            "commission",
            (Tier("0", "1", "0.05"), Tier("1", None, "0.08")),
            basis=Basis.ATTAINMENT,
        )
    )
    quota = Quota("ana", Q1, eur("100000"))

    statement = tiered.calculate([credit("130000")], period=Q1, quota=quota)

    # attainment 130 %: the first 100 % (100,000) at 5 %, the next 30 % at 8 %
    assert statement.total == eur("7400.00")
    assert statement.attainment == Decimal("1.3")


def test_per_deal_marginal_pay_splits_a_deal_that_crosses_a_tier():
    # Behaviour of graduated percentage tiers in Lago's billing documentation
    # (doc.getlago.com/guide/plans/charges/charge-models/graduated-percentage),
    # without its per-tier flat fees: 1 % to 1,000, 2 % to 10,000, 3 % above;
    # 500 pays 5.00; 550 crosses 1,000: 500 × 1 % + 50 × 2 % = 6.00;
    # 4,000 then lies wholly in the 2 % tier: 80.00.
    tiered = Tiered(
        "graduated",
        (
            Tier("0", "1000", "0.01"),
            Tier("1000", "10000", "0.02"),
            Tier("10000", None, "0.03"),
        ),
    )
    deals = [
        credit("500", "T1", on=datetime.date(2026, 1, 1)),
        credit("550", "T2", on=datetime.date(2026, 1, 2)),
        credit("4000", "T3", on=datetime.date(2026, 1, 3)),
    ]
    context = Context(
        owner="ana",
        period=JAN,
        window=JAN,
        currency="EUR",
        credits=deals,
        amount=Decimal(5050),
        quota=None,
        target=None,
        attainment=None,
        ledger=Ledger.opening("ana", "EUR"),
        activity=None,
        weights={},
        rates=None,
    )

    payouts = tiered.deal_payouts(context)

    assert payouts == (("T1", eur("5.00")), ("T2", eur("6.00")), ("T3", eur("80.00")))


@settings(max_examples=200)
@given(
    tier_tables(),
    st.lists(st.integers(-50_000_00, 500_000_00), min_size=1, max_size=12),
    st.randoms(),
)
def test_per_deal_marginal_payouts_add_up_to_the_pay_on_the_total_in_any_order(
    table, cents, rng
):
    tiered = Tiered("t", table)
    amounts = [Decimal(c).scaleb(-2) for c in cents]
    rng.shuffle(amounts)

    cumulative, paid = Decimal(0), Decimal(0)
    for amount in amounts:
        before = tiered.pay(cumulative)
        cumulative += amount
        paid += tiered.pay(cumulative) - before

    assert paid == tiered.pay(sum(amounts, Decimal(0)))


# --- pay curve ------------------------------------------------------------------


def test_a_pay_curve_interpolates_between_points_and_caps_at_the_last():
    # Behaviour of Oracle Incentive Compensation's interpolated rate tables
    # ("Examples of Calculating Earnings Using Interpolated Rates",
    # docs.oracle.com/en/cloud/saas/sales/facmi): tiers 0–1,000 → 10,
    # 1,000–3,000 → 40, 3,000–8,000 → 100, 8,000–20,000 → 2,000 USD, each paid
    # in proportion within its tier. As a curve on attainment of 1,000 USD:
    # (0, 0), (1, 10), (3, 50), (8, 150), (20, 2150).
    curve = PayCurve(
        "interpolated",
        (
            CurvePoint("0", "0"),
            CurvePoint("1", "10"),
            CurvePoint("3", "50"),
            CurvePoint("8", "150"),
            CurvePoint("20", "2150"),
        ),
        Money("1", "USD"),
    )
    usd_plan = CommissionPlan("curve", "USD", (curve,))
    quota = Quota("ana", JAN, Money("1000", "USD"))

    def pay(amount: str) -> Money:
        one = Credit("T", "C", "ana", Money(amount, "USD"), DAY)
        return usd_plan.calculate([one], period=JAN, quota=quota).total

    # 200 → 200/1,000 × 10 = 2; 1,500 → 10 + 500/2,000 × 40 = 20;
    # 1,200 → 10 + 200/2,000 × 40 = 14; 2,000 → 10 + 1,000/2,000 × 40 = 30
    assert [pay(a) for a in ("200", "1500", "1200", "2000")] == [
        Money("2.00", "USD"),
        Money("20.00", "USD"),
        Money("14.00", "USD"),
        Money("30.00", "USD"),
    ]
    # beyond the last point the curve is capped at 2,150
    assert pay("50000") == Money("2150.00", "USD")


def test_a_curve_that_is_not_ascending_in_attainment_is_refused_naming_the_point():
    with pytest.raises(
        PlanDefinitionError,
        match=r"point 3 attainment 0\.9 is not above point 2's 1\.5",
    ):
        PayCurve(
            "c",
            (CurvePoint("0.5", "0"), CurvePoint("1.5", "1"), CurvePoint("0.9", "2")),
            eur("1"),
        )


# --- modifiers ------------------------------------------------------------------


def test_an_accelerator_multiplies_the_pay_on_credit_above_quota():
    accelerated = plan(
        FlatRate("commission", "0.05"),
        Accelerator("kicker", (Band("1", None, "2"),)),
    )

    statement = accelerated.calculate(
        [credit("150000")], period=Q1, quota=Quota("ana", Q1, eur("100000"))
    )

    # 150,000 × 5 % = 7,500; a third of the credit lies above quota: + 2,500 × (2 − 1)
    assert statement.total == eur("10000.00")


def test_a_decelerator_lowers_the_pay_above_a_band():
    slowed = plan(
        FlatRate("commission", "0.10"),
        Accelerator("brake", (Band("2", None, "0.5"),)),
    )

    statement = slowed.calculate(
        [credit("300")], period=Q1, quota=Quota("ana", Q1, eur("100"))
    )

    # 30.00 commission; a third of the credit is above 200 %: 10.00 × (0.5 − 1) = −5.00
    assert statement.total == eur("25.00")
    assert slowed.decelerates


def test_a_gate_withholds_variable_pay_below_the_threshold_but_not_salary():
    gated = plan(
        BaseSalary("salary", eur("3000")),
        FlatRate("commission", "0.05"),
        Gate("gate", "0.5"),
    )

    statement = gated.calculate(
        [credit("40000")], period=Q1, quota=Quota("ana", Q1, eur("100000"))
    )

    # attainment 40 % < 50 %: 2,000 commission withheld, 3,000 salary paid
    assert statement.total == eur("3000.00")
    assert statement.lines_of("gate")[0].amount == eur("-2000.00")


def test_a_cap_limits_variable_pay():
    capped = plan(FlatRate("commission", "0.1"), Cap("cap", eur("5000")))

    statement = capped.calculate([credit("80000")], period=Q1)

    assert statement.total == eur("5000.00")


def test_an_attainment_cap_limits_the_credit_that_earns():
    capped = plan(
        Tiered(
            "commission",
            (Tier("0", "1", "0.05"), Tier("1", None, "0.10")),
            basis=Basis.ATTAINMENT,
        ),
        attainment_cap="1.5",
    )

    statement = capped.calculate(
        [credit("300000")], period=Q1, quota=Quota("ana", Q1, eur("100000"))
    )

    # pays as if attainment were 150 %: 100,000 × 5 % + 50,000 × 10 %
    assert statement.total == eur("10000.00")


# --- bonuses --------------------------------------------------------------------


def test_bonuses_pay_for_levels_new_clients_service_feedback_spiffs_and_clients_held():
    bonus_plan = plan(
        FlatRate("commission", "0"),
        AttainmentBonus(
            "club", (BonusLevel("1", eur("500")), BonusLevel("1.2", eur("1500")))
        ),
        NewClientBonus("hunter", eur("200")),
        ClientServedBonus("service", eur("10")),
        FeedbackBonus(
            "feedback", (BonusLevel("4", eur("100")), BonusLevel("4.5", eur("300")))
        ),
        Spiff("pump push", eur("50"), JAN, CreditFilter(products="pump")),
        PerClientHeld(
            "portfolio", (HeldRate(eur("40"), tier="vip"), HeldRate(eur("5")))
        ),
    )
    team_credits = [
        credit(
            "70000", "D-1", client="C-1", is_new_client=True, product="pump", quantity=3
        ),
        credit("60000", "D-2", client="C-2", is_new_client=True),
        credit(
            "-60000",
            "D-2",
            client="C-2",
            is_new_client=True,
            on=datetime.date(2026, 1, 20),
        ),
    ]
    activity = ServiceRecord(
        clients_served=("C-1", "C-3", "C-3"),
        feedback=("5", "4.4"),
        clients_held=(ClientHeld("C-1", "vip"), ClientHeld("C-3")),
    )

    statement = bonus_plan.calculate(
        team_credits,
        period=JAN,
        quota=Quota("ana", JAN, eur("50000")),
        activity=activity,
    )

    paid: dict[str, Money] = {}
    for line in statement.lines:
        if line.amount:
            paid[line.component] = paid.get(line.component, eur("0")) + line.amount
    # attainment 140 %: 1,500; one new client (C-2 was clawed back): 200;
    # two distinct clients served: 20; average rating 4.7: 300; 3 pumps: 150;
    # one VIP (40) and two clients of any tier (10)
    assert paid == {
        "club": eur("1500.00"),
        "hunter": eur("200.00"),
        "service": eur("20.00"),
        "feedback": eur("300.00"),
        "pump push": eur("150.00"),
        "portfolio": eur("50.00"),
    }


def test_tier_weights_count_vip_credit_more():
    weighted = plan(FlatRate("commission", "0.1"), tier_weights={"vip": "1.2"})

    statement = weighted.calculate(
        [credit("1000", client_tier="vip"), credit("1000", "D-2")], period=JAN
    )

    # (1,000 × 1.2 + 1,000) × 10 % = 220.00
    assert statement.total == eur("220.00")


def test_a_flat_rate_can_be_limited_to_a_product():
    filtered = plan(FlatRate("pumps", "0.1", CreditFilter(products="pump")))

    statement = filtered.calculate(
        [credit("1000", product="pump"), credit("5000", "D-2")], period=JAN
    )

    assert statement.total == eur("100.00")
    assert statement.lines[0].deals == ("D-1",)


# --- draws -----------------------------------------------------------------------


def earned(amount: str, month: int = 1) -> list[Credit]:
    # a 100 % flat rate earns the credited amount
    return [credit(amount, on=datetime.date(2026, month, 15))]


def test_a_recoverable_draw_is_advanced_on_top_and_recovered_later():
    # Our reading: the draw is an advance paid each period on top of what the
    # period earned, and later earnings pay back what is owed.
    drawn = plan(
        FlatRate("commission", "1"), Draw("draw", DrawKind.RECOVERABLE, eur("100"))
    )

    first = drawn.calculate(earned("200"), period=JAN)
    second = drawn.calculate(
        earned("50", 2), period=Period.month(2026, 2), ledger=first.ledger
    )

    # January: 200 earned + 100 advanced = 300, 100 owed
    assert (first.total, first.ledger.draw_balance) == (eur("300.00"), eur("100.00"))
    # February: 50 earned, all of it recovers the balance, 100 advanced: 100, 150 owed
    assert (second.total, second.ledger.draw_balance) == (eur("100.00"), eur("150.00"))


def test_a_recoverable_guarantee_tops_up_and_the_top_up_is_owed():
    guaranteed = plan(
        FlatRate("commission", "1"), Draw("floor", "recoverable_guarantee", eur("100"))
    )

    rich = guaranteed.calculate(earned("200"), period=JAN)
    poor = guaranteed.calculate(earned("50"), period=JAN)
    later = guaranteed.calculate(
        earned("180", 2), period=Period.month(2026, 2), ledger=poor.ledger
    )

    assert (rich.total, rich.ledger.draw_balance) == (eur("200.00"), eur("0.00"))
    assert (poor.total, poor.ledger.draw_balance) == (eur("100.00"), eur("50.00"))
    # 180 earned: the 80 above the guarantee recovers the 50 owed: 130 paid
    assert (later.total, later.ledger.draw_balance) == (eur("130.00"), eur("0.00"))


def test_non_recoverable_draws_and_guarantees_forgive_the_shortfall():
    draw = plan(
        FlatRate("commission", "1"), Draw("draw", "non_recoverable", eur("100"))
    )
    guarantee = plan(
        FlatRate("commission", "1"),
        Draw("floor", "non_recoverable_guarantee", eur("100")),
    )

    for statement in (
        draw.calculate(earned("40"), period=JAN),
        guarantee.calculate(earned("40"), period=JAN),
    ):
        assert (statement.total, statement.ledger.draw_balance) == (
            eur("100.00"),
            eur("0"),
        )
    assert draw.calculate(earned("250"), period=JAN).total == eur("250.00")


@pytest.mark.parametrize(
    ("kind", "total", "balance"),
    [
        # max(E, D): the draw absorbs the negative earnings
        # (lines −50.00, advance 100.00, settled +50.00)
        ("non_recoverable", "100.00", "0"),
        # E − R + D with R = min(B, max(E, 0)) = 0: −50 + 100 = 50, 100 owed
        ("recoverable", "50.00", "100.00"),
        # max(E, G): a top-up of 100 − (−50) = 150
        ("non_recoverable_guarantee", "100.00", "0"),
        # the same top-up of 150, owed
        ("recoverable_guarantee", "100.00", "150.00"),
    ],
)
def test_draws_on_negative_earnings_pay_what_the_docs_say(
    kind: str, total: str, balance: str
):
    drawn = plan(FlatRate("commission", "0.1"), Draw("draw", kind, eur("100.00")))

    # 10 % of −500.00: −50.00 earned (a clawback above the period's pay)
    statement = drawn.calculate([credit("-500.00")], period=JAN)

    assert (statement.total, statement.ledger.draw_balance) == (
        eur(total),
        eur(balance),
    )


def test_a_non_recoverable_draw_on_negative_earnings_settles_them():
    drawn = plan(
        FlatRate("commission", "0.1"), Draw("draw", "non_recoverable", eur("100.00"))
    )

    statement = drawn.calculate([credit("-500.00")], period=JAN)

    # −50.00 earned; 100.00 advanced; settled against earnings: +50.00
    assert [line.amount for line in statement.lines] == [
        eur("-50.00"),
        eur("100.00"),
        eur("50.00"),
    ]
    assert statement.lines[2].basis == Decimal("-50.00")


# --- year to date -------------------------------------------------------------------


def test_year_to_date_pays_earned_to_date_less_paid_to_date():
    # The "with deductions" approach of Sales Cookie (support2.salescookie.com,
    # "How to setup a monthly plan with YTD attainment") and the true-up rule
    # YTD earned − YTD paid of Salesforce Spiff (help.salesforce.com,
    # "Adjust Compensation Variances with a Lump-Sum True-Up Rule").
    tiers = (Tier("0", "1", "0.05"), Tier("1", None, "0.10"))
    ytd = plan(
        Tiered("commission", tiers, basis=Basis.ATTAINMENT), scope=Scope.YEAR_TO_DATE
    )
    jan_credit = credit("60000", "D-1", on=datetime.date(2026, 1, 10))
    feb_credit = credit("30000", "D-2", on=datetime.date(2026, 2, 10))

    january = ytd.calculate(
        [jan_credit], period=JAN, quota=Quota("ana", JAN, eur("50000"))
    )
    february = ytd.calculate(
        [jan_credit, feb_credit],
        period=Period.month(2026, 2),
        quota=Quota("ana", Period(JAN.start, datetime.date(2026, 3, 1)), eur("100000")),
        ledger=january.ledger,
    )

    # January: 120 % of 50,000: 50,000 × 5 % + 10,000 × 10 % = 3,500.00
    assert january.total == eur("3500.00")
    # February, to date: 90,000 of 100,000: 90,000 × 5 % = 4,500.00 earned,
    # 3,500.00 already paid: 1,000.00
    assert february.total == eur("1000.00")
    assert february.lines_of("true-up")[0].amount == eur("-3500.00")
    assert february.ledger.paid_to_date == eur("4500.00")


# --- statements and ledgers ------------------------------------------------------------


def test_every_line_says_component_basis_rate_and_deals():
    statement = plan(FlatRate("commission", "0.05")).calculate(
        [credit("1000", "D-9")], period=JAN
    )

    line = statement.lines[0]

    assert (line.component, line.kind, line.basis, line.rate, line.deals) == (
        "commission",
        LineKind.VARIABLE,
        Decimal("1000"),
        Decimal("0.05"),
        ("D-9",),
    )


@settings(max_examples=100)
@given(monotone_plans(), st.lists(credits(), max_size=20), quotas())
def test_a_statement_total_is_the_sum_of_its_rounded_lines(generated, items, quota):
    statement = generated.calculate(items, period=Q1, quota=quota, owner="ana")

    assert statement.total.amount == sum(
        (ln.amount.amount for ln in statement.lines), Decimal(0)
    )
    assert all(ln.amount == ln.amount.rounded() for ln in statement.lines)


@settings(max_examples=100)
@given(monotone_plans(), st.lists(credits(), max_size=15), credits(), quotas())
def test_pay_never_falls_when_credited_revenue_rises(generated, items, more, quota):
    before = generated.calculate(items, period=Q1, quota=quota, owner="ana")
    after = generated.calculate([*items, more], period=Q1, quota=quota, owner="ana")

    assert after.total >= before.total


@settings(max_examples=50)
@given(
    st.lists(credits(st.sampled_from(["ana", "bob", "eve"])), max_size=30), st.randoms()
)
def test_team_statements_do_not_depend_on_the_order_of_credits(items, rng):
    team_plan = plan(
        Tiered("commission", GOLDEN_TIERS), NewClientBonus("hunter", eur("10"))
    )
    shuffled = list(items)
    rng.shuffle(shuffled)

    assert calculate_team(team_plan, items, period=Q1) == calculate_team(
        team_plan, shuffled, period=Q1
    )


def test_team_statements_match_one_by_one_statements():
    team_plan = plan(BaseSalary("salary", eur("1000")), FlatRate("commission", "0.05"))
    items = [credit("100", "D-1"), credit("300", "D-2", owner="bob")]

    team = calculate_team(team_plan, items, period=JAN, owners=["eve"])

    assert team["ana"] == team_plan.calculate(items, period=JAN, owner="ana")
    assert team["eve"].total == eur("1000.00")  # salary, no credits


def test_base_salary_is_prorated_by_the_days_active():
    salaried = plan(BaseSalary("salary", eur("3100")))

    statement = salaried.calculate(
        [],
        period=JAN,
        owner="ana",
        activity=ServiceRecord(
            active=Period(datetime.date(2026, 1, 22), datetime.date(2027, 1, 1))
        ),
    )

    # 10 of 31 days: 3,100 × 10 / 31 = 1,000.00
    assert statement.total == eur("1000.00")


def test_credits_outside_the_period_are_left_out():
    statement = plan(FlatRate("c", "1")).calculate(
        [credit("5"), credit("7", "D-2", on=datetime.date(2026, 2, 1))], period=JAN
    )

    assert statement.total == eur("5.00")


def test_credits_in_another_currency_are_converted_on_their_date():
    rates = FixedRates([ExchangeRate("USD", "EUR", datetime.date(2026, 1, 1), "0.9")])
    usd = Credit("D-1", "C-1", "ana", Money("1000", "USD"), DAY)

    statement = plan(FlatRate("c", "0.1")).calculate([usd], period=JAN, rates=rates)

    assert statement.total == eur("90.00")


def test_credits_in_another_currency_without_rates_are_refused_naming_the_amount():
    usd = Credit("D-1", "C-1", "ana", Money("1000", "USD"), DAY)

    with pytest.raises(CurrencyMismatchError, match="1000 USD"):
        plan(FlatRate("c", "0.1")).calculate([usd], period=JAN)


def test_a_component_needing_attainment_without_a_quota_names_the_owner():
    with pytest.raises(MissingQuotaError, match="owner 'ana'"):
        plan(FlatRate("c", "0.1"), Gate("gate", "0.5")).calculate(
            [credit("1")], period=JAN
        )


def test_a_ledger_of_another_owner_is_refused():
    with pytest.raises(LedgerMismatchError, match="owner='bob'"):
        plan(FlatRate("c", "0.1")).calculate(
            [credit("1")], period=JAN, ledger=Ledger.opening("bob", "EUR"), owner="ana"
        )


def test_a_period_already_calculated_is_refused():
    first = plan(FlatRate("c", "0.1")).calculate([credit("1")], period=JAN)

    with pytest.raises(
        LedgerMismatchError, match=r"through=datetime.date\(2026, 2, 1\)"
    ):
        plan(FlatRate("c", "0.1")).calculate(
            [credit("1")], period=JAN, ledger=first.ledger
        )


def test_calculate_for_one_owner_leaves_other_owners_credits_and_quotas_out():
    tiered = plan(Tiered("t", (Tier("0", None, "0.05"),), basis="attainment"))
    items = [credit("100", "D-1"), credit("100", "D-2", owner="bob")]
    # bob has credits and no quota (and a quota that fits no statement):
    # his statement is not asked for, so neither is his quota
    quotas = [Quota("ana", Q1, eur("1000")), Quota("bob", JAN, eur("1"))]

    statement = tiered.calculate(items, period=Q1, quota=quotas, owner="ana")

    # ana: 5 % × 100 = 5.00; bob's 100 is not hers
    assert statement.total == eur("5.00")
    assert statement.credited == eur("100")


def test_calculate_needs_one_owner():
    with pytest.raises(ManyOwnersError, match=r"found 'ana', 'bob'"):
        plan(FlatRate("c", "0.1")).calculate(
            [credit("1"), credit("1", owner="bob")], period=JAN
        )


# --- definitions -----------------------------------------------------------------------


def test_overlapping_tiers_a_gap_and_a_negative_rate_are_all_named():
    with pytest.raises(PlanDefinitionError) as raised:
        Tiered(
            "t",
            (
                Tier("0", "100", "0.05"),
                Tier("90", "200", "0.06"),
                Tier("250", None, "-0.01"),
            ),
        )

    assert raised.value.faults == (
        "tier 2 starts at 90, overlapping the tier before (which ends at 100)",
        "tier 3 rate must not be below 0, got -0.01",
        "tier 3 starts at 250, leaving a gap after 200",
    )


def test_a_float_rate_is_a_fault_naming_the_float():
    with pytest.raises(
        PlanDefinitionError,
        match=r"rate must be a decimal number \(not a float\), got 0.05",
    ):
        FlatRate("c", 0.05)


def test_a_plan_lists_every_fault_at_once():
    with pytest.raises(PlanDefinitionError) as raised:
        CommissionPlan(
            "bad",
            "EUR",
            (
                Gate("g", "0.5"),
                FlatRate("g", "0.1"),
                Accelerator("a", (Band("1", None, "2"),), of=("zzz",)),
            ),
        )

    faults = " | ".join(raised.value.faults)
    assert "'g' (Gate) has no variable component before it" in faults
    assert "component name 'g' is used twice" in faults
    assert "refers to 'zzz'" in faults


def test_a_draw_recovery_limit_above_one_is_refused():
    with pytest.raises(PlanDefinitionError, match=r"got 1\.5"):
        Draw("d", "recoverable", eur("1"), recovery_limit="1.5")


def test_a_tier_weight_for_an_unknown_tier_is_refused():
    with pytest.raises(PlanDefinitionError, match="unknown tier 'gold'"):
        plan(FlatRate("c", "0.1"), tier_weights={"gold": "2"})


# --- serialization ------------------------------------------------------------------------


def full_plan() -> CommissionPlan:
    return plan(
        BaseSalary("salary", eur("3000")),
        Tiered("commission", GOLDEN_TIERS, basis=Basis.AMOUNT),
        PayCurve("curve", (CurvePoint("0.5", "0"), CurvePoint("1", "1")), eur("1000")),
        Accelerator("kicker", (Band("1", None, "1.5"),), of=("commission",)),
        Gate("gate", "0.3"),
        Cap("cap", eur("50000")),
        AttainmentBonus("club", (BonusLevel("1", eur("500")),), cumulative=True),
        NewClientBonus("hunter", eur("200"), CreditFilter(tiers="vip")),
        ClientServedBonus("service", eur("5")),
        FeedbackBonus("feedback", (BonusLevel("4.5", eur("100")),)),
        Spiff("spiff", eur("50"), JAN, CreditFilter(categories="pumps")),
        PerClientHeld("held", (HeldRate(eur("40"), tier="vip", kind="corporate"),)),
        Draw("draw", "recoverable", eur("100")),
        scope="year_to_date",
        tier_weights={"vip": "1.2"},
        attainment_cap="2",
    )


def test_plans_statements_and_ledgers_round_trip_through_json():
    the_plan = full_plan()
    statement = the_plan.calculate(
        [credit("120000", is_new_client=True, client_tier="vip")],
        period=JAN,
        quota=Quota("ana", JAN, eur("100000")),
    )

    assert from_json(to_json(the_plan), CommissionPlan) == the_plan
    assert from_json(to_json(statement), CommissionStatement) == statement
    assert from_json(to_json(statement.ledger), Ledger) == statement.ledger


def test_a_stored_plan_with_an_unknown_component_type_is_refused_naming_it():
    data = to_json(plan(FlatRate("c", "0.1"))).replace('"flat_rate"', '"magic"')

    with pytest.raises(StructureError, match="unknown component kind 'magic'"):
        from_json(data, CommissionPlan)


def test_a_team_of_random_owners_gets_exact_totals():
    rng = random.Random(3)
    items = [
        credit(
            f"{rng.randrange(1, 10**6)}.{rng.randrange(100):02d}",
            f"D-{i}",
            owner=f"am{i % 7}",
        )
        for i in range(300)
    ]
    team_plan = plan(FlatRate("c", "0.0375"))

    team = calculate_team(team_plan, items, period=JAN, explain_deals=False)

    for owner, statement in team.items():
        mine = sum((c.amount.amount for c in items if c.owner == owner), Decimal(0))
        assert statement.total == eur(str(mine * Decimal("0.0375"))).rounded()
        assert statement.lines[0].deals == ()


# --- wrong calls are the library's errors ---------------------------------------


def test_calculate_for_two_owners_without_owner_names_both_and_the_way_out():
    flat = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.1"),))
    day = datetime.date(2026, 1, 9)
    team = [
        Credit("D-1", "C-1", "ana", Money("100", "EUR"), day),
        Credit("D-2", "C-2", "bob", Money("300", "EUR"), day),
    ]

    with pytest.raises(ManyOwnersError) as caught:
        flat.calculate(team, period=Period.month(2026, 1))

    assert str(caught.value) == (
        "calculate needs one owner, found 'ana', 'bob': pass owner='ana' (or "
        "another), or use calculate_team for every owner."
    )
    assert caught.value.owners == ("ana", "bob")
    assert isinstance(caught.value, ValueError)


def test_a_year_to_date_window_past_the_fiscal_year_is_an_invalid_period():
    plan = CommissionPlan("p", "EUR", (), scope="year_to_date")

    with pytest.raises(InvalidPeriodError, match=r"runs past fiscal year") as caught:
        plan.window(Period(datetime.date(2026, 12, 1), datetime.date(2027, 2, 1)))

    assert caught.value.parameter == "period"


def test_a_component_kind_registered_twice_names_both_classes():
    with pytest.raises(PlanDefinitionError, match="already registered for FlatRate"):
        register_component("flat_rate")(Tiered)


def test_an_unregistered_component_lists_the_registered_kinds():
    with pytest.raises(
        ArgumentTypeError, match=r"registered kind \(accelerator, attainment_bonus, "
    ):
        kind_of(object())


def test_calculate_refuses_things_that_are_not_credits_naming_their_place():
    flat = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.1"),))

    with pytest.raises(ArgumentTypeError, match=r"credits\[0\] must be a Credit"):
        flat.calculate([None], period=Period.month(2026, 1), owner="ana")
    with pytest.raises(ArgumentTypeError, match=r"period must be a Period, not str"):
        calculate_team(flat, [], period="2026-01")
