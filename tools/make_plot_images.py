"""Draw the pictures of ``docs/plots.md`` into ``docs/images/``.

Usage: ``python tools/make_plot_images.py`` (needs ``accountcore[plot]``).
The figures are those the page's examples make, on the same data; run it
again after changing a figure, and commit the PNGs with the change.
"""

from __future__ import annotations

import datetime as dt
import pathlib

import matplotlib
import pendulum

from accountcore.analytics import forecast, stage_conversion
from accountcore.commissions import (
    Accelerator,
    Band,
    BaseSalary,
    Cap,
    CommissionPlan,
    Credit,
    Tier,
    Tiered,
    calculate_team,
)
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.pipeline import Pipeline
from accountcore.plots import (
    attainment_distribution,
    funnel,
    pay_curve,
    score_factors,
    waterfall,
)
from accountcore.plots import forecast as forecast_figure
from accountcore.quotas import Quota
from accountcore.reliability import ClientProfile, Scorecard

IMAGES = pathlib.Path(__file__).resolve().parents[1] / "docs" / "images"
Q1 = Period.quarter(2026, 1)


def plan() -> CommissionPlan:
    """The plan of docs/plots.md: salary, 5 % to quota and 8 % above,
    × 1.5 from 150 %, capped at 12,000 of variable pay."""
    return CommissionPlan(
        "AM 2026",
        "EUR",
        (
            BaseSalary("salary", Money("3000", "EUR")),
            Tiered(
                "commission",
                (Tier("0", "1", "0.05"), Tier("1", None, "0.08")),
                basis="attainment",
            ),
            Accelerator("kicker", (Band("1.5", None, "1.5"),)),
            Cap("cap", Money("12000", "EUR")),
        ),
    )


def team() -> dict[str, object]:
    """Twelve account managers' statements for the first quarter."""
    credited = [62, 78, 85, 91, 96, 99, 100, 104, 112, 118, 131, 164]
    owners = [f"am-{n:02}" for n in range(1, len(credited) + 1)]
    credits = [
        Credit(
            f"D-{owner}", "C-1", owner, Money(amount * 1000, "EUR"), dt.date(2026, 2, 3)
        )
        for owner, amount in zip(owners, credited, strict=True)
    ]
    quotas = [Quota(owner, Q1, Money("100000", "EUR")) for owner in owners]
    return dict(calculate_team(plan(), credits, period=Q1, quotas=quotas))


def deals() -> tuple[Pipeline, list[object]]:
    """A few deals moved along the default pipeline."""
    pipeline, start = Pipeline.default(), pendulum.datetime(2026, 1, 5, tz="UTC")
    paths = [
        ("anna", 10_000, ("negotiation",)),
        ("anna", 5_000, ("presentation",)),
        ("anna", 7_000, ("contract_signed",)),
        ("bert", 8_000, ("needs",)),
        ("bert", 3_000, ("contract_signed",)),
        ("bert", 12_000, ("objections",)),
        ("cleo", 6_000, ("contact",)),
        ("cleo", 9_000, ("negotiation",)),
    ]
    made = []
    for n, (owner, amount, stages) in enumerate(paths, 1):
        deal = pipeline.new_deal(
            f"D-{n}",
            client_id="C",
            owner=owner,
            at=start,
            by=owner,
            amount=Money(amount, "EUR"),
            contact="Mari",
            expected_close=dt.date(2026, 3, 20),
        )
        for day, stage in enumerate(stages, 1):
            deal = pipeline.advance(deal, stage, at=start.add(days=day), by=owner)
        made.append(deal)
    return pipeline, made


def main() -> None:
    matplotlib.use("Agg")
    IMAGES.mkdir(parents=True, exist_ok=True)
    statements = team()
    pipeline, made = deals()
    profile = ClientProfile(
        "EUR", founded=dt.date(2012, 5, 1), employees=80, warning_signs=[]
    )
    figures = {
        "pay_curve": pay_curve(plan(), target=Money("100000", "EUR")),
        "attainment_distribution": attainment_distribution(statements),
        "waterfall": waterfall(statements["am-12"]),  # type: ignore[arg-type]
        "funnel": funnel(stage_conversion(made, pipeline=pipeline)),
        "forecast": forecast_figure(forecast(made, period=Q1, currency="EUR")),
        "score_factors": score_factors(
            Scorecard.default().score(profile, on=dt.date(2026, 6, 30))
        ),
    }
    for name, figure in figures.items():
        path = IMAGES / f"{name}.png"
        # no date or version in the file: the same figure gives the same bytes
        figure.savefig(path, dpi=100, metadata={"Software": None})
        print(path.relative_to(IMAGES.parents[1]))


if __name__ == "__main__":
    main()
