"""Who reports to whom, dated: the team hierarchy of account managers.

A :class:`ReportingLine` says that ``member`` reports to ``manager`` from
``since`` on (``manager=None``: to no one, the top); the latest line of a
member on or before a day is the one that holds. A manager change is a new
line (:meth:`Hierarchy.with_change`); the old one stays, so any past day's
hierarchy can be asked again. A hierarchy in which anyone would report to
themselves, on any day, is refused when it is built.

>>> import datetime as dt
>>> h = Hierarchy([
...     ReportingLine("vera", None, dt.date(2026, 1, 1)),
...     ReportingLine("mia", "vera", dt.date(2026, 1, 1)),
...     ReportingLine("ana", "mia", dt.date(2026, 1, 1)),
...     ReportingLine("bob", "mia", dt.date(2026, 1, 1)),
... ]).with_change("bob", "vera", dt.date(2026, 4, 1))
>>> h.team_of("mia", dt.date(2026, 3, 31)), h.team_of("mia", dt.date(2026, 4, 1))
(('ana', 'bob'), ('ana',))
>>> h.manager_of("bob", dt.date(2026, 4, 1)), h.team_of("vera", dt.date(2026, 4, 1))
('vera', ('ana', 'bob', 'mia'))
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs

from accountcore.errors import check_items, check_type
from accountcore.relationship.errors import HierarchyError, RelationshipInputError

__all__ = ["Hierarchy", "ReportingLine"]


def _name(parameter: str, value: object) -> str:
    text = check_type(parameter, value, str)
    if not text.strip():
        raise RelationshipInputError(parameter, value, "give a non-empty name")
    return text


@attrs.frozen
class ReportingLine:
    """``member`` reports to ``manager`` (``None``: to no one) from ``since``.

    ``id`` (``member@since``) keys it in storage.

    >>> ReportingLine("ana", "ana", _dt.date(2026, 1, 1))
    Traceback (most recent call last):
    ...
    accountcore.relationship.errors.RelationshipInputError: manager='ana' is invalid: a member cannot report to themselves.
    """

    member: str
    manager: str | None
    since: _dt.date

    def __attrs_post_init__(self) -> None:
        _name("member", self.member)
        if self.manager is not None:
            _name("manager", self.manager)
        check_type("since", self.since, _dt.date)
        if self.manager == self.member:
            raise RelationshipInputError(
                "manager", self.manager, "a member cannot report to themselves"
            )

    @property
    def id(self) -> str:
        """``member@since``: one line per member and day.

        >>> ReportingLine("ana", "mia", _dt.date(2026, 1, 1)).id
        'ana@2026-01-01'
        """
        return f"{self.member}@{self.since.isoformat()}"


def _lines(values: Iterable[ReportingLine]) -> tuple[ReportingLine, ...]:
    items = check_items("lines", values, ReportingLine)
    return tuple(sorted(items, key=lambda line: (line.member, line.since)))


@attrs.frozen
class Hierarchy:
    """Reporting lines of a team over time, checked when built: one line
    per member and day, and no circle of reports on any day.

    >>> day = _dt.date(2026, 1, 1)
    >>> Hierarchy([ReportingLine("ana", "mia", day), ReportingLine("mia", "ana", day)])
    Traceback (most recent call last):
    ...
    accountcore.relationship.errors.HierarchyError: Hierarchy is invalid (1 fault):
      - on 2026-01-01 'ana' reports to themselves through 'ana' → 'mia' → 'ana'
    """

    lines: tuple[ReportingLine, ...] = attrs.field(default=(), converter=_lines)

    def __attrs_post_init__(self) -> None:
        faults: list[str] = []
        seen: set[str] = set()
        for line in self.lines:
            if line.id in seen:
                faults.append(
                    f"{line.member!r} has two reporting lines on {line.since}"
                )
            seen.add(line.id)
        for day in sorted({line.since for line in self.lines}):
            faults += self._circles(day)
        if faults:
            raise HierarchyError("Hierarchy", faults)

    def _circles(self, day: _dt.date) -> list[str]:
        managers = self.managers_on(day)
        faults = []
        reported: set[str] = set()
        for start in sorted(managers):
            path = [start]
            current = managers.get(start)
            while current is not None and current not in path:
                path.append(current)
                current = managers.get(current)
            if current == start and start not in reported:
                reported.update(path)
                chain = " → ".join(repr(name) for name in [*path, start])
                faults.append(
                    f"on {day} {start!r} reports to themselves through {chain}"
                )
        return faults

    def managers_on(self, on: _dt.date) -> dict[str, str | None]:
        """Each member's manager on ``on`` (members with a line by then).

        >>> Hierarchy([ReportingLine("ana", "mia", _dt.date(2026, 2, 1))]).managers_on(_dt.date(2026, 1, 1))
        {}
        """
        check_type("on", on, _dt.date)
        found: dict[str, str | None] = {}
        for line in self.lines:  # sorted by member, then day: the latest wins
            if line.since <= on:
                found[line.member] = line.manager
        return found

    def manager_of(self, member: str, on: _dt.date) -> str | None:
        """Whom ``member`` reports to on ``on`` (``None``: no one)."""
        return self.managers_on(on).get(member)

    def reports_of(self, manager: str, on: _dt.date) -> tuple[str, ...]:
        """Who reports directly to ``manager`` on ``on``, sorted."""
        managers = self.managers_on(on)
        return tuple(sorted(m for m, boss in managers.items() if boss == manager))

    def team_of(
        self, manager: str, on: _dt.date, *, levels: int | None = None
    ) -> tuple[str, ...]:
        """Everyone below ``manager`` on ``on`` (``levels=1``: the direct
        reports only), sorted; the manager is not in it."""
        if levels is not None and (check_type("levels", levels, int) < 1):
            raise RelationshipInputError("levels", levels, "give 1 or more, or None")
        managers = self.managers_on(on)
        below: dict[str | None, list[str]] = {}
        for member, boss in managers.items():
            below.setdefault(boss, []).append(member)
        team: list[str] = []
        level, current = 0, [manager]
        while current and (levels is None or level < levels):
            current = [m for boss in current for m in below.get(boss, [])]
            team += current
            level += 1
        return tuple(sorted(team))

    def managers(self, on: _dt.date) -> tuple[str, ...]:
        """Everyone with at least one report on ``on``, sorted."""
        return tuple(
            sorted({boss for boss in self.managers_on(on).values() if boss is not None})
        )

    def with_change(
        self, member: str, manager: str | None, since: _dt.date
    ) -> Hierarchy:
        """The hierarchy with ``member`` reporting to ``manager`` from ``since``."""
        return Hierarchy((*self.lines, ReportingLine(member, manager, since)))
