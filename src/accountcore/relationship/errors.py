"""The errors of the relationship: activities, rhythm policies, delegations
and hand-overs given values they cannot work with.

Every one is an :class:`~accountcore.errors.AccountcoreError` (see
:mod:`accountcore.errors` for the family and its two branches).
"""

from __future__ import annotations

from accountcore.errors import DefinitionError, RuleViolation, _short

__all__ = ["DelegationConflictError", "RelationshipInputError", "HierarchyError"]


class RelationshipInputError(RuleViolation, ValueError):
    """A parameter or an input of the relationship functions that breaks a rule.

    >>> print(RelationshipInputError("every['key']", -1, "give whole days, 1 or more"))
    every['key']=-1 is invalid: give whole days, 1 or more.
    """

    parameter: str
    value: object
    reason: str

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"{parameter}={_short(value)} is invalid: {reason}.")


class DelegationConflictError(RuleViolation, ValueError):
    """Delegations that do not name exactly one person to act for an owner
    on a date: two covers of the same owner overlapping, or a chain of
    covers that leads back to someone away.

    >>> import datetime as dt
    >>> print(DelegationConflictError("anna", dt.date(2026, 3, 2), "covered by both 'boris' and 'carl'"))
    Delegations of 'anna' on 2026-03-02 conflict: covered by both 'boris' and 'carl'; give one cover per owner and day, to someone present.
    """

    owner: str
    on: object
    reason: str

    def __init__(self, owner: str, on: object, reason: str) -> None:
        self.owner = owner
        self.on = on
        self.reason = reason
        super().__init__(
            f"Delegations of {_short(owner, 40)} on {on} conflict: {reason}; "
            "give one cover per owner and day, to someone present."
        )


class HierarchyError(DefinitionError):
    """A team hierarchy that cannot hold: two reporting lines of a member on
    one day, or a circle of reports (every fault at once).

    >>> print(HierarchyError("Hierarchy", ["'ana' has two reporting lines on 2026-01-01"]))
    Hierarchy is invalid (1 fault):
      - 'ana' has two reporting lines on 2026-01-01
    """
