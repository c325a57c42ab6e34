"""A deal's contact roles replace its single contact name: new deals store
the roles, deals stored with a name still read (the name in the role
``other``), and the history replays to the same contacts on both paths."""

from __future__ import annotations

import json
import sqlite3
import warnings
from contextlib import closing
from pathlib import Path
from typing import Any

import pendulum
import pytest

from accountcore.clients import ContactRole, DealContact
from accountcore.pipeline import ContactChange, DealContactsChange, Pipeline
from accountcore.pipeline._codec import GENERIC
from accountcore.serialization import converter, from_json, to_json
from accountcore.storage import SQLiteStore

T0 = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Tallinn")
BUYER = DealContact("P-1", ContactRole.DECISION_MAKER)
PAYER = DealContact("P-2", ContactRole.FINANCE)


def _deal(**kwargs: Any) -> Any:
    return Pipeline.default().new_deal(
        "D-1", client_id="C-1", owner="anna", at=T0, by="anna", **kwargs
    )


def test_a_new_deal_keeps_its_contacts_in_their_roles() -> None:
    deal = _deal(contacts=[BUYER, PAYER])

    assert deal.contacts == (BUYER, PAYER)
    assert [c.role.label.render("et_EE") for c in deal.contacts] == [
        ContactRole.DECISION_MAKER.label.render("et_EE"),
        ContactRole.FINANCE.label.render("et_EE"),
    ]


def test_the_contact_requirement_is_met_by_a_contact_role() -> None:
    p = Pipeline.default()
    deal = _deal(amount=None)

    with_role = deal.with_contacts([BUYER], at=T0.add(hours=1), by="anna")

    at = T0.add(hours=3)
    needs = p.advance(deal, "needs", at=T0.add(hours=2), by="anna")
    with_needs = p.advance(with_role, "needs", at=T0.add(hours=2), by="anna")

    assert not p.check(needs, "presentation", at=at).allowed
    assert p.check(with_needs, "presentation", at=at).allowed


def test_changing_the_contacts_is_recorded_and_replayed() -> None:
    deal = _deal(contacts=[BUYER])
    later = deal.with_contacts([BUYER, PAYER], at=T0.add(days=1), by="anna")

    event = later.history[-1]
    assert isinstance(event, DealContactsChange)
    assert (event.before, event.after) == ((BUYER,), (BUYER, PAYER))
    assert later.as_of(T0.add(hours=1)).contacts == (BUYER,)
    assert later.as_of(T0.add(days=2)).contacts == (BUYER, PAYER)


def test_the_same_contact_twice_in_one_role_is_refused_naming_the_value() -> None:
    deal = _deal()

    with pytest.raises(ValueError, match="P-1") as caught:
        deal.with_contacts([BUYER, BUYER], at=T0, by="anna")

    assert "listed twice" in str(caught.value)


def test_contacts_that_are_not_deal_contacts_are_refused_naming_the_value() -> None:
    with pytest.raises(TypeError, match="'Mari'"):
        _deal(contacts=["Mari"])


def test_the_name_shorthand_and_the_roles_together_are_refused() -> None:
    with pytest.raises(ValueError, match="'Mari'") as caught:
        _deal(contact="Mari", contacts=[BUYER])

    assert "not both" in str(caught.value)


def test_the_name_shorthand_is_a_contact_in_the_role_other() -> None:
    deal = _deal(contact="Mari Maasikas")

    assert deal.contacts == (DealContact("Mari Maasikas", ContactRole.OTHER),)
    assert deal.with_contact(None, at=T0, by="anna").contacts == ()


def test_the_old_contact_attribute_reads_for_one_release_with_a_warning() -> None:
    deal = _deal(contacts=[PAYER, BUYER])

    with pytest.warns(DeprecationWarning, match="Deal.contacts"):
        assert deal.contact == "P-2"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        assert _deal().contact is None


def _legacy(deal: Any, name: str | None) -> dict[str, Any]:
    """``deal``'s document as it was written before contact roles."""
    doc = converter.unstructure(deal)
    del doc["contacts"]
    doc["contact"] = name
    return doc


@pytest.mark.parametrize(
    ("name", "contacts"),
    [
        ("Mari Maasikas", (DealContact("Mari Maasikas", ContactRole.OTHER),)),
        (None, ()),
    ],
)
def test_a_deal_stored_with_a_contact_name_still_reads(
    name: str | None, contacts: tuple[DealContact, ...]
) -> None:
    doc = _legacy(_deal(), name)

    fast = converter.structure(doc, type(_deal()))
    generic = GENERIC["structure Deal"](_migrated(doc), type(_deal()))

    assert fast.contacts == contacts
    assert generic.contacts == contacts


def _migrated(doc: dict[str, Any]) -> dict[str, Any]:
    from accountcore.pipeline._codec import migrate_deal

    migrated: dict[str, Any] = migrate_deal(doc)
    return migrated


def test_an_old_history_of_contact_names_replays_to_the_same_contacts() -> None:
    deal = _deal()
    doc = _legacy(deal, "Jaan")
    doc["history"].append(
        {
            "at": "2026-03-03T09:00:00+02:00[Europe/Tallinn]",
            "by": "anna",
            "before": None,
            "after": "Jaan",
            "reason": None,
            "kind": "contact_change",
        }
    )

    read = converter.structure(doc, type(deal))

    assert isinstance(read.history[-1], ContactChange)
    assert read.contacts == (DealContact("Jaan", ContactRole.OTHER),)
    assert read.as_of(T0.add(hours=1)).contacts == ()  # before the change
    assert read.as_of(T0.add(days=2)).contacts == read.contacts


def test_a_new_deal_is_stored_with_its_roles_and_reads_back_the_same() -> None:
    deal = _deal(contacts=[BUYER]).with_contacts(
        [BUYER, PAYER], at=T0.add(days=1), by="anna"
    )

    text = to_json(deal)
    back = from_json(text, type(deal))

    assert json.loads(text)["contacts"] == [
        {"contact_id": "P-1", "role": "decision_maker"},
        {"contact_id": "P-2", "role": "finance"},
    ]
    assert "contact" not in json.loads(text)
    assert back.contacts == deal.contacts
    assert list(back.history) == list(deal.history)
    assert converter.unstructure(deal) == GENERIC["unstructure Deal"](deal)


def test_the_sqlite_store_reads_a_deal_stored_before_contact_roles(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    deal = _deal(contact="Mari Maasikas")
    with SQLiteStore(path) as store, store.unit_of_work() as uow:
        uow.deals.add(deal)
        uow.commit()
    with closing(sqlite3.connect(path)) as raw, raw:  # as an older version wrote it
        raw.execute(
            "UPDATE deals SET document = ? WHERE id = 'D-1'",
            (json.dumps(_legacy(deal, "Mari Maasikas")),),
        )

    with SQLiteStore(path) as store, store.unit_of_work() as uow:
        read = uow.deals.get("D-1")

    assert read.contacts == (DealContact("Mari Maasikas", ContactRole.OTHER),)
