"""Fictional clients: seeded BSNs that pass the eleven-test, names, birth dates and addresses.

BSNs are drawn from 9xxxxxxxx, a range not issued to residents in practice, and never from a
fixed list, so two seeds give two populations.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from shared.ijw.model.allocation import Address, Contact, House
from shared.ijw.model.basis import BirthDate, FullName, Person, ShortName, Surname

SURNAMES = (
    ("Jansen", None), ("Vries", "de"), ("Berg", "van den"), ("Bakker", None), ("Visser", None), ("Smit", None),
    ("Meijer", None), ("Boer", "de"), ("Mulder", None), ("Groot", "de"), ("Bos", None), ("Vos", None),
    ("Peters", None), ("Hendriks", None), ("Leeuwen", "van"), ("Dekker", None), ("Brouwer", None), ("Wit", "de"),
    ("Dijkstra", None), ("Smits", None), ("Graaf", "de"), ("Veen", "van der"), ("Kok", None), ("Jacobs", None),
    ("Haan", "de"), ("Vermeulen", None), ("Heuvel", "van den"), ("Wal", "van der"), ("Koster", None), ("Prins", None),
)
GIRLS = ("Emma", "Julia", "Mila", "Sophie", "Tess", "Zoë", "Sara", "Nora", "Yara", "Eva", "Liv", "Lotte", "Noor")
BOYS = ("Noah", "Liam", "Luca", "Sem", "Daan", "Finn", "Levi", "Milan", "Jesse", "Bram", "Thijs", "Adam", "Mees")
STREETS = ("Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg", "Stationsweg", "Beukenlaan", "Eikenlaan",
           "Julianastraat", "Wilhelminalaan", "Veldweg", "Esweg", "Havenkade", "Vechtdijk", "IJsselkade")


@dataclass(frozen=True)
class Client:
    bsn: str
    birth_date: date
    gender: str  # COD046: 1 man, 2 vrouw
    first_name: str
    surname: str
    prefix: str | None
    address: Address

    @property
    def person(self) -> Person:
        """The short identification JW305/JW307/JW315 carry."""
        return Person(self.bsn, BirthDate(self.birth_date), self.gender,
                      ShortName(Surname(self.surname, self.prefix), self.first_name, self.first_name[0]))

    @property
    def full_name(self) -> FullName:
        return FullName(Surname(self.surname, self.prefix), "1", first_names=self.first_name,
                        initials=self.first_name[0])

    @property
    def contact(self) -> Contact:
        return Contact("01", self.address)  # 01: BRP address


class Population:
    """Hands out clients with distinct BSNs; everything follows from the Random it is given."""

    def __init__(self, rng: random.Random, taken: set[str] | None = None) -> None:
        self._rng = rng
        self._used: set[str] = set(taken or ())

    def bsn(self) -> str:
        while True:
            digits = [9] + [self._rng.randrange(10) for _ in range(7)]
            check = sum(weight * d for weight, d in zip(range(9, 1, -1), digits)) % 11
            number = "".join(map(str, digits)) + str(check)
            if check < 10 and number not in self._used:  # CS002: Σ w·d − d9 ≡ 0 (mod 11)
                self._used.add(number)
                return number

    def client(self, city: str, on: date) -> Client:
        rng = self._rng
        gender = rng.choice("12")
        surname, prefix = rng.choice(SURNAMES)
        born = on - timedelta(days=rng.randrange(365, 17 * 365))  # a youth: 1 to 17 years old
        house = House(rng.randrange(1, 240), rng.choice((None, None, None, "a", "b")))
        postcode = f"{rng.randrange(7700, 8400)}{rng.choice('ABCDEGHJKLMNPRST')}{rng.choice('ABCDEGHJKLMNPRST')}"
        address = Address(house, postcode, rng.choice(STREETS), city, "NL")
        first = rng.choice(BOYS if gender == "1" else GIRLS)
        return Client(self.bsn(), born, gender, first, surname, prefix, address)
