"""JW301 toewijzing and JW302 retour. The retour repeats the 301 body with RetourCodes per class."""

from __future__ import annotations

from lxml import etree

from shared.ijw.mapping import basis as m
from shared.ijw.mapping.xml import BASIS_READ as B
from shared.ijw.mapping.xml import BASIS_WRITE as BW
from shared.ijw.mapping.xml import Reader, Writer, message_ns, new_root
from shared.ijw.model.allocation import (
    Address, Allocation, AllocationClient, Communication, Contact, House, Jw301, Jw302, Phone, PhoneNumber,
    Relation,
)

Element = etree._Element


def jw301_from_xml(root: Element) -> Jw301:
    r = Reader(message_ns("301"))
    return Jw301(m.header_from_xml(r.el(root, "Header"), r), client_from_xml(r.el(root, "Client"), r))


def jw301_to_xml(message: Jw301) -> Element:
    root = new_root("301")
    w = Writer(message_ns("301"))
    m.header_to_xml(root, w, message.header, "436")
    client_to_xml(root, w, message.client)
    return root


def jw302_from_xml(root: Element) -> Jw302:
    r = Reader(message_ns("302"))
    client = r.opt_el(root, "Client")
    return Jw302(m.return_header_from_xml(r.el(root, "Header"), r),
                 None if client is None else client_from_xml(client, r))


def jw302_to_xml(message: Jw302) -> Element:
    root = new_root("302")
    w = Writer(message_ns("302"))
    m.return_header_to_xml(root, w, message.header, "437")
    if message.client is not None:
        client_to_xml(root, w, message.client)
    return root


def client_from_xml(el: Element, r: Reader) -> AllocationClient:
    communication = r.opt_el(el, "Communicatie")
    return AllocationClient(
        bsn=r.text(el, "Bsn"),
        birth_date=m.birth_date_from_xml(r.el(el, "Geboortedatum")),
        gender=r.text(el, "Geslacht"),
        name=m.full_name_from_xml(r.el(el, "Naam")),
        communication=None if communication is None else
        Communication(B.text(communication, "Vorm"), B.opt_text(communication, "Taal")),
        legal_status=r.opt_text(el, "JuridischeStatus"),
        legal_representation=r.opt_text(el, "WettelijkeVertegenwoordiging"),
        comment=r.opt_text(el, "Commentaar"),
        relations=tuple(relation_from_xml(x, r) for x in r.all(r.opt_el(el, "Relaties"), "Relatie")),
        contacts=tuple(contact_from_xml(x, r) for x in r.all(r.el(el, "Contactgegevens"), "Contact")),
        allocations=tuple(allocation_from_xml(x, r)
                          for x in r.all(r.el(el, "ToegewezenProducten"), "ToegewezenProduct")),
        codes=m.codes_from_xml(el, r),
    )


def client_to_xml(parent: Element, w: Writer, client: AllocationClient) -> None:
    el = w.el(parent, "Client")
    w.text(el, "Bsn", client.bsn)
    m.birth_date_to_xml(w.el(el, "Geboortedatum"), client.birth_date)
    w.text(el, "Geslacht", client.gender)
    m.full_name_to_xml(w.el(el, "Naam"), client.name)
    if client.communication is not None:
        communication = w.el(el, "Communicatie")
        BW.text(communication, "Vorm", client.communication.form)
        BW.text(communication, "Taal", client.communication.language)
    w.text(el, "JuridischeStatus", client.legal_status)
    w.text(el, "WettelijkeVertegenwoordiging", client.legal_representation)
    w.text(el, "Commentaar", client.comment)
    if client.relations:
        relations = w.el(el, "Relaties")
        for relation in client.relations:
            relation_to_xml(relations, w, relation)
    contacts = w.el(el, "Contactgegevens")
    for contact in client.contacts:
        contact_to_xml(contacts, w, contact)
    allocations = w.el(el, "ToegewezenProducten")
    for allocation in client.allocations:
        allocation_to_xml(allocations, w, allocation)
    m.codes_to_xml(el, w, client.codes)


def relation_from_xml(el: Element, r: Reader) -> Relation:
    birth = r.opt_el(el, "Geboortedatum")
    return Relation(
        number=r.text(el, "Nummer"),
        order=r.opt_int(el, "Volgorde"),
        kind=r.text(el, "Soort"),
        birth_date=None if birth is None else m.birth_date_from_xml(birth),
        gender=r.opt_text(el, "Geslacht"),
        name=m.full_name_from_xml(r.el(el, "Naam")),
        contact=contact_from_xml(r.el(el, "Contact"), r),
        codes=m.codes_from_xml(el, r),
    )


def relation_to_xml(parent: Element, w: Writer, relation: Relation) -> None:
    el = w.el(parent, "Relatie")
    w.text(el, "Nummer", relation.number)
    w.text(el, "Volgorde", relation.order)
    w.text(el, "Soort", relation.kind)
    if relation.birth_date is not None:
        m.birth_date_to_xml(w.el(el, "Geboortedatum"), relation.birth_date)
    w.text(el, "Geslacht", relation.gender)
    m.full_name_to_xml(w.el(el, "Naam"), relation.name)
    contact_to_xml(el, w, relation.contact)
    m.codes_to_xml(el, w, relation.codes)


def contact_from_xml(el: Element, r: Reader) -> Contact:
    address, phone, period = r.opt_el(el, "Adres"), r.opt_el(el, "Telefoon"), r.opt_el(el, "Periode")
    return Contact(
        kind=r.text(el, "Soort"),
        address=None if address is None else address_from_xml(address),
        organisation=r.opt_text(el, "Organisatie"),
        phone=None if phone is None else phone_from_xml(phone),
        email=r.opt_text(el, "Emailadres"),
        period=None if period is None else m.open_period_from_xml(period),
        codes=m.codes_from_xml(el, r),
    )


def contact_to_xml(parent: Element, w: Writer, contact: Contact) -> None:
    el = w.el(parent, "Contact")
    w.text(el, "Soort", contact.kind)
    if contact.address is not None:
        address_to_xml(w.el(el, "Adres"), contact.address)
    w.text(el, "Organisatie", contact.organisation)
    if contact.phone is not None:
        phone_to_xml(w.el(el, "Telefoon"), contact.phone)
    w.text(el, "Emailadres", contact.email)
    if contact.period is not None:
        m.open_period_to_xml(w.el(el, "Periode"), contact.period)
    m.codes_to_xml(el, w, contact.codes)


def address_from_xml(el: Element) -> Address:
    house = B.opt_el(el, "Huis")
    return Address(
        house=None if house is None else House(
            B.int(house, "Huisnummer"), B.opt_text(house, "Huisletter"),
            B.opt_text(house, "HuisnummerToevoeging"), B.opt_text(house, "AanduidingWoonadres")),
        postcode=B.opt_text(el, "Postcode"), street=B.opt_text(el, "Straatnaam"),
        city=B.opt_text(el, "Plaatsnaam"), country=B.opt_text(el, "LandCode"),
    )


def address_to_xml(el: Element, address: Address) -> None:
    if address.house is not None:
        house = BW.el(el, "Huis")
        BW.text(house, "Huisnummer", address.house.number)
        BW.text(house, "Huisletter", address.house.letter)
        BW.text(house, "HuisnummerToevoeging", address.house.addition)
        BW.text(house, "AanduidingWoonadres", address.house.designation)
    BW.text(el, "Postcode", address.postcode)
    BW.text(el, "Straatnaam", address.street)
    BW.text(el, "Plaatsnaam", address.city)
    BW.text(el, "LandCode", address.country)


def phone_from_xml(el: Element) -> Phone:
    second = B.opt_el(el, "Telefoon02")
    number = lambda x: PhoneNumber(B.text(x, "Telefoonnummer"), B.text(x, "Landnummer"))  # noqa: E731
    return Phone(number(B.el(el, "Telefoon01")), None if second is None else number(second))


def phone_to_xml(el: Element, phone: Phone) -> None:
    for name, number in (("Telefoon01", phone.first), ("Telefoon02", phone.second)):
        if number is not None:
            x = BW.el(el, name)
            BW.text(x, "Telefoonnummer", number.number)
            BW.text(x, "Landnummer", number.country_code)


def allocation_from_xml(el: Element, r: Reader) -> Allocation:
    return Allocation(
        number=r.int(el, "ToewijzingNummer"),
        provider_reference=r.opt_text(el, "ReferentieAanbieder"),
        product=m.product_from_xml(r.opt_el(el, "Product")),
        decision_date=r.date(el, "Toewijzingsdatum"),
        decision_time=r.time(el, "Toewijzingstijd"),
        start=r.date(el, "Ingangsdatum"),
        end=r.opt_date(el, "Einddatum"),
        change_reason=r.opt_text(el, "RedenWijziging"),
        extent=m.extent_from_xml(r.opt_el(el, "Omvang")),
        budget=r.opt_int(el, "Budget"),
        comment=r.opt_text(el, "Commentaar"),
        codes=m.codes_from_xml(el, r),
    )


def allocation_to_xml(parent: Element, w: Writer, allocation: Allocation) -> None:
    el = w.el(parent, "ToegewezenProduct")
    w.text(el, "ToewijzingNummer", allocation.number)
    w.text(el, "ReferentieAanbieder", allocation.provider_reference)
    m.product_to_xml(el, w, allocation.product)
    w.text(el, "Toewijzingsdatum", allocation.decision_date)
    w.text(el, "Toewijzingstijd", allocation.decision_time)
    w.text(el, "Ingangsdatum", allocation.start)
    w.text(el, "Einddatum", allocation.end)
    w.text(el, "RedenWijziging", allocation.change_reason)
    m.extent_to_xml(el, w, allocation.extent)
    w.text(el, "Budget", allocation.budget)
    w.text(el, "Commentaar", allocation.comment)
    m.codes_to_xml(el, w, allocation.codes)
