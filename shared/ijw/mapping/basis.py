"""Mappings of the header and the basisschema composite types (CDT_*)."""

from __future__ import annotations

from lxml import etree

from shared.ijw.mapping.xml import BASIS_READ as B
from shared.ijw.mapping.xml import BASIS_WRITE as BW
from shared.ijw.mapping.xml import Reader, Writer
from shared.ijw.model.basis import (
    Amount, BirthDate, Extent, FullName, Header, MessageId, OpenPeriod, Period, Person,
    Product, ReturnHeader, ShortName, Surname, XsdVersion,
)

Element = etree._Element
BERICHT_VERSIE, BERICHT_SUBVERSIE = "3", "2"  # CS025, CS015


def message_id_from_xml(el: Element) -> MessageId:
    return MessageId(B.text(el, "Identificatie"), B.date(el, "Dagtekening"))


def message_id_to_xml(el: Element, value: MessageId) -> None:
    BW.text(el, "Identificatie", value.identification)
    BW.text(el, "Dagtekening", value.date)


def xsd_version_from_xml(el: Element) -> XsdVersion:
    return XsdVersion(B.text(el, "BasisschemaXsdVersie"), B.text(el, "BerichtXsdVersie"))


def xsd_version_to_xml(el: Element, value: XsdVersion) -> None:
    BW.text(el, "BasisschemaXsdVersie", value.basisschema)
    BW.text(el, "BerichtXsdVersie", value.message)


def header_from_xml(el: Element, r: Reader) -> Header:
    return Header(
        sender=r.text(el, "Afzender"),
        receiver=r.text(el, "Ontvanger"),
        message_id=message_id_from_xml(r.el(el, "BerichtIdentificatie")),
        xsd_version=xsd_version_from_xml(r.el(el, "XsdVersie")),
    )


def header_to_xml(parent: Element, w: Writer, value: Header, code: str) -> Element:
    el = w.el(parent, "Header")
    w.text(el, "BerichtCode", code)
    w.text(el, "BerichtVersie", BERICHT_VERSIE)
    w.text(el, "BerichtSubversie", BERICHT_SUBVERSIE)
    w.text(el, "Afzender", value.sender)
    w.text(el, "Ontvanger", value.receiver)
    message_id_to_xml(w.el(el, "BerichtIdentificatie"), value.message_id)
    xsd_version_to_xml(w.el(el, "XsdVersie"), value.xsd_version)
    return el


def codes_from_xml(el: Element | None, r: Reader) -> tuple[str, ...]:
    holder = None if el is None else r.opt_el(el, "RetourCodes")
    return tuple(c.text or "" for c in r.all(holder, "RetourCode"))


def codes_to_xml(parent: Element, w: Writer, codes: tuple[str, ...]) -> None:
    if codes:
        holder = w.el(parent, "RetourCodes")
        for code in codes:
            w.text(holder, "RetourCode", code)


def return_header_from_xml(el: Element, r: Reader) -> ReturnHeader:
    return ReturnHeader(
        original=header_from_xml(el, r),
        return_id=r.text(el, "IdentificatieRetour"),
        return_date=r.date(el, "DagtekeningRetour"),
        xslt_version=r.opt_text(el, "XsltVersie"),
        xsd_version=xsd_version_from_xml(r.el(el, "XsdVersieRetour")),
        codes=codes_from_xml(el, r),
    )


def return_header_to_xml(parent: Element, w: Writer, value: ReturnHeader, code: str) -> None:
    el = header_to_xml(parent, w, value.original, code)
    w.text(el, "IdentificatieRetour", value.return_id)
    w.text(el, "DagtekeningRetour", value.return_date)
    w.text(el, "XsltVersie", value.xslt_version)
    xsd_version_to_xml(w.el(el, "XsdVersieRetour"), value.xsd_version)
    codes_to_xml(el, w, value.codes)


def period_from_xml(el: Element) -> Period:
    return Period(B.date(el, "Begindatum"), B.date(el, "Einddatum"))


def period_to_xml(el: Element, value: Period) -> None:
    BW.text(el, "Begindatum", value.start)
    BW.text(el, "Einddatum", value.end)


def open_period_from_xml(el: Element) -> OpenPeriod:
    return OpenPeriod(B.opt_date(el, "Begindatum"), B.opt_date(el, "Einddatum"))


def open_period_to_xml(el: Element, value: OpenPeriod) -> None:
    BW.text(el, "Begindatum", value.start)
    BW.text(el, "Einddatum", value.end)


def product_from_xml(el: Element | None) -> Product | None:
    return None if el is None else Product(B.text(el, "Categorie"), B.opt_text(el, "Code"))


def product_to_xml(parent: Element, w: Writer, value: Product | None) -> None:
    if value is not None:
        el = w.el(parent, "Product")
        BW.text(el, "Categorie", value.category)
        BW.text(el, "Code", value.code)


def extent_from_xml(el: Element | None) -> Extent | None:
    if el is None:
        return None
    return Extent(B.int(el, "Volume"), B.text(el, "Eenheid"), B.text(el, "Frequentie"))


def extent_to_xml(parent: Element, w: Writer, value: Extent | None) -> None:
    if value is not None:
        el = w.el(parent, "Omvang")
        BW.text(el, "Volume", value.volume)
        BW.text(el, "Eenheid", value.unit)
        BW.text(el, "Frequentie", value.frequency)


def amount_from_xml(el: Element, total: bool = False) -> Amount:
    cents = B.int(el, "TotaalBedrag" if total else "Bedrag")
    return Amount(cents, B.text(el, "DebetCredit") == "C")


def amount_to_xml(el: Element, value: Amount, total: bool = False) -> None:
    BW.text(el, "TotaalBedrag" if total else "Bedrag", value.cents)
    BW.text(el, "DebetCredit", "C" if value.credit else "D")


def birth_date_from_xml(el: Element) -> BirthDate:
    return BirthDate(B.date(el, "Datum"), B.opt_text(el, "DatumGebruik"))


def birth_date_to_xml(el: Element, value: BirthDate) -> None:
    BW.text(el, "Datum", value.date)
    BW.text(el, "DatumGebruik", value.usage)


def surname_from_xml(el: Element) -> Surname:
    return Surname(B.text(el, "Achternaam"), B.opt_text(el, "Voorvoegsel"))


def surname_to_xml(el: Element, value: Surname) -> None:
    BW.text(el, "Achternaam", value.name)
    BW.text(el, "Voorvoegsel", value.prefix)


def full_name_from_xml(el: Element) -> FullName:
    partner = B.opt_el(el, "Partnernaam")
    return FullName(
        surname=surname_from_xml(B.el(el, "Geslachtsnaam")),
        partner_name=None if partner is None else surname_from_xml(partner),
        first_names=B.opt_text(el, "Voornamen"),
        initials=B.opt_text(el, "Voorletters"),
        name_usage=B.text(el, "NaamGebruik"),
    )


def full_name_to_xml(el: Element, value: FullName) -> None:
    surname_to_xml(BW.el(el, "Geslachtsnaam"), value.surname)
    if value.partner_name is not None:
        surname_to_xml(BW.el(el, "Partnernaam"), value.partner_name)
    BW.text(el, "Voornamen", value.first_names)
    BW.text(el, "Voorletters", value.initials)
    BW.text(el, "NaamGebruik", value.name_usage)


def person_from_xml(el: Element, r: Reader) -> Person:
    naam = r.el(el, "Naam")
    return Person(
        bsn=r.text(el, "Bsn"),
        birth_date=birth_date_from_xml(r.el(el, "Geboortedatum")),
        gender=r.text(el, "Geslacht"),
        name=ShortName(surname_from_xml(B.el(naam, "Geslachtsnaam")), B.opt_text(naam, "Voornamen"),
                       B.opt_text(naam, "Voorletters")),
    )


def person_to_xml(el: Element, w: Writer, value: Person) -> None:
    w.text(el, "Bsn", value.bsn)
    birth_date_to_xml(w.el(el, "Geboortedatum"), value.birth_date)
    w.text(el, "Geslacht", value.gender)
    naam = w.el(el, "Naam")
    surname_to_xml(BW.el(naam, "Geslachtsnaam"), value.name.surname)
    BW.text(naam, "Voornamen", value.name.first_names)
    BW.text(naam, "Voorletters", value.name.initials)
