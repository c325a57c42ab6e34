"""The errors of :mod:`accountcore.definitions`: a definition file with
faults, every one listed with its place.

Every one is an :class:`~accountcore.errors.AccountcoreError`.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from accountcore.errors import RuleViolation, _short

__all__ = [
    "DefinitionFileError",
    "Fault",
]

MAX_FAULTS_SHOWN = 50
"""The most faults one message lists (all of them stay on ``faults``)."""


@attrs.frozen
class Fault:
    """One fault of a definition file: where it is and what is wrong.

    ``place`` is the key path (``components[2].tiers[0].rate``; ``""`` for
    the file as a whole); ``line`` is the line when the parser gives one.

    >>> str(Fault("components[0].rate", "expected a decimal string"))
    'components[0].rate: expected a decimal string'
    >>> print(Fault("", "expected '=' after a key", line=3))
    line 3: expected '=' after a key
    """

    place: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.place or "(the file)"
        if self.line is not None:
            where = f"line {self.line}" + (f", {self.place}" if self.place else "")
        return f"{where}: {self.message}"


class DefinitionFileError(RuleViolation, ValueError):
    """A definition file that does not load: every fault at once, each with
    its place in the file.

    >>> error = DefinitionFileError("plan.toml", "commission_plan", [
    ...     Fault("components[0].rate", 'a TOML float (0.05) is binary, not exact: quote it, rate = "0.05"'),
    ...     Fault("currency", "required field missing"),
    ... ])
    >>> print(error)
    plan.toml does not load as a commission_plan (2 faults):
      - components[0].rate: a TOML float (0.05) is binary, not exact: quote it, rate = "0.05"
      - currency: required field missing
    >>> error.faults[1].place
    'currency'
    """

    source: str
    kind: str | None
    faults: tuple[Fault, ...]

    def __init__(self, source: str, kind: str | None, faults: Iterable[Fault]) -> None:
        self.source = source
        self.kind = kind
        self.faults = tuple(faults)
        count = len(self.faults)
        noun = "fault" if count == 1 else "faults"
        shown = [str(fault) for fault in self.faults[:MAX_FAULTS_SHOWN]]
        if count > MAX_FAULTS_SHOWN:
            shown.append(f"… and {count - MAX_FAULTS_SHOWN} more faults")
        lines = "".join(f"\n  - {line}" for line in shown)
        what = f"a {kind}" if kind else "a definition"
        name = source if len(source) <= 120 else _short(source, 120)
        super().__init__(f"{name} does not load as {what} ({count} {noun}):{lines}")
