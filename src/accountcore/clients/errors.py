"""The errors of clients: a lifecycle move a client's status does not allow, a collection of clients that breaks a rule.

Every one is an :class:`~accountcore.errors.AccountcoreError` (see
:mod:`accountcore.errors` for the family and its two branches).
"""

from __future__ import annotations

from collections.abc import Iterable

from accountcore.errors import RuleViolation, _short

__all__ = ["ClientCollectionError", "ClientLifecycleError", "ContactError"]


class ClientLifecycleError(RuleViolation, ValueError):
    """A lifecycle change the client's status (or the change's data) forbids.

    >>> print(ClientLifecycleError("C-1", "prospect", "churn", "only an active or dormant client can churn"))
    Client 'C-1' is prospect: cannot churn (only an active or dormant client can churn).
    """

    client_id: str
    status: str
    change: str
    reason: str

    def __init__(self, client_id: str, status: str, change: str, reason: str) -> None:
        self.client_id = client_id
        self.status = status
        self.change = change
        self.reason = reason
        super().__init__(
            f"Client {client_id!r} is {status}: cannot {change} ({reason})."
        )


class ClientCollectionError(RuleViolation, ValueError):
    """A collection of clients that is inconsistent as a whole; lists every fault.

    >>> print(ClientCollectionError(["referral chain loops: A -> B -> A"]))
    The clients are inconsistent (1 fault):
      - referral chain loops: A -> B -> A
    """

    faults: tuple[str, ...]

    def __init__(self, faults: Iterable[str]) -> None:
        self.faults = tuple(faults)
        count = len(self.faults)
        noun = "fault" if count == 1 else "faults"
        lines = "".join(f"\n  - {fault}" for fault in self.faults)
        super().__init__(f"The clients are inconsistent ({count} {noun}):{lines}")


class ContactError(RuleViolation, ValueError):
    """A contact person (or a deal's contact) given a value it cannot hold.

    >>> print(ContactError("name", "", "give a non-blank text"))
    name='' is invalid: give a non-blank text.
    """

    parameter: str
    value: object
    reason: str

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"{parameter}={_short(value)} is invalid: {reason}.")
