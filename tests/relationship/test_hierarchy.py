"""The team hierarchy: who reports to whom, dated."""

from __future__ import annotations

import datetime as dt

import pytest

from accountcore.relationship import Hierarchy, ReportingLine
from accountcore.relationship.errors import HierarchyError, RelationshipInputError

DAY = dt.date(2026, 1, 1)


def test_a_manager_change_holds_from_its_day_and_the_past_stays() -> None:
    h = Hierarchy([ReportingLine("ana", "mia", DAY)]).with_change(
        "ana", "vera", dt.date(2026, 5, 1)
    )

    assert h.manager_of("ana", dt.date(2026, 4, 30)) == "mia"
    assert h.manager_of("ana", dt.date(2026, 5, 1)) == "vera"
    assert h.reports_of("mia", dt.date(2026, 5, 1)) == ()


def test_the_team_is_everyone_below_or_the_levels_asked() -> None:
    h = Hierarchy(
        [
            ReportingLine("mia", "vera", DAY),
            ReportingLine("ana", "mia", DAY),
            ReportingLine("bob", "ana", DAY),
        ]
    )

    assert h.team_of("vera", DAY) == ("ana", "bob", "mia")
    assert h.team_of("vera", DAY, levels=1) == ("mia",)
    assert h.managers(DAY) == ("ana", "mia", "vera")


def test_a_circle_of_reports_is_refused_naming_everyone_in_it() -> None:
    lines = [
        ReportingLine("ana", "bob", DAY),
        ReportingLine("bob", "ana", dt.date(2026, 2, 1)),
    ]

    with pytest.raises(
        HierarchyError,
        match="on 2026-02-01 'ana' reports to themselves through 'ana' → 'bob' → 'ana'",
    ):
        Hierarchy(lines)


def test_two_lines_of_one_member_on_one_day_are_refused() -> None:
    with pytest.raises(
        HierarchyError, match="'ana' has two reporting lines on 2026-01-01"
    ):
        Hierarchy([ReportingLine("ana", "bob", DAY), ReportingLine("ana", "mia", DAY)])


def test_reporting_to_oneself_and_zero_levels_are_refused() -> None:
    with pytest.raises(RelationshipInputError, match="manager='ana'"):
        ReportingLine("ana", "ana", DAY)
    with pytest.raises(RelationshipInputError, match="levels=0"):
        Hierarchy().team_of("ana", DAY, levels=0)
