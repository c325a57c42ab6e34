"""Definition files: a definition written and read back is equal, every
fault of a file is listed at once with its place, floats are refused."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import plans

from accountcore import Money, Period, Pipeline, Scorecard
from accountcore.commissions import CommissionPlan, Tier, Tiered
from accountcore.definitions import (
    KINDS,
    DefinitionFileError,
    Fault,
    dumps,
    kind_of,
    load,
    loads,
    save,
)
from accountcore.errors import AccountcoreError, InvalidChoiceError
from accountcore.quotas import Measure, Quota
from accountcore.testing.commissions import quotas
from accountcore.testing.discounts import schemes
from accountcore.testing.pipeline import pipelines

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"


def round_trips(definition: Any) -> None:
    for fmt in ("toml", "json"):
        text = dumps(definition, format=fmt)
        assert loads(text) == definition, text


# --- round trip ------------------------------------------------------------------


@settings(max_examples=40)
@given(plans())
def test_a_plan_written_and_read_is_equal(plan: CommissionPlan) -> None:
    round_trips(plan)


@settings(max_examples=40)
@given(schemes())
def test_a_discount_scheme_written_and_read_is_equal(scheme: Any) -> None:
    round_trips(scheme)


@settings(max_examples=20)
@given(pipelines())
def test_a_pipeline_written_and_read_is_equal(pipeline: Pipeline) -> None:
    round_trips(pipeline)


@settings(max_examples=40)
@given(st.lists(st.one_of(quotas("ana"), quotas("bo", "USD")), max_size=4))
def test_a_quota_schedule_written_and_read_is_equal(items: list[Quota]) -> None:
    round_trips(tuple(items))


def test_the_default_pipeline_and_scorecard_round_trip() -> None:
    round_trips(Pipeline.default())
    round_trips(Scorecard.default())


def test_a_quota_of_no_named_period_is_written_as_its_dates() -> None:
    odd = Quota(
        "bo", Period(dt.date(2026, 1, 5), dt.date(2026, 3, 1)), 5, Measure.DEALS_WON
    )
    text = dumps((odd,))
    assert 'period = { start = "2026-01-05", end = "2026-03-01" }' in text
    round_trips((odd,))


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_each_example_loads_as_its_kind_and_round_trips(path: Path) -> None:
    definition = load(path, kind=path.stem)
    assert kind_of(definition) == path.stem
    round_trips(definition)


def test_there_is_an_example_of_every_kind() -> None:
    assert {p.stem for p in EXAMPLES.glob("*.toml")} == set(KINDS)


def test_save_writes_toml_or_json_by_the_name(tmp_path: Path) -> None:
    plan = load(EXAMPLES / "commission_plan.toml")
    save(plan, tmp_path / "plan.toml")
    save(plan, tmp_path / "plan.json")
    assert (
        tomllib.loads((tmp_path / "plan.toml").read_text())["kind"] == "commission_plan"
    )
    assert json.loads((tmp_path / "plan.json").read_text())["kind"] == "commission_plan"
    assert load(tmp_path / "plan.toml") == plan == load(str(tmp_path / "plan.json"))


def test_money_and_periods_may_be_written_as_tables() -> None:
    text = """
kind = "quota_schedule"
[[quotas]]
owner = "ana"
period = { start = "2026-01-01", end = "2026-04-01" }
target = { amount = "100.00", currency = "EUR" }
"""
    assert loads(text) == (
        Quota("ana", Period.quarter(2026, 1), Money("100.00", "EUR")),
    )


def test_a_written_string_survives_quotes_and_control_characters() -> None:
    plan = CommissionPlan(
        'say "hi"\\\t\x7f ü', "EUR", (Tiered("t", (Tier("0", None, "0.05"),)),)
    )
    round_trips(plan)


# --- faults ------------------------------------------------------------------------

PLAN_HEAD = 'kind = "commission_plan"\nname = "AM"\ncurrency = "EUR"\n'


def faults_of(text: str, kind: str | None = None) -> list[str]:
    with pytest.raises(DefinitionFileError) as caught:
        loads(text, kind)
    return [str(f) for f in caught.value.faults]


def test_a_float_rate_is_refused_naming_the_key_and_how_to_quote_it() -> None:
    text = PLAN_HEAD + '[[components]]\ntype = "flat_rate"\nname = "c"\nrate = 0.05\n'
    assert faults_of(text) == [
        "components[0].rate: 0.05 is a binary float, not an exact decimal: "
        'quote it, rate = "0.05"'
    ]


def test_a_float_in_json_is_refused_too() -> None:
    text = '{"kind": "quota_schedule", "quotas": [{"owner": "a", "period": "2026", "target": 1e3}]}'
    assert faults_of(text) == [
        'quotas[0].target: 1e3 is a binary float, not an exact decimal: quote it, "target": "1e3"'
    ]


def test_every_fault_is_listed_at_once_in_file_order() -> None:
    text = PLAN_HEAD + (
        '[[components]]\ntype = "base_salary"\nname = "s"\namount = "9000 euro"\n'
        '[[components]]\ntype = "tiered"\nname = "t"\n'
        '[[components.tiers]]\nlower = "0"\nrate = 0.5\n'
        '[[components.tiers]]\nlower = "x"\nrate = "0.1"\n'
        '[[components]]\ntype = "caps"\nname = "c"\n'
    )
    faults = faults_of(text)
    assert [f.split(":")[0] for f in faults] == [
        "components[0].amount",
        "components[1].tiers[0].rate",
        "components[1].tiers[1].lower",
        "components[2]",
    ]
    assert "'9000 euro'" in faults[0]
    assert "'x'" in faults[2]
    assert "'caps'" in faults[3]


def test_a_definitions_own_faults_are_listed_one_by_one() -> None:
    text = PLAN_HEAD + (
        '[[components]]\ntype = "tiered"\nname = "t"\n'
        'tiers = [{lower = "0", upper = "1", rate = "0.05"}, {lower = "2", rate = "-0.08"}]\n'
    )
    assert faults_of(text) == [
        "components[0]: Tiered 't': tier 2 rate must not be below 0, got -0.08",
        "components[0]: Tiered 't': tier 2 starts at 2, leaving a gap after 1",
    ]


def test_a_syntax_error_names_its_line() -> None:
    with pytest.raises(DefinitionFileError) as caught:
        loads('kind = "pipeline"\n\nname = \n', kind="pipeline")
    (fault,) = caught.value.faults
    assert fault.line == 3
    assert str(fault) == "line 3: not TOML: Invalid value (column 8)"


def test_a_json_syntax_error_names_its_line() -> None:
    (fault,) = faults_of('{"kind": "pipeline",\n "name": }')
    assert fault == "line 2: not JSON: Expecting value (column 10)"


def test_the_kind_must_be_said_and_known_and_agree() -> None:
    assert faults_of('name = "x"\n')[0].startswith(
        "kind: the file does not say what it defines: add kind = one of 'commission_plan'"
    )
    assert faults_of('kind = "plan"\n')[0].startswith(
        "kind: unknown kind 'plan': expected one of"
    )
    assert faults_of('kind = "scorecard"\nname = "x"\n', "pipeline")[0] == (
        "kind: the file defines a scorecard, but a pipeline was asked for"
    )


def test_a_bad_period_is_named() -> None:
    text = 'kind = "quota_schedule"\n[[quotas]]\nowner = "a"\nperiod = "2026-Q5"\ntarget = 3\nmeasure = "deals_won"\n'
    assert faults_of(text) == [
        "quotas[0].period: expected a period such as '2026' (a year), '2026-Q1' "
        "(a quarter) or '2026-01' (a month), or a table with start and end dates, "
        "got '2026-Q5'"
    ]


def test_a_quota_schedule_holds_only_quotas() -> None:
    assert faults_of('kind = "quota_schedule"\nowners = []\n') == [
        "(the file): unknown keys ['owners']: expected quotas"
    ]


def test_a_file_that_is_not_a_table_is_refused() -> None:
    with pytest.raises(DefinitionFileError) as caught:
        loads("[1, 2]", "pipeline", format="json")
    assert [str(f) for f in caught.value.faults] == [
        "(the file): expected a table of keys, got [1, 2]"
    ]


def test_a_missing_file_is_a_definition_file_error(tmp_path: Path) -> None:
    with pytest.raises(DefinitionFileError) as caught:
        load(tmp_path / "nowhere.toml")
    assert "nowhere.toml" in str(caught.value)
    assert "cannot be read" in str(caught.value)


def test_the_error_is_a_value_error_of_the_family() -> None:
    with pytest.raises(DefinitionFileError) as caught:
        loads("x = ")
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, AccountcoreError)
    assert caught.value.source == "the text"


def test_a_long_list_of_faults_is_cut_in_the_message_but_kept_whole() -> None:
    error = DefinitionFileError(
        "f.toml", "pipeline", [Fault(f"k{i}", "bad") for i in range(60)]
    )
    assert len(error.faults) == 60
    assert str(error).endswith("… and 10 more faults")


def test_an_unknown_kind_or_format_argument_is_refused() -> None:
    with pytest.raises(InvalidChoiceError, match="'plan'"):
        loads('name = "x"', kind="plan")
    with pytest.raises(InvalidChoiceError, match="'yaml'"):
        dumps(Pipeline.default(), format="yaml")
    with pytest.raises(InvalidChoiceError, match="'Money'"):
        dumps(Money("1", "EUR"))
