"""Any input works or raises an AccountcoreError: the library fuzzed as a
hostile caller would use it (issue 15).

Each target is a public constructor or main method; each of its arguments
is drawn from values that fit and from hostile ones: wrong types, None, NaN
and infinities, ``Decimal('1e999999')``, empty and huge strings, naive
datetimes, unknown currencies and locales, duplicate ids, objects of the
wrong class. A call may return anything or raise an ``AccountcoreError``;
any other exception fails the test, naming the target and the arguments.

``ACCOUNTCORE_FUZZ_EXAMPLES`` sets the examples per target (CONTRIBUTING.md:
the CI size keeps the whole file to a few seconds; run the long profile
before closing an issue that touches input handling).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import accountcore
from accountcore import (
    AccountcoreError,
    AccountStatus,
    AnnualForecast,
    Client,
    ClientFacts,
    ClientKind,
    ClientProfile,
    CommissionPlan,
    CommissionStatement,
    Credit,
    CreditTerms,
    Deal,
    DealHistory,
    DiscountScheme,
    ExchangeRate,
    FiscalCalendar,
    FixedRates,
    Ledger,
    Message,
    Money,
    MonthlyReport,
    Period,
    Pipeline,
    QuarterlyResults,
    Quota,
    QuoteLine,
    ReliabilityScore,
    Scorecard,
    Split,
    attainment,
    calculate_team,
    credits_from,
)
from accountcore.analytics import (
    Order,
    abc_analysis,
    abc_xyz_matrix,
    category_message,
    churn_risk,
    forecast,
    pipeline_coverage,
    rfm_scores,
    sales_velocity,
    slippage,
    stage_conversion,
    stale_deals,
    win_rate,
    xyz_analysis,
)
from accountcore.clients import validate_clients
from accountcore.discounts import PercentOff, Reason
from accountcore.money import to_decimal
from accountcore.periods import prorate
from accountcore.pipeline import Refusal
from accountcore.reliability import (
    CreditPolicy,
    compare_scores,
    factor_class,
    factor_kind,
    payment_index,
)
from accountcore.serialization import from_json, structure, unstructure
from accountcore.testing.samples import (
    make_client,
    make_deal,
    make_ledger,
    make_plan,
    make_quota,
    make_statement,
)

EXAMPLES = int(os.environ.get("ACCOUNTCORE_FUZZ_EXAMPLES", "12"))

# --- values that fit ----------------------------------------------------------

T0 = pendulum.datetime(2026, 1, 5, 9, tz="Europe/Tallinn")
DAY = dt.date(2026, 1, 15)
EUR = Money("10.00", "EUR")
JAN = Period.month(2026, 1)
Q1 = Period.quarter(2026, 1)
TALLINN = FiscalCalendar(timezone="Europe/Tallinn")
PIPELINE = Pipeline.default()
CLIENTS = (make_client(1), make_client(2))
DEALS = tuple(make_deal(n) for n in range(6))
OPEN_DEAL = PIPELINE.new_deal("D-9", client_id="C-001", owner="ana", at=T0, by="ana")
QUOTA = make_quota(1)
PLAN = make_plan(1)
LEDGER = make_ledger(1)
STATEMENT = make_statement(1)
CREDITS = (
    Credit("D-1", "C-1", "ana", EUR, DAY),
    Credit("D-2", "C-2", "bob", Money("5.00", "EUR"), DAY),
)
PROFILE = ClientProfile("EUR", client_id="C-1")
CARD = Scorecard.default()
SCORE = CARD.score(PROFILE, on=DAY)
SCHEME = DiscountScheme("s", "EUR", [PercentOff("ten", 10)])
LINE = QuoteLine("pump", 2, EUR)
ORDERS = (Order("C-1", DAY, EUR), Order("C-2", DAY, Money("3.00", "EUR")))

# --- hostile values ------------------------------------------------------------


class _Strange:
    """An object of no class the library knows, with a hostile repr."""

    def __repr__(self) -> str:
        return "<strange>"


HOSTILE_VALUES: list[object] = [
    None,
    float("nan"),
    float("inf"),
    -float("inf"),
    0.1,
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("Infinity"),
    Decimal("-Infinity"),
    Decimal("1e999999"),
    Decimal("-1e999999"),
    Decimal("1e-999999"),
    "",
    " ",
    "x" * 100_000,
    "XYZ",
    "xx_XX",
    "EUR",
    "0x10",
    "1e999999",
    "NaN",
    True,
    0,
    -1,
    10**30,
    dt.datetime(2026, 1, 5, 9, 30),  # naive
    dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.UTC),
    dt.date(1, 1, 1),
    dt.date(9999, 12, 31),
    dt.timedelta(days=1),
    [],
    {},
    set(),
    (),
    [None],
    {"": None},
    object(),
    _Strange(),
    b"bytes",
    # objects of the wrong class (the right class for another argument)
    EUR,
    JAN,
    TALLINN,
    CLIENTS[0],
    DEALS[0],
    QUOTA,
    PLAN,
    LEDGER,
    CREDITS[0],
    PROFILE,
    SCORE,
    SCHEME,
]


def hostile() -> st.SearchStrategy[object]:
    """A value a hostile caller might pass anywhere."""
    return st.one_of(
        st.sampled_from(HOSTILE_VALUES),
        st.text(max_size=12),
        st.integers(),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.lists(st.sampled_from([None, "x", 1, EUR, DAY, _Strange()]), max_size=3),
    )


def arg(*valid: object) -> st.SearchStrategy[object]:
    """One of ``valid``, or a hostile value."""
    return st.one_of(st.sampled_from(valid), hostile())


def listed(*valid: object) -> st.SearchStrategy[object]:
    """A list of ``valid`` items (duplicates and strangers among them), or a
    hostile value."""
    items = st.one_of(st.sampled_from(valid), hostile())
    return st.one_of(
        st.lists(st.sampled_from(valid), max_size=4),
        st.lists(items, max_size=3),
        hostile(),
    )


# --- the targets -------------------------------------------------------------------


@attrs.frozen(repr=False)
class Target:
    """A public call and a strategy for each of its arguments."""

    name: str
    call: Callable[..., object]
    args: tuple[st.SearchStrategy[Any], ...] = ()
    kwargs: dict[str, st.SearchStrategy[Any]] = attrs.field(factory=dict)

    def __repr__(self) -> str:
        return self.name


def _money_targets() -> list[Target]:
    return [
        Target("Money", Money, (arg("10.00", Decimal(5), 7), arg("EUR", "JPY", "BHD"))),
        Target("to_decimal", to_decimal, (arg("1.5", 2),)),
        Target("Money.__add__", lambda x: EUR + x, (arg(EUR),)),
        Target("Money.__lt__", lambda x: x > EUR, (arg(EUR),)),
        Target("Money.rounded", lambda m: Money(m, "EUR").rounded(), (arg("1.005"),)),
        Target(
            "Period", Period, (arg(DAY, dt.date(2026, 1, 1)), arg(dt.date(2026, 2, 1)))
        ),
        Target("Period.month", Period.month, (arg(2026), arg(1, 12))),
        Target("Period.quarter", Period.quarter, (arg(2026), arg(1, 4))),
        Target(
            "FiscalCalendar",
            FiscalCalendar,
            (arg(1, 4),),
            {"timezone": arg("UTC", "Europe/Tallinn")},
        ),
        Target("FiscalCalendar.date_of", TALLINN.date_of, (arg(T0),)),
        Target("FiscalCalendar.fiscal_year_of", TALLINN.fiscal_year_of, (arg(DAY),)),
        Target("prorate", prorate, (arg(JAN, Q1), arg(JAN, Q1))),
        Target(
            "ExchangeRate", ExchangeRate, (arg("EUR"), arg("USD"), arg(DAY), arg("1.1"))
        ),
        Target(
            "FixedRates", FixedRates, (listed(ExchangeRate("EUR", "USD", DAY, "1.1")),)
        ),
    ]


def _client_and_pipeline_targets() -> list[Target]:
    return [
        Target(
            "Client.prospect",
            Client.prospect,
            (arg("C-1"), arg("Acme")),
            {
                "kind": arg(ClientKind.CORPORATE, "individual"),
                "owner": arg("ana"),
                "at": arg(T0),
            },
        ),
        Target("validate_clients", validate_clients, (listed(*CLIENTS),)),
        Target(
            "Client.activate",
            lambda at, by: CLIENTS[0].activate(at=at, by=by),
            (arg(T0), arg("ana")),
        ),
        Target(
            "Pipeline.new_deal",
            PIPELINE.new_deal,
            (arg("D-1"),),
            {
                "client_id": arg("C-1"),
                "owner": arg("ana"),
                "at": arg(T0),
                "by": arg("ana"),
            },
        ),
        Target(
            "Pipeline.advance",
            PIPELINE.advance,
            (arg(OPEN_DEAL, *DEALS), arg("needs", "contract_signed", "lost")),
            {"at": arg(T0.add(days=1)), "by": arg("ana")},
        ),
        Target(
            "Pipeline.check",
            PIPELINE.check,
            (arg(OPEN_DEAL, *DEALS), arg("needs", "contract_signed", "lost")),
            {"at": arg(T0.add(days=1))},
        ),
        Target(
            "Deal.with_amount",
            lambda amount, at: OPEN_DEAL.with_amount(amount, at=at, by="ana"),
            (arg(EUR), arg(T0.add(days=1))),
        ),
        Target(
            "Deal.with_splits",
            lambda splits: OPEN_DEAL.with_splits(splits, at=T0.add(days=1), by="ana"),
            (listed(Split("ana", Decimal("0.5")), Split("bob", Decimal("0.5"))),),
        ),
        Target("Split", Split, (arg("ana"), arg(Decimal("0.5"), "1"))),
        Target("DealHistory", DealHistory, (listed(*DEALS[1].history),)),
        Target("Refusal.of", Refusal.of, (arg("contact_missing"),)),
    ]


def _quota_and_commission_targets() -> list[Target]:
    return [
        Target("Quota", Quota, (arg("ana"), arg(JAN), arg(EUR, 3))),
        Target("attainment", attainment, (arg(QUOTA), arg(EUR, 2))),
        Target(
            "CommissionPlan",
            CommissionPlan,
            (arg("p"), arg("EUR"), listed(*PLAN.components)),
        ),
        Target(
            "Credit", Credit, (arg("D-1"), arg("C-1"), arg("ana"), arg(EUR), arg(DAY))
        ),
        Target("Ledger.opening", Ledger.opening, (arg("ana"), arg("EUR"))),
        Target(
            "calculate_team",
            calculate_team,
            (arg(PLAN), listed(*CREDITS)),
            {"period": arg(JAN), "quotas": listed(QUOTA)},
        ),
        Target(
            "CommissionPlan.calculate",
            lambda credits, period, owner: PLAN.calculate(
                credits, period=period, owner=owner
            ),
            (listed(*CREDITS), arg(JAN), arg("ana", None)),
        ),
        Target(
            "credits_from",
            credits_from,
            (listed(*DEALS),),
            {
                "period": arg(JAN),
                "calendar": arg(TALLINN),
                "clients": listed(*CLIENTS),
                "measure": arg("revenue"),
                "clawback_days": arg(30, None),
                "clawback": arg("full"),
            },
        ),
    ]


def _discount_and_reliability_targets() -> list[Target]:
    return [
        Target("ClientFacts", ClientFacts, (arg("standard", "vip"), arg("corporate"))),
        Target("QuoteLine", QuoteLine, (arg("pump"), arg(2, "1.5"), arg(EUR))),
        Target(
            "DiscountScheme",
            DiscountScheme,
            (arg("s"), arg("EUR"), listed(PercentOff("ten", 10))),
        ),
        Target("PercentOff", PercentOff, (arg("ten"), arg(10, "12.5"))),
        Target(
            "DiscountScheme.quote",
            SCHEME.quote,
            (listed(LINE),),
            {
                "client": arg(ClientFacts(), CLIENTS[0]),
                "on": arg(DAY),
                "code": arg(None, "X"),
            },
        ),
        Target(
            "Reason", Reason, (arg("amount_over", "tier"), arg({"tier": "vip"}, None))
        ),
        Target(
            "ClientProfile",
            ClientProfile,
            (arg("EUR"),),
            {"client_id": arg("C-1", None)},
        ),
        Target("Scorecard.score", CARD.score, (arg(PROFILE),), {"on": arg(DAY)}),
        Target("compare_scores", compare_scores, (arg(SCORE), arg(SCORE), arg(CARD))),
        Target(
            "CreditTerms",
            CreditTerms,
            (arg("A"), arg(30), arg(Decimal(0)), arg(EUR), arg("requested")),
        ),
        Target(
            "CreditPolicy.recommend",
            CreditPolicy.default().recommend,
            (arg(SCORE), arg(PROFILE)),
            {"requested": arg(EUR)},
        ),
        Target("payment_index", payment_index, (arg(10, Decimal("2.5")),)),
        Target("factor_class", factor_class, (arg("payment"),)),
        Target("factor_kind", factor_kind, (arg(*CARD.factors),)),
    ]


def _analytics_and_report_targets() -> list[Target]:
    revenue = {"C-1": EUR, "C-2": Money("3.00", "EUR")}
    monthly = {"C-1": [EUR, EUR, Money("1", "EUR")], "C-2": [EUR, EUR, EUR]}
    deals = listed(*DEALS)
    return [
        Target(
            "abc_analysis",
            abc_analysis,
            (arg(revenue, {}),),
            {"a": arg("0.8"), "b": arg("0.95")},
        ),
        Target(
            "xyz_analysis",
            xyz_analysis,
            (arg(monthly, {}),),
            {"x": arg("0.1"), "y": arg("0.25")},
        ),
        Target("abc_xyz_matrix", abc_xyz_matrix, (arg(monthly),)),
        Target(
            "rfm_scores",
            rfm_scores,
            (listed(*ORDERS),),
            {"on": arg(DAY), "bins": arg(5)},
        ),
        Target("churn_risk", churn_risk, (listed(*ORDERS),), {"on": arg(DAY)}),
        Target("Order", Order, (arg("C-1"), arg(DAY), arg(EUR))),
        Target(
            "forecast",
            forecast,
            (deals,),
            {
                "period": arg(JAN, Q1),
                "currency": arg("EUR"),
                "calendar": arg(TALLINN, None),
            },
        ),
        Target(
            "win_rate", win_rate, (deals,), {"period": arg(Q1), "currency": arg("EUR")}
        ),
        Target(
            "sales_velocity",
            sales_velocity,
            (deals,),
            {"period": arg(Q1), "currency": arg("EUR")},
        ),
        Target("slippage", slippage, (deals,), {"period": arg(Q1)}),
        Target(
            "pipeline_coverage",
            pipeline_coverage,
            (deals,),
            {"period": arg(Q1), "quota": arg(EUR)},
        ),
        Target(
            "stage_conversion", stage_conversion, (deals,), {"pipeline": arg(PIPELINE)}
        ),
        Target(
            "stale_deals",
            stale_deals,
            (deals,),
            {"at": arg(T0.add(days=60)), "norms": arg({"needs": 10}, {})},
        ),
        Target(
            "category_message", category_message, (arg(*accountcore.ForecastCategory),)
        ),
        Target(
            "AccountStatus.of",
            AccountStatus.of,
            (listed(*CLIENTS), deals),
            {"period": arg(Q1), "at": arg(T0.add(days=90)), "currency": arg("EUR")},
        ),
        Target(
            "AnnualForecast.of",
            AnnualForecast.of,
            (deals,),
            {"fiscal_year": arg(2026), "currency": arg("EUR")},
        ),
        Target(
            "MonthlyReport.of",
            MonthlyReport.of,
            (deals, listed(*CLIENTS)),
            {"period": arg(JAN), "currency": arg("EUR")},
        ),
        Target(
            "QuarterlyResults.of",
            QuarterlyResults.of,
            (deals, listed(QUOTA), listed(STATEMENT)),
            {"period": arg(Q1), "currency": arg("EUR")},
        ),
        Target("Message.of", Message.of, (arg("common.days"),)),
        Target(
            "Message.render",
            lambda locale: Message.of("analytics.forecast.category.commit").render(
                locale
            ),
            (arg("en_US", "lv_LV"),),
        ),
    ]


# --- documents: structure() and from_json() for each type ----------------------

DOCUMENT_SAMPLES: dict[type, object] = {
    Money: EUR,
    Period: JAN,
    Client: CLIENTS[0],
    Deal: DEALS[1],
    Quota: QUOTA,
    CommissionPlan: PLAN,
    Credit: CREDITS[0],
    Ledger: LEDGER,
    CommissionStatement: STATEMENT,
    DiscountScheme: SCHEME,
    ClientProfile: PROFILE,
    Scorecard: CARD,
    ReliabilityScore: SCORE,
}

JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=8),
        st.sampled_from(
            ["", "x" * 10_000, "EUR", "XYZ", "1e999999", "NaN", "2026-13-45"]
        ),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=6), inner, max_size=3),
    ),
    max_leaves=8,
)


@st.composite
def mutated(draw: st.DrawFn, data: object) -> object:
    """``data`` (an unstructured document) with one value somewhere in it
    replaced by a hostile JSON value (or removed)."""
    if isinstance(data, dict) and data:
        key = draw(st.sampled_from(sorted(data, key=str)))
        copy = dict(data)
        if draw(st.booleans()):
            copy[key] = draw(mutated(data[key]))
        else:
            del copy[key]
        return copy
    if isinstance(data, list) and data:
        index = draw(st.integers(0, len(data) - 1))
        copy_list = list(data)
        copy_list[index] = draw(mutated(data[index]))
        return copy_list
    return draw(JSON_VALUES)


def _document_targets() -> list[Target]:
    targets = []
    for cls, sample in DOCUMENT_SAMPLES.items():
        document = unstructure(sample)
        # a deep copy: a call must not reach the sample's own document
        documents = st.one_of(mutated(document), JSON_VALUES).map(copy.deepcopy)
        targets.append(
            Target(
                f"structure({cls.__name__})",
                lambda d, cls=cls: structure(d, cls),
                (documents,),
            )
        )
        texts = st.one_of(
            documents.map(json.dumps), st.text(max_size=20), st.just("[" * 100_000)
        )
        targets.append(
            Target(
                f"from_json({cls.__name__})",
                lambda t, cls=cls: from_json(t, cls),
                (texts,),
            )
        )
    return targets


TARGETS = [
    *_money_targets(),
    *_client_and_pipeline_targets(),
    *_quota_and_commission_targets(),
    *_discount_and_reliability_targets(),
    *_analytics_and_report_targets(),
    *_document_targets(),
]


BY_NAME = {target.name: target for target in TARGETS}


def _param(target: Target) -> Any:
    return pytest.param(target.name, id=target.name)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 120 else f"{text[:119]}…"


@pytest.mark.parametrize("name", [_param(t) for t in TARGETS])
@settings(max_examples=EXAMPLES, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_any_input_works_or_raises_an_accountcore_error(
    name: str, data: st.DataObject
) -> None:
    target = BY_NAME[name]
    args = [
        data.draw(strategy, label=f"arg {n}") for n, strategy in enumerate(target.args)
    ]
    kwargs = {
        name: data.draw(strategy, label=name)
        for name, strategy in target.kwargs.items()
    }
    try:
        target.call(*args, **kwargs)
    except AccountcoreError:
        pass
    except Exception as error:
        shown = ", ".join(
            [*map(_shown, args), *(f"{k}={_shown(v)}" for k, v in kwargs.items())]
        )
        raise AssertionError(
            f"{target.name}({shown}) raised {type(error).__name__}: {_shown(str(error))}"
        ) from error


def test_every_target_has_a_distinct_name() -> None:
    names = [target.name for target in TARGETS]

    assert len(names) == len(set(names))


# --- the reproducers of issue 15, each with its message ---------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: validate_clients([None]),
            "clients[0] must be a Client, not NoneType (None).",
        ),
        (
            lambda: compare_scores(None, SCORE, CARD),
            "before must be a ReliabilityScore, not NoneType (None).",
        ),
        (
            lambda: credits_from(DEALS, period=JAN, calendar=set()),
            "calendar must be a FiscalCalendar, not set (set()).",
        ),
        (
            lambda: PIPELINE.advance(None, "needs", at=T0, by="ana"),
            "deal must be a Deal, not NoneType (None).",
        ),
        (
            lambda: forecast([None], period=JAN, currency="EUR"),
            "deals[0] must be a Deal, not NoneType (None).",
        ),
        (
            lambda: abc_analysis(None),
            "revenue must be a mapping of client id to Money, not NoneType (None).",
        ),
        (
            lambda: xyz_analysis({"C-1": [EUR, None]}),
            "monthly_revenue['C-1'][1] must be a Money, not NoneType (None).",
        ),
        (
            lambda: MonthlyReport.of(DEALS, CLIENTS, period=None, currency="EUR"),
            "period must be a Period, not NoneType (None).",
        ),
        (
            lambda: SCHEME.quote(None, client=ClientFacts(), on=DAY),
            "lines must be an iterable (a list or a tuple), not NoneType (None).",
        ),
        (
            lambda: CommissionPlan("p", "EUR", [], scope="monthly"),
            "scope='monthly' is not a valid choice: expected one of 'period', "
            "'year_to_date'.",
        ),
        (
            lambda: Client.prospect("C-1", "Acme", kind=None, owner="ana", at=T0),
            "kind=None is not a valid choice: expected one of 'corporate', "
            "'individual'.",
        ),
    ],
)
def test_a_wrong_argument_is_named_with_what_would_be_valid(
    call: Callable[[], object], message: str
) -> None:
    with pytest.raises(AccountcoreError) as caught:
        call()

    assert str(caught.value) == message
