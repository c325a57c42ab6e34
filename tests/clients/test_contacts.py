"""Contact persons on a client and their roles."""

from __future__ import annotations

import pytest

from accountcore.clients import Contact, ContactRole, DealContact, contacts_in_role
from accountcore.clients.errors import ContactError
from accountcore.errors import ArgumentTypeError, InvalidChoiceError
from accountcore.i18n import LANGUAGES


def test_roles_are_kept_once_in_the_order_given() -> None:
    mari = Contact("P-1", "C-1", "Mari", roles=["finance", "decision_maker", "finance"])

    assert mari.roles == (ContactRole.FINANCE, ContactRole.DECISION_MAKER)
    assert mari.has_role("decision_maker")
    assert not mari.has_role(ContactRole.USER)


def test_contacts_in_role_are_the_clients_active_ones_by_name() -> None:
    people = [
        Contact("P-1", "C-1", "Toomas", roles=("decision_maker",)),
        Contact("P-2", "C-1", "Anu", roles=("decision_maker",)),
        Contact("P-3", "C-1", "Left", roles=("decision_maker",), active=False),
        Contact("P-4", "C-2", "Other", roles=("decision_maker",)),
    ]

    found = contacts_in_role(people, "C-1", "decision_maker")

    assert [c.name for c in found] == ["Anu", "Toomas"]


@pytest.mark.parametrize(
    ("kwargs", "error", "named"),
    [
        ({"name": ""}, ContactError, "name=''"),
        ({"email": " "}, ContactError, "email=' '"),
        ({"roles": ["boss"]}, InvalidChoiceError, "roles\\[0\\]='boss'"),
        ({"roles": "user"}, ArgumentTypeError, "roles must be"),
        ({"active": "yes"}, ArgumentTypeError, "active must be a bool"),
    ],
)
def test_a_bad_value_is_refused_naming_it(
    kwargs: dict[str, object], error: type[Exception], named: str
) -> None:
    fields: dict[str, object] = {"id": "P-1", "client_id": "C-1", "name": "Mari"}
    fields.update(kwargs)

    with pytest.raises(error, match=named):
        Contact(**fields)  # type: ignore[arg-type]


def test_a_deal_contact_has_one_role() -> None:
    assert DealContact("P-1", "influencer").role is ContactRole.INFLUENCER
    with pytest.raises(InvalidChoiceError, match="role='buyer'"):
        DealContact("P-1", "buyer")


@pytest.mark.parametrize("role", list(ContactRole))
def test_every_role_has_a_name_in_every_language(role: ContactRole) -> None:
    english = role.label.render("en")
    for language in LANGUAGES:
        text = role.label.render(language)
        assert text
        assert language == "en" or text != english or role is ContactRole.OTHER
