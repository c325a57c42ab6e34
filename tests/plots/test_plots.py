"""The figures of accountcore.plots: each figure's data (axes, bars, marks,
labels), never its pixels. Heights are compared with the Decimal amounts
as floats, which is how they are drawn."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import matplotlib
import pendulum
import pytest

from accountcore.analytics import Conversion, forecast, stage_conversion
from accountcore.commissions import (
    BaseSalary,
    Cap,
    CommissionPlan,
    Credit,
    FlatRate,
    Gate,
    Mode,
    Tier,
    Tiered,
)
from accountcore.errors import (
    AmountTypeError,
    ArgumentTypeError,
    InvalidLocaleError,
)
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.pipeline import Pipeline
from accountcore.plots import (
    PlotInputError,
    PlotsUnavailableError,
    attainment_distribution,
    funnel,
    pay_curve,
    score_factors,
    waterfall,
)
from accountcore.plots import forecast as forecast_figure
from accountcore.quotas import Quota
from accountcore.reliability import ClientProfile, Scorecard, WarningSign

matplotlib.use("Agg")

Q1 = Period.quarter(2026, 1)
DAY = dt.date(2026, 2, 3)


def eur(amount: str | int) -> Money:
    return Money(amount, "EUR")


def two_tiers(mode: Mode = Mode.MARGINAL) -> CommissionPlan:
    return CommissionPlan(
        "AM 2026",
        "EUR",
        (
            BaseSalary("salary", eur(3000)),
            Tiered(
                "commission",
                (Tier("0", "1", "0.05"), Tier("1", None, "0.08")),
                basis="attainment",
                mode=mode,
            ),
        ),
    )


def curve_of(figure):  # type: ignore[no-untyped-def]
    axes = figure.axes[0]
    line = next(line for line in axes.lines if line.get_gid() == "pay")
    return dict(zip(line.get_xdata(), line.get_ydata(), strict=True))


def marks_of(figure) -> list[float]:  # type: ignore[no-untyped-def]
    return [
        float(line.get_xdata()[0])
        for line in figure.axes[0].lines
        if line.get_gid() == "mark"
    ]


# --- pay_curve -----------------------------------------------------------------


def test_the_pay_curve_draws_the_plans_exact_pay_at_each_attainment() -> None:
    figure = pay_curve(two_tiers(), target=eur(100_000), up_to=2, points=5)

    curve = curve_of(figure)
    # salary 3,000 plus 5 % to quota and 8 % above it, on 100,000 of quota
    assert curve[0.0] == 3000.0  # float-ok: drawing
    assert curve[0.5] == 3000.0 + 2500.0  # 50,000 × 5 %
    assert curve[1.0] == 3000.0 + 5000.0  # 100,000 × 5 %
    assert curve[1.5] == 3000.0 + 5000.0 + 4000.0  # + 50,000 × 8 %
    assert curve[2.0] == 3000.0 + 5000.0 + 8000.0  # + 100,000 × 8 %


def test_the_pay_curve_steps_at_a_retroactive_bound_one_cent_apart() -> None:
    figure = pay_curve(
        two_tiers(Mode.RETROACTIVE), target=eur(100_000), up_to=2, points=3
    )

    curve = curve_of(figure)
    # 99,999.99 × 5 % = 4,999.9995 → 5,000.00; 100,000 × 8 % = 8,000.00
    assert curve[0.9999999] == 3000.0 + 5000.0
    assert curve[1.0] == 3000.0 + 8000.0


def test_the_pay_curve_marks_tier_bounds_gates_and_where_a_cap_cuts() -> None:
    plan = CommissionPlan(
        "capped",
        "EUR",
        (
            FlatRate("commission", "0.10"),
            Gate("gate", "0.5"),
            Cap("cap", eur(15_000)),
        ),
    )

    figure = pay_curve(plan, target=eur(100_000), up_to=2, points=9)

    # the gate at 50 %; 10 % reaches the 15,000 cap at 150,000 credited
    # (150 %), and first cuts a whole cent 4 cents later (150,000.05 × 10 % =
    # 15,000.005 → 15,000.01): marked at the last credit left uncut
    gate, cap = sorted(marks_of(figure))
    assert gate == 0.5
    assert cap == float(Decimal("150000.04") / 100_000)  # float-ok: drawing
    texts = [text.get_text() for text in figure.axes[0].texts]
    assert sorted(texts) == ["cap €15,000.00", "gate"]
    curve = curve_of(figure)
    assert curve[0.25] == 0.0  # below the gate: nothing
    assert curve[0.5] == 5000.0  # 50,000 × 10 %
    assert curve[2.0] == 15000.0  # capped


def test_the_pay_curve_labels_its_axes_in_the_locale() -> None:
    figure = pay_curve(two_tiers(), target=eur(100_000), locale="et_EE")

    axes = figure.axes[0]
    assert axes.get_xlabel() == "Täitmine"
    assert axes.get_ylabel() == "Tasu kokku (EUR)"
    ticks = [tick.get_text() for tick in axes.get_xticklabels()]
    assert ticks[0] == "0%"
    assert ticks[-1] == "200%"
    assert len(ticks) == 9  # every 25 % from 0 to 200 %
    # amounts in Estonian digits: a narrow no-break space between thousands
    assert axes.yaxis.get_major_formatter()(12000.0, 0) == "12\xa0000"


def test_a_pay_curve_against_a_quota_uses_its_period_and_owner() -> None:
    quota = Quota("ana", Period.month(2026, 3), eur(10_000))

    figure = pay_curve(two_tiers(), target=quota, points=3)

    assert curve_of(figure)[1.0] == 3000.0 + 500.0  # 10,000 × 5 %


@pytest.mark.parametrize(
    ("arguments", "error", "shown"),
    [
        ({"target": Money(100, "USD")}, PlotInputError, "target=Money('100', 'USD')"),
        ({"target": eur(0)}, PlotInputError, "target=Money('0', 'EUR')"),
        ({"target": eur(100), "points": 1}, PlotInputError, "points=1"),
        ({"target": eur(100), "points": 10**6}, PlotInputError, "points=1000000"),
        ({"target": eur(100), "up_to": 0}, PlotInputError, "up_to=0"),
        ({"target": eur(100), "up_to": "11"}, PlotInputError, "up_to='11'"),
        ({"target": eur(100), "up_to": 1.5}, AmountTypeError, "(1.5)"),
        ({"target": 100}, ArgumentTypeError, "target must be Money or a Quota"),
        ({"target": eur(100), "locale": "xx_XX"}, InvalidLocaleError, "'xx_XX'"),
        ({"target": eur(100), "locale": None}, ArgumentTypeError, "locale must be"),
    ],
)
def test_a_pay_curve_refuses_what_it_cannot_draw_naming_it(
    arguments: dict[str, object], error: type[Exception], shown: str
) -> None:
    with pytest.raises(error) as caught:
        pay_curve(two_tiers(), **arguments)  # type: ignore[arg-type]

    assert shown in str(caught.value)


def test_a_pay_curve_of_something_not_a_plan_names_it() -> None:
    with pytest.raises(ArgumentTypeError, match="plan must be a CommissionPlan"):
        pay_curve("plan", target=eur(100))  # type: ignore[arg-type]


# --- attainment_distribution ---------------------------------------------------


def team_statements() -> dict[str, object]:
    plan = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.05"),))
    credited = {"ana": 95, "bob": 100, "cy": 104, "dan": 130, "eve": 40}
    statements: dict[str, object] = {
        owner: plan.calculate(
            [Credit(f"D-{owner}", "C", owner, eur(amount), DAY)],
            period=Q1,
            quota=Quota(owner, Q1, eur(100)),
        )
        for owner, amount in credited.items()
    }
    statements["new"] = plan.calculate(
        [Credit("D-new", "C", "new", eur(10), DAY)], period=Q1
    )
    return statements


def test_the_distribution_counts_owners_in_half_open_bins_of_attainment() -> None:
    figure = attainment_distribution(team_statements())

    bars = figure.axes[0].containers[0]
    counted = {round(float(bar.get_x()), 1): int(bar.get_height()) for bar in bars}
    # 40 %; 95 %; 100 % and 104 % in [100 %, 110 %); 130 %; the bins between empty
    assert counted == {
        0.4: 1, 0.5: 0, 0.6: 0, 0.7: 0, 0.8: 0, 0.9: 1,
        1.0: 2, 1.1: 0, 1.2: 0, 1.3: 1,
    }  # fmt: skip
    assert [text.get_text() for text in figure.axes[0].texts] == [
        "1 without a quota, not shown"
    ]


def test_the_distribution_takes_a_frames_team_result_and_its_summary() -> None:
    polars = pytest.importorskip("polars")
    from accountcore.frames import calculate_team

    plan = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.05"),))
    credits = polars.DataFrame(
        {
            "deal_id": ["D-1", "D-2", "D-3"],
            "client_id": ["C", "C", "C"],
            "owner": ["ana", "bob", "cy"],
            "amount": [Decimal("95.00"), Decimal("100.00"), Decimal("250.00")],
            "currency": ["EUR"] * 3,
            "credited_on": [DAY] * 3,
        }
    )
    quotas = [Quota(owner, Q1, eur(100)) for owner in ("ana", "bob", "cy")]
    team = calculate_team(plan, credits, period=Q1, quotas=quotas)

    for given in (team, team.summary):
        bars = attainment_distribution(given, step="0.5").axes[0].containers[0]
        # 95 % in [50 %, 100 %); 100 % in [100 %, 150 %); 250 % in [250 %, 300 %)
        assert [int(bar.get_height()) for bar in bars] == [1, 1, 0, 0, 1]


def test_the_distribution_refuses_what_is_not_statements_naming_it() -> None:
    with pytest.raises(ArgumentTypeError, match=r"statements\['ana'\] must be"):
        attainment_distribution({"ana": 1.0})
    with pytest.raises(PlotInputError, match="step='2'"):
        attainment_distribution({}, step="2")


# --- waterfall -----------------------------------------------------------------


def test_the_waterfall_steps_each_line_from_the_running_sum_to_the_total() -> None:
    plan = CommissionPlan(
        "AM",
        "EUR",
        (
            BaseSalary("salary", eur(3000)),
            Tiered("commission", (Tier("0", "100000", "0.05"), Tier("100000", None, "0.08"))),
            Cap("cap", eur(6000)),
        ),
    )  # fmt: skip
    statement = plan.calculate(
        [Credit("D-1", "C-1", "ana", eur(130_000), DAY)], period=Q1
    )

    axes = waterfall(statement, locale="lv_LV").axes[0]

    bars = axes.containers[0]
    # salary 3,000; 100,000 × 5 % = 5,000; 30,000 × 8 % = 2,400; cap cuts
    # 7,400 to 6,000: −1,400; total 3,000 + 6,000 = 9,000
    assert [float(bar.get_height()) for bar in bars] == [
        3000.0, 5000.0, 2400.0, -1400.0, 9000.0,
    ]  # fmt: skip
    assert [float(bar.get_y()) for bar in bars] == [
        0.0, 3000.0, 8000.0, 10400.0, 0.0,
    ]  # fmt: skip
    assert [tick.get_text() for tick in axes.get_xticklabels()] == [
        "salary", "commission 5%", "commission 8%", "cap", "Kopā",
    ]  # fmt: skip
    assert [text.get_text() for text in axes.texts][-1] == "9\xa0000,00\xa0€"
    assert axes.get_ylabel() == "Summa (EUR)"


def test_a_waterfall_of_something_not_a_statement_names_it() -> None:
    with pytest.raises(ArgumentTypeError, match="statement must be a Commission"):
        waterfall(None)  # type: ignore[arg-type]


# --- funnel and forecast ---------------------------------------------------------


def deals():  # type: ignore[no-untyped-def]
    pipeline, start = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")

    def moved(id: str, owner: str, amount: int, *stages: str):  # type: ignore[no-untyped-def]
        deal = pipeline.new_deal(
            id, client_id="C", owner=owner, at=start, by=owner,
            amount=eur(amount), contact="Mari", expected_close=dt.date(2026, 3, 20),
        )  # fmt: skip
        for n, stage in enumerate(stages, 1):
            deal = pipeline.advance(
                deal, stage, at=start.add(days=n), by=owner, reason="x"
            )
        return deal

    return pipeline, [
        moved("D-1", "anna", 10_000, "negotiation"),  # commit, 0.80
        moved("D-2", "anna", 5_000, "presentation"),  # best case, 0.45
        moved("D-3", "bert", 8_000, "needs"),  # pipeline, 0.30
        moved("D-4", "bert", 3_000, "contract_signed"),  # won on 6 January
    ]


def test_the_funnel_draws_how_many_deals_reached_each_stage() -> None:
    pipeline, all_deals = deals()
    conversions = stage_conversion(all_deals, pipeline=pipeline)

    axes = funnel(conversions, pipeline=pipeline, locale="ja_JP").axes[0]

    widths = [int(bar.get_width()) for bar in axes.containers[0]]
    # every deal reached the stages up to needs; D-1, D-2, D-4 presentation;
    # D-1, D-4 objections and negotiation; D-4 won
    assert widths == [4, 4, 4, 4, 3, 2, 2, 1]
    labels = [tick.get_text() for tick in axes.get_yticklabels()]
    assert len(labels) == 8
    assert labels[-1] == "契約締結"
    texts = [text.get_text() for text in axes.texts]
    assert texts[3] == "4 → 75%"  # needs → presentation: 3 of 4
    assert texts[-1] == "1"


def test_a_funnel_refuses_steps_that_do_not_follow_each_other() -> None:
    steps = [
        Conversion("appointment", "preparation", 10, 6, Decimal("0.6")),
        Conversion("contact", "needs", 6, 3, Decimal("0.5")),
    ]

    with pytest.raises(
        PlotInputError, match=r"conversions=Conversion\(from_stage='contact'"
    ):
        funnel(steps)


def test_the_forecast_stacks_each_owners_categories_and_marks_the_weighted() -> None:
    _, all_deals = deals()
    result = forecast(all_deals, period=Q1, currency="EUR")

    axes = forecast_figure(result).axes[0]

    heights = {
        c.get_label(): [float(b.get_height()) for b in c] for c in axes.containers
    }
    assert heights == {  # anna, bert
        "Closed won": [0.0, 3000.0],
        "Commit": [10000.0, 0.0],
        "Best case": [5000.0, 0.0],
        "Pipeline": [0.0, 8000.0],
    }
    weighted = next(line for line in axes.lines if line.get_gid() == "weighted")
    # anna 10,000 × 0.80 + 5,000 × 0.45 = 10,250; bert 8,000 × 0.30 = 2,400
    assert list(weighted.get_ydata()) == [10250.0, 2400.0]
    assert [tick.get_text() for tick in axes.get_xticklabels()] == ["anna", "bert"]


def test_the_forecast_in_total_is_one_bar_named_in_the_locale() -> None:
    _, all_deals = deals()
    result = forecast(all_deals, period=Q1, currency="EUR")

    axes = forecast_figure(result, by_owner=False, locale="uk_UA").axes[0]

    assert [len(container) for container in axes.containers] == [1, 1, 1, 1]
    assert [float(c[0].get_height()) for c in axes.containers] == [
        3000.0, 10000.0, 5000.0, 8000.0,
    ]  # fmt: skip
    legend = [text.get_text() for text in axes.get_legend().get_texts()]
    assert legend == [
        "Зважена воронка",  # the weighted pipeline, a point
        "Виграні", "Гарантовані", "Найкращий сценарій", "У воронці",
    ]  # fmt: skip


# --- score_factors ------------------------------------------------------------------


def test_the_score_factors_add_up_to_the_score_and_hatch_the_missing() -> None:
    profile = ClientProfile(
        "EUR", founded=dt.date(2012, 5, 1), employees=80, warning_signs=[]
    )
    score = Scorecard.default().score(profile, on=dt.date(2026, 6, 30))

    axes = score_factors(score, locale="ro_RO").axes[0]

    given = [round(float(bar.get_width()), 2) for bar in axes.containers[1]]
    # payment, financial, security unknown: 0.35, 0.25, 0.10 × 50 neutral;
    # stability 0.10 × 92.5; warnings 0.20 × 100: 64.25 in all
    assert given == [17.5, 12.5, 5.0, 9.25, 20.0]
    assert [bar.get_hatch() for bar in axes.containers[1]] == ["//"] * 3 + [None] * 2
    possible = [round(float(bar.get_width()), 2) for bar in axes.containers[0]]
    assert possible == [35.0, 25.0, 10.0, 10.0, 20.0]  # weight × 100
    assert axes.get_title().startswith("Fiabilitate 64,25")


def test_a_knocked_out_score_says_so_in_the_title() -> None:
    profile = ClientProfile("EUR", warning_signs=[WarningSign.INSOLVENCY_PROCEEDINGS])
    score = Scorecard.default().score(profile, on=dt.date(2026, 6, 30))

    axes = score_factors(score, neutral=40).axes[0]

    assert "\n" in axes.get_title()
    assert round(float(axes.containers[1][0].get_width()), 2) == 14.0  # 0.35 × 40


def test_score_factors_refuse_a_neutral_outside_0_to_100_naming_it() -> None:
    score = Scorecard.default().score(ClientProfile("EUR"), on=dt.date(2026, 1, 1))

    with pytest.raises(PlotInputError, match="neutral=101 is invalid"):
        score_factors(score, neutral=101)


# --- the extra -------------------------------------------------------------------


def test_figures_are_not_left_in_pyplots_global_state() -> None:
    from matplotlib import _pylab_helpers

    pay_curve(two_tiers(), target=eur(100), points=3)

    assert _pylab_helpers.Gcf.get_all_fig_managers() == []


def test_without_matplotlib_a_figure_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)

    with pytest.raises(PlotsUnavailableError) as caught:
        pay_curve(two_tiers(), target=eur(100))

    assert isinstance(caught.value, ImportError)
    assert str(caught.value) == (
        "accountcore.plots needs 'matplotlib', which is not installed: "
        "pip install 'accountcore[plot]'."
    )


def test_importing_accountcore_plots_does_not_import_matplotlib() -> None:
    script = (
        "import sys, accountcore, accountcore.plots;"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_every_figure_draws_with_its_tick_labels_in_the_locale() -> None:
    """Drawn to a PNG in memory (the pixels are not looked at): tick labels
    are made only when a figure is drawn."""
    import io

    pipeline, all_deals = deals()
    score = Scorecard.default().score(ClientProfile("EUR"), on=dt.date(2026, 1, 1))
    statements = team_statements()
    figures = [
        pay_curve(two_tiers(), target=eur(100_000), points=5, locale="lv_LV"),
        attainment_distribution(statements, locale="lv_LV"),
        waterfall(statements["ana"], locale="lv_LV"),  # type: ignore[arg-type]
        funnel(stage_conversion(all_deals, pipeline=pipeline), locale="lv_LV"),
        forecast_figure(forecast(all_deals, period=Q1, currency="EUR"), locale="lv_LV"),
        score_factors(score, locale="lv_LV"),
    ]

    for figure in figures:
        figure.savefig(io.BytesIO(), format="png")

    money_ticks = [tick.get_text() for tick in figures[0].axes[0].get_yticklabels()]
    assert "12\xa0000" in money_ticks  # Latvian digits: 12 000
