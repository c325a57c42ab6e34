"""The column engine on the ERP-style rules (issue 21, points 11-13 and 17):
the same answer as the object path, owner by owner and line by line.

The general differential test (test_engine.py) draws these kinds among all
the others; this one draws plans of them alone, so each is met often.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from strategies import Scenario, scenarios
from test_engine import (
    _expected_paths,
    _object_team,
    assert_ledgers_match,
    assert_tables_match,
    frame_of,
)

from accountcore import frames

pytest.importorskip("polars")

RULE_KINDS = ("flat-filtered", "fixed", "rules", "sections", "cap")


@settings(max_examples=150)
@given(scenarios(kinds=RULE_KINDS, quota_kinds=("money", "none")))
def test_the_rules_pay_on_columns_what_they_pay_as_objects(scenario: Scenario):
    expected = _object_team(scenario)
    table = frame_of(scenario.credits, scenario.plan.currency)

    def run() -> Any:
        return frames.calculate_team(
            scenario.plan,
            table,
            period=scenario.period,
            quotas=list(scenario.quotas),
            owners=scenario.owners,
        )

    if isinstance(expected, Exception):
        with pytest.raises(type(expected)):
            run()
        return
    team = run()
    assert_tables_match(team, scenario.plan, expected, scenario.quotas)
    assert_ledgers_match(team, expected)
    assert team.paths == _expected_paths(scenario, sorted(expected))
