"""Notebooks that show: short reprs, escaped and well-formed HTML in any
locale, records and frames with decimals (issue 17, item 4)."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from html.parser import HTMLParser

import attrs
import pytest

from accountcore.cli.demo_data import Quarter, build_quarter
from accountcore.commissions.ledger import Ledger
from accountcore.commissions.statement import (
    CommissionStatement,
    LineKind,
    StatementLine,
)
from accountcore.discounts import ClientFacts, DiscountScheme, QuoteLine
from accountcore.errors import (
    ArgumentTypeError,
    ExtraUnavailableError,
    InvalidLocaleError,
)
from accountcore.frames import statements_frame
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.pipeline import ForecastCategory, Outcome, Pipeline, Stage
from accountcore.reliability import ClientProfile, Scorecard
from accountcore.reports import QuarterlyResults

HOSTILE = "<script>alert('x')</script> & Co"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Co"
VOID = {"br", "hr", "img", "meta", "input", "col"}


class _Checker(HTMLParser):
    """Fails on a tag closed out of order or left open; gathers the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open, f"</{tag}> closes nothing"
        assert self.open.pop() == tag, f"</{tag}> closes another tag"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def well_formed(html: str) -> _Checker:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert checker.open == [], f"left open: {checker.open}"
    assert "script" not in checker.tags
    return checker


@pytest.fixture(scope="module")
def quarter() -> Quarter:
    return build_quarter()


def _statement(owner: str = "ana") -> CommissionStatement:
    lines = (
        StatementLine("salary", LineKind.FIXED, "base salary", Money("3000.00", "EUR")),
        StatementLine(
            HOSTILE,
            LineKind.VARIABLE,
            f"5% of {HOSTILE}",
            Money("50.01", "EUR"),
            Decimal("1000.10"),
            "EUR",
            Decimal("0.05"),
            ("D-1", "D-2"),
        ),
    )
    return CommissionStatement(
        owner, Period.month(2026, 1), "EUR", lines, Ledger.opening(owner, "EUR")
    )


def _quote(product: str = "pump") -> object:
    scheme = DiscountScheme(HOSTILE, "EUR", [])
    return scheme.quote(
        [QuoteLine(product, 2, Money("10.50", "EUR"))],
        client=ClientFacts(),
        on=dt.date(2026, 4, 1),
    )


def _pipeline() -> Pipeline:
    return Pipeline(
        "tiny",
        HOSTILE,
        (
            Stage(
                "open",
                "Open <b>",
                Decimal("0.5"),
                Outcome.OPEN,
                ForecastCategory.PIPELINE,
            ),
            Stage(
                "won", "Won & paid", Decimal(1), Outcome.WON, ForecastCategory.CLOSED
            ),
            Stage("lost", "Lost", Decimal(0), Outcome.LOST, ForecastCategory.OMITTED),
        ),
    )


# --- reprs ---------------------------------------------------------------------


def test_a_statement_repr_names_owner_period_total_and_count_not_deal_ids(
    quarter: Quarter,
) -> None:
    anna = quarter.statements["anna"]

    shown = repr(anna)

    assert shown == "<CommissionStatement 'anna' 2026-Q1: 17573.99 EUR, 6 lines>"
    deal_ids = {d for line in anna.lines for d in line.deals}
    assert deal_ids
    assert not any(d in shown for d in deal_ids)


def test_each_result_type_has_a_one_line_repr(quarter: Quarter) -> None:
    results = QuarterlyResults.of(
        quarter.deals,
        quarter.quotas,
        quarter.statements.values(),
        period=quarter.period,
        currency="EUR",
        calendar=quarter.calendar,
    )

    shown = [
        repr(quarter.quote),
        repr(quarter.scores[0]),
        repr(results),
        repr(quarter.pipeline),
    ]

    assert shown == [
        "<PriceQuote 'Tools 2026' 2026-03-03: 1871.05 EUR (373.75 off), 3 lines>",
        "<ReliabilityScore 'C-5' 85.28 band A on 2026-03-31, confidence 1.00>",
        "<QuarterlyResults 2026-Q1: 2 owners, won 167500.00 EUR>",
        "<Pipeline 'default' v1: 12 stages>",
    ]


# --- HTML ----------------------------------------------------------------------


def test_statement_html_escapes_every_text_and_is_well_formed() -> None:
    html = _statement(HOSTILE).to_html()

    checker = well_formed(html)

    assert ESCAPED in html
    assert "<script>" not in html
    assert f"{HOSTILE}, 2026-01" in "".join(checker.text)


@pytest.mark.parametrize(
    "show",
    [
        lambda: _quote(HOSTILE).to_html("lv_LV"),
        lambda: _pipeline().to_html("uk_UA"),
        lambda: _pipeline()._repr_html_(),
        lambda: attrs.evolve(
            Scorecard.default().score(ClientProfile("EUR"), on=dt.date(2026, 1, 1)),
            client_id=HOSTILE,
        ).to_html("ja_JP"),
    ],
    ids=["quote", "pipeline", "pipeline-repr", "score"],
)
def test_every_display_escapes_names_and_is_well_formed(show: object) -> None:
    html = show()  # type: ignore[operator]

    well_formed(html)

    assert ESCAPED in html
    assert "<script>" not in html


def test_a_report_renders_as_well_formed_html_in_its_locale(quarter: Quarter) -> None:
    results = QuarterlyResults.of(
        quarter.deals,
        quarter.quotas,
        quarter.statements.values(),
        period=quarter.period,
        currency="EUR",
        calendar=quarter.calendar,
    )

    html = results.to_html("et_EE")

    text = "".join(well_formed(html).text)
    # anna's won revenue, in Estonian digits
    assert Money("136500.00", "EUR").format("et_EE") in text
    assert results._repr_html_() == results.render("en_US", "html")


def test_statement_html_is_localised_money_by_money_format() -> None:
    statement = _statement()

    english = "".join(well_formed(statement._repr_html_()).text)
    estonian = "".join(well_formed(statement.to_html(locale="et_EE")).text)

    # 3000.00 + 50.01 = 3050.01
    assert Money("3050.01", "EUR").format("en_US") in english  # €3,050.01
    assert Money("3050.01", "EUR").format("et_EE") in estonian  # 3 050,01 €
    assert "Komponent" in estonian
    assert "Component" in english
    assert "põhipalk" not in estonian  # a line without a message keeps its text


def test_a_display_in_an_unknown_locale_names_it() -> None:
    with pytest.raises(InvalidLocaleError, match="xx_YY"):
        _statement().to_html("xx_YY")


def test_a_pipeline_shows_its_mermaid_diagram_as_markdown() -> None:
    pipeline = Pipeline.default()

    markdown = pipeline._repr_markdown_()

    assert markdown == f"```mermaid\n{pipeline.to_mermaid()}```\n"


def test_a_team_result_shows_its_summary(quarter: Quarter) -> None:
    pl = pytest.importorskip("polars")
    from accountcore.commissions import CommissionPlan, FlatRate
    from accountcore.frames import calculate_team

    plan = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.05"),))
    credits = pl.DataFrame(
        {
            "deal_id": ["D-1", "D-2"],
            "client_id": ["C-1", "C-2"],
            "owner": ["ana", HOSTILE],
            "amount": [Decimal("1000.10"), Decimal("250.00")],
            "currency": ["EUR", "EUR"],
            "credited_on": [dt.date(2026, 1, 5)] * 2,
        }
    )
    team = calculate_team(plan, credits, period=Period.month(2026, 1))

    html = team.to_html("lv_LV")

    text = "".join(well_formed(html).text)
    assert ESCAPED in html
    # 1000.10 × 5 % = 50.005, half up: 50,01 € in Latvian digits
    assert Money("50.01", "EUR").format("lv_LV") in text
    assert repr(team) == "<TeamResult 'flat' 2026-01: 2 owners>"


# --- records and frames --------------------------------------------------------


def test_statement_records_are_plain_dicts_with_decimals() -> None:
    records = _statement().to_records()

    assert records[1] == {
        "owner": "ana",
        "period": "2026-01",
        "line": 2,
        "component": HOSTILE,
        "kind": "variable",
        "description": f"5% of {HOSTILE}",
        "amount": Decimal("50.01"),
        "currency": "EUR",
        "basis": Decimal("1000.10"),
        "unit": "EUR",
        "rate": Decimal("0.05"),
        "deals": 2,
    }


def test_statement_frame_keeps_decimals_as_decimal_columns() -> None:
    pl = pytest.importorskip("polars")

    frame = _statement().to_frame()

    assert frame.schema["amount"] == pl.Decimal(38, 2)
    assert frame["amount"].sum() == Decimal("3050.01")  # 3000.00 + 50.01


def test_a_teams_statements_make_one_frame(quarter: Quarter) -> None:
    pl = pytest.importorskip("polars")

    frame = statements_frame(quarter.statements)

    by_owner = dict(frame.group_by("owner").agg(pl.col("amount").sum()).rows())
    assert by_owner == {o: s.total.amount for o, s in quarter.statements.items()}


def test_statements_frame_refuses_a_non_statement_naming_it() -> None:
    with pytest.raises(ArgumentTypeError, match="'nope'"):
        statements_frame({"ana": "nope"})  # type: ignore[dict-item]


def test_quote_and_score_records_keep_decimals(quarter: Quarter) -> None:
    quote = quarter.quote.to_records()
    factors = quarter.scores[0].to_records()

    # the quote's lines add up to its total: 1661.35 + 102.90 + 106.80 = 1871.05
    assert sum(r["total"] for r in quote) == Decimal("1871.05")
    assert factors[0] == {
        "factor": "payment",
        "weight": Decimal("0.35"),
        "points": Decimal("78.00"),
        "coverage": Decimal(1),
    }


def test_to_frame_without_polars_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "polars", None)  # import polars fails

    with pytest.raises(ExtraUnavailableError, match="'polars'") as caught:
        _statement().to_frame()

    assert caught.value.extra == "frames"
    assert "pip install 'accountcore[frames]'" in str(caught.value)
    assert isinstance(caught.value, ImportError)
