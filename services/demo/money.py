"""Eurocents as a person reads them."""


def euros(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}€ {whole:,}.{rest:02d}".replace(",", " ")
