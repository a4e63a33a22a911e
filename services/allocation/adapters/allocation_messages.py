"""iJw mapping for JW301 (both ways) and the JW302 retour: the only place where JW301/JW302
element meanings meet the allocation domain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from services.allocation.domain.allocation import AllocationVersion
from services.allocation.domain.values import Extent, Product
from shared.ijw.model import allocation as jw
from shared.ijw.model.basis import BirthDate, FullName, Header, MessageId, Person, Surname, XsdVersion
from shared.ijw.model.basis import Extent as JwExtent
from shared.ijw.model.basis import Product as JwProduct

XSD = XsdVersion("1.0.0", "1.0.0")
BRP_ADDRESS = "01"  # LDT_AdresSoort: BRP-adres
OWN_NAME = "1"  # NaamGebruik: eigen geslachtsnaam


def header(sender: str, receiver: str, identification: str, today: date) -> Header:
    return Header(sender, receiver, MessageId(identification, today), XSD)


def jw301(versions: tuple[AllocationVersion, ...], details: dict[str, Any], identification: str,
          today: date) -> jw.Jw301:
    """OP087: one client, one provider, the allocations jw301_content chose."""
    first = versions[0]
    client = jw.AllocationClient(
        bsn=first.client_bsn, birth_date=BirthDate(date.fromisoformat(details["birth_date"])),
        gender=details["gender"], name=_full_name(details), contacts=(_contact(details),),
        allocations=tuple(_allocation(v) for v in versions))
    return jw.Jw301(header(first.municipality, first.provider_agb, identification, today), client)


def _full_name(d: dict[str, Any]) -> FullName:
    return FullName(Surname(d["surname"], d.get("prefix")), OWN_NAME, first_names=d.get("first_names"),
                    initials=d.get("initials"))


def _contact(d: dict[str, Any]) -> jw.Contact:
    address = d.get("address")
    if not address:
        return jw.Contact(BRP_ADDRESS)
    return jw.Contact(BRP_ADDRESS, jw.Address(
        jw.House(int(address["house_number"])) if address.get("house_number") else None,
        address.get("postcode"), address.get("street"), address.get("city"), address.get("country")))


def _allocation(v: AllocationVersion) -> jw.Allocation:
    return jw.Allocation(
        number=v.number, decision_date=v.allocated_on, decision_time=v.allocated_at, start=v.start,
        end=v.end, provider_reference=v.provider_reference,
        product=None if v.product is None else JwProduct(v.product.category, v.product.code),
        change_reason=v.change_reason,
        extent=None if v.extent is None else JwExtent(v.extent.volume, v.extent.unit, v.extent.frequency),
        budget=v.budget, comment=v.comment)


def versions_from_jw301(message: jw.Jw301) -> tuple[AllocationVersion, ...]:
    """A municipality's own JW301: every ToegewezenProduct as the version it states."""
    municipality, provider = message.header.sender, message.header.receiver
    return tuple(_version(a, municipality, message.client.bsn, provider) for a in message.client.allocations)


def _version(a: jw.Allocation, municipality: str, bsn: str, provider: str) -> AllocationVersion:
    return AllocationVersion(
        municipality, a.number, bsn, provider,
        None if a.product is None else Product(a.product.category, a.product.code),
        a.start, a.end,
        None if a.extent is None else Extent(a.extent.volume, a.extent.unit, a.extent.frequency),
        a.budget, a.change_reason, a.decision_date, a.decision_time,
        provider_reference=a.provider_reference, comment=a.comment)


def details_from_jw301(client: jw.AllocationClient) -> dict[str, Any]:
    details = _name_details(client.birth_date.date, client.gender, client.name.surname,
                            client.name.first_names, client.name.initials)
    address = next((c.address for c in client.contacts if c.address is not None), None)
    if address is not None:
        details["address"] = {"house_number": address.house.number if address.house else None,
                              "postcode": address.postcode, "street": address.street,
                              "city": address.city, "country": address.country}
    return details


def details_from_person(person: Person) -> dict[str, Any]:
    return _name_details(person.birth_date.date, person.gender, person.name.surname,
                         person.name.first_names, person.name.initials)


def _name_details(born: date, gender: str, surname: Surname, first_names: str | None,
                  initials: str | None) -> dict[str, Any]:
    return {"birth_date": born.isoformat(), "gender": gender, "surname": surname.name,
            "prefix": surname.prefix, "first_names": first_names, "initials": initials}


@dataclass(frozen=True)
class Receipt:
    """A JW302: which JW301 it answers and, per ToewijzingNummer, its retourcodes ([] = accepted)."""

    jw301_identification: str
    codes: dict[int, list[str]]
    header_codes: tuple[str, ...]


def receipt_from_jw302(message: jw.Jw302) -> Receipt:
    """OP065: a header-only JW302 accepts every allocation; otherwise each returned
    ToegewezenProduct carries its own codes, 0200 meaning no remark."""
    codes: dict[int, list[str]] = {}
    if message.client is not None:
        for a in message.client.allocations:
            codes[a.number] = [c for c in a.codes if c != "0200"]
    header_codes = tuple(c for c in message.header.codes if c != "0200")
    return Receipt(message.header.original.message_id.identification, codes, header_codes)
