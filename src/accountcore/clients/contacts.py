"""Contact persons on a client, and the roles they play in buying.

A :class:`Contact` is a person at a client: a name, how to reach them, and
their :class:`ContactRole` roles (decision maker, influencer, user,
finance…). A deal names the contacts it involves with one role each
(:class:`DealContact`). Role names are codes; show them through
:attr:`ContactRole.label`, never inside a sentence.

>>> mari = Contact("P-1", "C-1", "Mari Maasikas", roles=("decision_maker", "finance"))
>>> [role.label.render("et_EE") for role in mari.roles]
['otsustaja', 'finantsjuht']
>>> [c.name for c in contacts_in_role([mari], "C-1", ContactRole.FINANCE)]
['Mari Maasikas']
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs

from accountcore.clients.errors import ContactError
from accountcore.errors import check_choice, check_items, check_type
from accountcore.i18n import Message

__all__ = ["Contact", "ContactRole", "DealContact", "contacts_in_role"]


class ContactRole(enum.Enum):
    """The part a contact person plays in the client's buying.

    >>> ContactRole("decision_maker").label.render("en")
    'decision maker'
    """

    DECISION_MAKER = "decision_maker"
    INFLUENCER = "influencer"
    USER = "user"
    FINANCE = "finance"
    TECHNICAL = "technical"
    PURCHASING = "purchasing"
    CHAMPION = "champion"
    OTHER = "other"

    @property
    def label(self) -> Message:
        """The role's name, as a message to render in any locale.

        >>> ContactRole.CHAMPION.label.render("ja_JP")
        '推進者'
        """
        return Message.of(f"clients.contact_role.{self.value}")


def _nonblank(_instance: object, attribute: Any, value: Any) -> None:
    text = check_type(attribute.name, value, str, "a non-blank str")
    if not text.strip():
        raise ContactError(attribute.name, value, "give a non-blank text")


def _optional(instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _nonblank(instance, attribute, value)


def _bool(_instance: object, attribute: Any, value: Any) -> None:
    check_type(attribute.name, value, bool)


def _role(value: object) -> ContactRole:
    return check_choice("role", value, ContactRole)


def _roles(values: Iterable[object]) -> tuple[ContactRole, ...]:
    items = check_items("roles", values, (ContactRole, str))
    roles = [
        check_choice(f"roles[{i}]", item, ContactRole) for i, item in enumerate(items)
    ]
    return tuple(dict.fromkeys(roles))


@attrs.frozen
class Contact:
    """A person at a client, with their roles (each role once, in the order
    given) and, where known, a job title, e-mail and phone. ``active`` is
    false for a person who left the client (kept for the history).

    >>> Contact("P-1", "C-1", "Mari", roles=["user", "user"]).roles
    (<ContactRole.USER: 'user'>,)
    >>> Contact("P-1", "C-1", " ")
    Traceback (most recent call last):
    ...
    accountcore.clients.errors.ContactError: name=' ' is invalid: give a non-blank text.
    """

    id: str = attrs.field(validator=_nonblank)
    client_id: str = attrs.field(validator=_nonblank)
    name: str = attrs.field(validator=_nonblank)
    roles: tuple[ContactRole, ...] = attrs.field(default=(), converter=_roles)
    title: str | None = attrs.field(default=None, validator=_optional)
    email: str | None = attrs.field(default=None, validator=_optional)
    phone: str | None = attrs.field(default=None, validator=_optional)
    active: bool = attrs.field(default=True, validator=_bool)

    def has_role(self, role: ContactRole | str) -> bool:
        """Whether the person plays ``role``.

        >>> Contact("P-1", "C-1", "Mari", roles=("finance",)).has_role("finance")
        True
        """
        return check_choice("role", role, ContactRole) in self.roles


@attrs.frozen
class DealContact:
    """A contact person involved in a deal, and the role they play in it.

    >>> DealContact("P-1", "decision_maker").role
    <ContactRole.DECISION_MAKER: 'decision_maker'>
    """

    contact_id: str = attrs.field(validator=_nonblank)
    role: ContactRole = attrs.field(converter=_role)


def contacts_in_role(
    contacts: Iterable[Contact], client_id: str, role: ContactRole | str
) -> tuple[Contact, ...]:
    """The active contacts of ``client_id`` who play ``role``, by name.

    >>> people = [Contact("P-2", "C-1", "Jaan", roles=("user",)),
    ...           Contact("P-1", "C-1", "Anu", roles=("user",), active=False)]
    >>> [c.name for c in contacts_in_role(people, "C-1", "user")]
    ['Jaan']
    """
    wanted = check_choice("role", role, ContactRole)
    return tuple(
        sorted(
            (
                c
                for c in check_items("contacts", contacts, Contact)
                if c.client_id == client_id and c.active and wanted in c.roles
            ),
            key=lambda c: (c.name, c.id),
        )
    )
