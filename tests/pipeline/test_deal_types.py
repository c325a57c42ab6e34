"""Deal types and lead sources: set at creation, kept through every move,
stored and read back; old documents read as new business."""

from __future__ import annotations

import pytest

from accountcore.clients import Client, ClientKind
from accountcore.errors import InvalidChoiceError
from accountcore.pipeline import Deal, DealType, deal_type_label
from accountcore.pipeline._codec import GENERIC
from accountcore.pipeline.errors import DealChangeError
from accountcore.serialization import converter
from tests.helpers import SALES, T0, eur


def _renewal() -> Deal:
    deal = SALES.new_deal(
        "D-1",
        client_id="C-1",
        owner="anna",
        at=T0,
        by="anna",
        deal_type="renewal",
        lead_source="fair",
    )
    return deal.with_amount(eur("900.00"), at=T0.add(hours=1), by="anna")


def test_a_deal_is_new_business_unless_told_otherwise() -> None:
    deal = SALES.new_deal("D-1", client_id="C-1", owner="anna", at=T0, by="anna")

    assert deal.deal_type is DealType.NEW_BUSINESS
    assert deal.lead_source is None


def test_type_and_lead_source_survive_moves_and_time_travel() -> None:
    deal = SALES.advance(_renewal(), "preparation", at=T0.add(days=1), by="anna")

    assert (deal.deal_type, deal.lead_source) == (DealType.RENEWAL, "fair")
    assert deal.as_of(T0).deal_type is DealType.RENEWAL
    assert deal.as_of(T0).lead_source == "fair"


def test_type_and_lead_source_are_stored_and_read_back() -> None:
    deal = _renewal()

    document = converter.unstructure(deal)
    back = converter.structure(document, Deal)

    assert document["deal_type"] == "renewal"
    assert document["lead_source"] == "fair"
    assert (back.deal_type, back.lead_source) == (DealType.RENEWAL, "fair")
    assert document == GENERIC["unstructure Deal"](deal)


def test_a_deal_stored_before_deal_types_reads_as_new_business() -> None:
    document = converter.unstructure(_renewal())
    del document["deal_type"], document["lead_source"]

    back = converter.structure(document, Deal)

    assert back.deal_type is DealType.NEW_BUSINESS
    assert back.lead_source is None


def test_a_client_carries_its_lead_source_stored_and_read_back() -> None:
    client = Client.prospect(
        "C-1", "Acme", kind=ClientKind.CORPORATE, owner="anna", at=T0,
        lead_source="referral",
    )  # fmt: skip
    document = converter.unstructure(client)
    old = {k: v for k, v in document.items() if k != "lead_source"}

    assert converter.structure(document, Client).lead_source == "referral"
    assert converter.structure(old, Client).lead_source is None
    assert document == GENERIC["unstructure Client"](client)


def test_an_unknown_deal_type_is_refused_naming_it() -> None:
    with pytest.raises(InvalidChoiceError) as info:
        SALES.new_deal(
            "D-1", client_id="C", owner="a", at=T0, by="a", deal_type="resale"
        )

    assert "'resale'" in str(info.value)
    assert "'renewal'" in str(info.value)


def test_a_blank_lead_source_is_refused_naming_it() -> None:
    with pytest.raises(DealChangeError) as info:
        SALES.new_deal("D-1", client_id="C", owner="a", at=T0, by="a", lead_source=" ")

    assert "' '" in str(info.value)
    assert "non-blank" in str(info.value)


def test_deal_types_are_named_through_the_catalog_in_every_language() -> None:
    names = {
        locale: deal_type_label(DealType.RENEWAL).render(locale)
        for locale in ("en", "et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV")
    }

    assert names["en"] == "Renewal"
    assert len(set(names.values())) == 6
    assert all("renewal" not in name for name in names.values())


def test_upsell_and_cross_sell_are_the_expansions() -> None:
    assert {t for t in DealType if t.is_expansion} == {
        DealType.UPSELL,
        DealType.CROSS_SELL,
    }
