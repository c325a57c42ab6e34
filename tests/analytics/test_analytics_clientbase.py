"""ABC, XYZ, the ABC×XYZ matrix, key accounts, RFM and churn risk."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

import pytest
from helpers import eur
from hypothesis import given, settings
from hypothesis import strategies as st

from accountcore.analytics import (
    AbcClass,
    ChurnRisk,
    Order,
    XyzClass,
    abc_analysis,
    abc_xyz_matrix,
    churn_risk,
    key_account_candidates,
    rfm_scores,
    xyz_analysis,
)
from accountcore.analytics.errors import AnalyticsInputError, NotInAnalysisError
from accountcore.errors import CurrencyMismatchError, InvalidPeriodError
from accountcore.money import Money
from accountcore.testing.analytics import monthly_revenue, orders, revenue_by_client

T = TypeVar("T")


def shuffled(items: list[T], seed: int) -> list[T]:
    copy = list(items)
    random.Random(seed).shuffle(copy)
    return copy


# --- ABC ----------------------------------------------------------------------


def test_class_a_is_the_smallest_prefix_reaching_eighty_percent() -> None:
    revenue = {"acme": eur(450), "bolt": eur(350), "cora": eur(150), "dune": eur(50)}

    abc = abc_analysis(revenue)

    # total 1000: acme 45 %, +bolt 80 % (reaches 80 exactly) → A = acme, bolt
    # +cora 95 % (reaches 95 exactly) → B = cora; dune → C
    assert abc.clients(AbcClass.A) == ("acme", "bolt")
    assert abc.clients(AbcClass.B) == ("cora",)
    assert abc.clients(AbcClass.C) == ("dune",)
    assert abc.share(AbcClass.A) == Decimal("0.8")


def test_a_client_that_crosses_the_threshold_is_still_class_a() -> None:
    revenue = {"acme": eur(700), "bolt": eur(200), "cora": eur(100)}

    abc = abc_analysis(revenue)

    # acme 70 % < 80 %, so bolt is needed to reach it: A = acme, bolt (90 %)
    # cora starts at 90 % < 95 % → B
    assert [r.abc_class for r in abc.rows] == [AbcClass.A, AbcClass.A, AbcClass.B]


def test_equal_revenues_are_ranked_by_client_id() -> None:
    revenue = {"zeta": eur(40), "alfa": eur(40), "mike": eur(20)}

    abc = abc_analysis(revenue)

    # alfa before zeta: alfa 40 % → A; zeta starts at 40 % < 80 % → A (80 %)
    # mike starts at 80 %: not below 80, below 95 → B
    assert [(r.client, r.abc_class.value) for r in abc.rows] == [
        ("alfa", "A"),
        ("zeta", "A"),
        ("mike", "B"),
    ]


def test_clients_without_revenue_or_with_net_refunds_are_class_c() -> None:
    revenue = {"acme": eur(100), "bolt": eur(0), "cora": eur(-30)}

    abc = abc_analysis(revenue)

    assert abc.total == eur(100)
    assert [(r.client, r.abc_class.value) for r in abc.rows] == [
        ("acme", "A"),
        ("bolt", "C"),
        ("cora", "C"),
    ]


def test_thresholds_can_be_chosen() -> None:
    revenue = {"acme": eur(50), "bolt": eur(30), "cora": eur(20)}

    abc = abc_analysis(revenue, a="0.5", b="0.5")

    # A = acme (50 % reaches 50 %); B is empty when b equals a
    assert abc.clients(AbcClass.A) == ("acme",)
    assert abc.clients(AbcClass.B) == ()


def test_an_empty_client_base_needs_its_currency() -> None:
    abc = abc_analysis({}, currency="EUR")

    assert abc.rows == ()
    assert abc.total == eur(0)
    with pytest.raises(AnalyticsInputError, match=r"revenue=\{\}"):
        abc_analysis({})


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"a": "1.2"}, "a='1.2' is invalid"),
        ({"a": "0"}, "a='0' is invalid"),
        ({"a": "0.9", "b": "0.8"}, "b='0.8' is invalid: must be at least a=0.9"),
    ],
)
def test_abc_thresholds_outside_zero_to_one_are_refused(
    kwargs: dict[str, str], match: str
) -> None:
    with pytest.raises(AnalyticsInputError, match=match):
        abc_analysis({"acme": eur(1)}, **kwargs)  # type: ignore[arg-type]


def test_abc_refuses_mixed_currencies() -> None:
    with pytest.raises(CurrencyMismatchError, match="5 USD"):
        abc_analysis({"acme": eur(10), "bolt": Money(5, "USD")})


def test_asking_for_a_client_not_analysed_names_it() -> None:
    abc = abc_analysis({"acme": eur(10)})

    with pytest.raises(NotInAnalysisError, match="'nobody'"):
        abc.of("nobody")


@settings(max_examples=200)
@given(revenue_by_client(), st.sampled_from(["0.5", "0.8", "0.95", "1"]))
def test_abc_classes_partition_the_clients_and_a_is_the_smallest_prefix(
    revenue: dict[str, Money], a: str
) -> None:
    abc = abc_analysis(revenue, a=a, b="1", currency="EUR")

    assert sorted(r.client for r in abc.rows) == sorted(revenue)
    classes = [r.abc_class for r in abc.rows]
    assert classes == sorted(classes, key=lambda c: c.value)  # A, then B, then C
    total = sum(m.amount for m in revenue.values() if m.amount > 0)
    a_rows = [r for r in abc.rows if r.abc_class is AbcClass.A]
    if total > 0:
        reached = sum(r.revenue.amount for r in a_rows)
        assert reached >= Decimal(a) * total
        assert reached - a_rows[-1].revenue.amount < Decimal(a) * total
    else:
        assert a_rows == []


@settings(max_examples=100)
@given(revenue_by_client(), st.integers(min_value=0, max_value=10**6))
def test_abc_does_not_depend_on_input_order(
    revenue: dict[str, Money], seed: int
) -> None:
    reordered = dict(shuffled(list(revenue.items()), seed))

    assert abc_analysis(reordered, currency="EUR") == abc_analysis(
        revenue, currency="EUR"
    )


# --- XYZ ----------------------------------------------------------------------


def test_xyz_uses_the_population_deviation_and_includes_the_limit() -> None:
    months = {"acme": [eur(90), eur(110)]}

    xyz = xyz_analysis(months)

    # mean 100; population std sqrt(((−10)² + 10²) / 2) = 10 → 10 % → X (≤ 10 %)
    # (the sample std, sqrt(200 / 1) ≈ 14.1, would have made it Y)
    row = xyz.rows[0]
    assert (row.mean, row.deviation, row.variation) == (
        eur(100),
        eur(10),
        1 / Decimal(10),
    )
    assert row.xyz_class is XyzClass.X


def test_an_irrational_deviation_is_classed_exactly() -> None:
    months = {"acme": [eur(100), eur(100), eur(130)]}

    xyz = xyz_analysis(months)

    # mean 110; deviations −10, −10, +20; variance (100+100+400)/3 = 200
    # std = sqrt(200) = 14.142…; cv = 14.142… / 110 = 0.12856… → Y
    row = xyz.rows[0]
    assert str(row.variation)[:8] == "0.128564"
    assert row.xyz_class is XyzClass.Y


def test_one_month_or_no_revenue_is_unpredictable() -> None:
    months = {"new": [eur(500)], "idle": [eur(0), eur(0)]}

    xyz = xyz_analysis(months)

    assert [(r.client, r.variation, r.xyz_class) for r in xyz.rows] == [
        ("idle", None, XyzClass.Z),
        ("new", None, XyzClass.Z),
    ]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"x": "-0.1"}, "x='-0.1' is invalid"),
        ({"x": "0.3", "y": "0.2"}, "y='0.2' is invalid: must be at least x=0.3"),
    ],
)
def test_xyz_limits_outside_zero_to_one_are_refused(
    kwargs: dict[str, str], match: str
) -> None:
    with pytest.raises(AnalyticsInputError, match=match):
        xyz_analysis({"acme": [eur(1)]}, **kwargs)  # type: ignore[arg-type]


def test_a_client_without_months_is_refused_by_name() -> None:
    with pytest.raises(AnalyticsInputError, match=r"monthly_revenue\['acme'\]"):
        xyz_analysis({"acme": []})


def test_a_series_in_two_currencies_is_refused() -> None:
    with pytest.raises(CurrencyMismatchError, match="1 USD"):
        xyz_analysis({"acme": [eur(1), Money(1, "USD")]})


def _cv_squared(series: list[Money]) -> Fraction | None:
    values = [Fraction(m.amount) for m in series]
    mean = sum(values, Fraction(0)) / len(values)
    if len(values) < 2 or mean <= 0:
        return None
    variance = sum(((v - mean) ** 2 for v in values), Fraction(0)) / len(values)
    return variance / (mean * mean)


@settings(max_examples=150)
@given(monthly_revenue())
def test_xyz_classes_agree_with_an_exact_fraction_oracle(
    months: dict[str, list[Money]],
) -> None:
    xyz = xyz_analysis(months)

    for row in xyz.rows:
        cv2 = _cv_squared(months[row.client])
        if cv2 is None:
            expected = XyzClass.Z
        elif cv2 <= Fraction(1, 100):
            expected = XyzClass.X
        elif cv2 <= Fraction(1, 16):
            expected = XyzClass.Y
        else:
            expected = XyzClass.Z
        assert row.xyz_class is expected, row


# --- the matrix and key accounts ----------------------------------------------


def test_the_matrix_places_every_client_in_exactly_one_of_nine_cells() -> None:
    months = {
        "acme": [eur(400), eur(400)],  # 800, std 0 → AX
        "bolt": [eur(60), eur(90)],  # 150, mean 75, std 15 → 20 % → BY
        "cora": [eur(50), eur(0)],  # 50, mean 25, std 25 → 100 % → CZ
    }

    matrix = abc_xyz_matrix(months)

    # total 1000: acme 80 % → A, bolt to 95 % → B, cora C
    assert len(matrix.cells) == 9
    assert {c.code: c.clients for c in matrix.cells if c.clients} == {
        "AX": ("acme",),
        "BY": ("bolt",),
        "CZ": ("cora",),
    }
    assert matrix.code_of("bolt") == "BY"


@settings(max_examples=100)
@given(monthly_revenue())
def test_matrix_cells_partition_the_clients(months: dict[str, list[Money]]) -> None:
    matrix = abc_xyz_matrix(months, currency="EUR")

    placed = [client for cell in matrix.cells for client in cell.clients]
    assert sorted(placed) == sorted(months)


def test_key_account_candidates_are_top_and_steady_clients_not_yet_key() -> None:
    months = {
        "acme": [eur(300), eur(300)],  # 600 → A, steady
        "bolt": [eur(100), eur(140)],  # 240 → A, mean 120, std 20 → 16.7 % → Y
        "cora": [eur(100), eur(0)],  # 100 → B, Z
        "dune": [eur(30), eur(30)],  # 60 → C, X
    }
    matrix = abc_xyz_matrix(months)

    found = key_account_candidates(matrix, exclude=["acme"])

    # total 1000: acme 60 %, bolt 84 % → A = acme, bolt; acme is already key
    assert [(c.client, c.cell, c.share) for c in found] == [
        ("bolt", "AY", Decimal("0.24"))
    ]


def test_an_unknown_matrix_cell_is_refused_by_name() -> None:
    matrix = abc_xyz_matrix({"acme": [eur(1)]})

    with pytest.raises(AnalyticsInputError, match="DX"):
        key_account_candidates(matrix, cells=["AX", "DX"])
    with pytest.raises(AnalyticsInputError, match="'QQ'"):
        matrix.cell("QQ")


# --- RFM ----------------------------------------------------------------------


def test_rfm_scores_rank_clients_in_quintiles() -> None:
    on = dt.date(2026, 4, 1)
    orders_ = [
        Order(f"c{i}", on - dt.timedelta(days=10 * i), eur(100 * (10 - i)))
        for i in range(10)
    ]

    scores = {s.client: s for s in rfm_scores(orders_, on=on)}

    # ten clients, c0 the most recent and largest: k clients do no better
    # than c_i with k = 10 − i; score ceil(5k/10): c0 → 5, c1 → 5 (4.5),
    # c2 → 4, c3 → 4 (3.5), … c9 → 1 (0.5)
    assert [scores[f"c{i}"].recency for i in range(10)] == [
        5,
        5,
        4,
        4,
        3,
        3,
        2,
        2,
        1,
        1,
    ]
    assert scores["c0"].code == "555"  # all have one order: tied at the top → 5
    assert scores["c9"].monetary == eur(100)


def test_orders_after_the_date_are_ignored() -> None:
    orders_ = [
        Order("acme", dt.date(2026, 1, 1), eur(10)),
        Order("acme", dt.date(2026, 5, 1), eur(99)),
        Order("bolt", dt.date(2026, 5, 1), eur(99)),
    ]

    scores = rfm_scores(orders_, on=dt.date(2026, 2, 1))

    assert [(s.client, s.frequency, s.monetary) for s in scores] == [
        ("acme", 1, eur(10))
    ]


def test_rfm_refuses_a_bad_bin_count_and_a_datetime() -> None:
    with pytest.raises(AnalyticsInputError, match="bins=1"):
        rfm_scores([], on=dt.date(2026, 1, 1), bins=1)
    with pytest.raises(InvalidPeriodError, match="on="):
        rfm_scores([], on=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def test_rfm_refuses_clients_in_different_currencies() -> None:
    orders_ = [
        Order("acme", dt.date(2026, 1, 1), eur(10)),
        Order("bolt", dt.date(2026, 1, 1), Money(10, "USD")),
    ]

    with pytest.raises(CurrencyMismatchError, match="10 USD"):
        rfm_scores(orders_, on=dt.date(2026, 2, 1))


@settings(max_examples=100)
@given(orders(), st.integers(min_value=0, max_value=10**6))
def test_rfm_scores_are_in_range_ties_share_and_order_does_not_matter(
    orders_: list[Order], seed: int
) -> None:
    on = dt.date(2025, 7, 1)

    scores = rfm_scores(orders_, on=on)

    assert scores == rfm_scores(shuffled(orders_, seed), on=on)
    for score in scores:
        assert min(score.recency, score.frequency_score, score.monetary_score) >= 1
        assert max(score.recency, score.frequency_score, score.monetary_score) <= 5
    if scores:
        assert max(s.recency for s in scores) == 5
    by_days: dict[int, set[int]] = {}
    for score in scores:
        by_days.setdefault(score.recency_days, set()).add(score.recency)
    assert all(len(found) == 1 for found in by_days.values())


# --- churn risk ---------------------------------------------------------------


def test_churn_risk_compares_the_silence_with_the_usual_interval() -> None:
    d = dt.date
    orders_ = [
        Order("acme", d(2026, 1, 1), eur(10)),
        Order("acme", d(2026, 1, 31), eur(10)),
        Order("acme", d(2026, 3, 2), eur(10)),  # gaps 30, 30 → usual 30
        Order("bolt", d(2026, 3, 1), eur(10)),
        Order("bolt", d(2026, 3, 8), eur(10)),
        Order("bolt", d(2026, 3, 22), eur(10)),  # gaps 7, 14 → median 10.5
        Order("cora", d(2026, 3, 1), eur(10)),  # one order: unknown
    ]

    rows = churn_risk(orders_, on=d(2026, 4, 1))

    # acme: 30 days since 2 March → 30 / 30 = 1 → low
    # bolt: 10 days since 22 March → 10 / 10.5 ≈ 0.95 → low
    # sorted riskiest first: low by ratio (acme 1 before bolt 0.95), then unknown
    assert [(r.client, r.risk) for r in rows] == [
        ("acme", ChurnRisk.LOW),
        ("bolt", ChurnRisk.LOW),
        ("cora", ChurnRisk.UNKNOWN),
    ]
    assert rows[1].usual_interval == Decimal("10.5")


def test_the_risk_levels_start_at_their_thresholds() -> None:
    d = dt.date
    orders_ = [
        Order("acme", d(2026, 1, 1), eur(1)),
        Order("acme", d(2026, 1, 11), eur(1)),
    ]

    # usual interval 10 days: 15 days → 1.5 → medium; 20 → 2 → high; 14 → low
    levels = [
        churn_risk(orders_, on=d(2026, 1, 11) + dt.timedelta(days=n))[0].risk
        for n in (14, 15, 20)
    ]

    assert levels == [ChurnRisk.LOW, ChurnRisk.MEDIUM, ChurnRisk.HIGH]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"medium": "0"}, "medium='0' is invalid"),
        (
            {"medium": "3", "high": "2"},
            "high='2' is invalid: must be at least medium=3",
        ),
    ],
)
def test_churn_thresholds_must_be_positive_and_ordered(
    kwargs: dict[str, str], match: str
) -> None:
    with pytest.raises(AnalyticsInputError, match=match):
        churn_risk([], on=dt.date(2026, 1, 1), **kwargs)  # type: ignore[arg-type]


@settings(max_examples=100)
@given(orders(), st.integers(min_value=0, max_value=10**6))
def test_churn_risk_does_not_depend_on_input_order(
    orders_: list[Order], seed: int
) -> None:
    on = dt.date(2025, 9, 1)

    assert churn_risk(shuffled(orders_, seed), on=on) == churn_risk(orders_, on=on)


def test_churn_levels_render_in_every_language() -> None:
    texts = [ChurnRisk.MEDIUM.message.render(x) for x in ("en", "uk", "ja")]

    assert texts == ["medium risk", "середній ризик", "中リスク"]
