"""What a staff password and an API token must be, wherever one is set.

Passwords follow the BIO (Baseline Informatiebeveiliging Overheid, 9.4.3: without a second factor
at least 8 positions and a complex composition, complexity no longer required from 20 positions)
with a longer minimum, and are checked against what guessers try first:

- at least 12 and at most 128 characters;
- not containing the username, nor a part of it of 4 or more characters (toegang.zwolle: not
  "toegang", not "zwolle");
- shorter than 20 characters: at least three of lower case, upper case, digits and other signs;
- not common or predictable: zxcvbn, the password-strength estimator of Dropbox, must estimate at
  least 10^8 guesses (its score 3). Its frequency lists hold the 30,000 most common passwords,
  English words, names and surnames; it also sees repeats, sequences, keyboard patterns and dates.

API tokens are for programs, not people: at least 32 characters, and random enough that zxcvbn
estimates at least 10^20 guesses (a token from `happyflow`'s own generator has 43 random
characters; "abcdef…" or a repeated word falls far short).
"""

from __future__ import annotations

import re

from zxcvbn import zxcvbn

PASSWORD_MIN, PASSWORD_MAX, COMPLEX_BELOW = 12, 128, 20
PASSWORD_MIN_GUESSES_LOG10 = 8
TOKEN_MIN, TOKEN_MAX, TOKEN_MIN_GUESSES_LOG10 = 32, 256, 20
KINDS = (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^a-zA-Z0-9]")


class WeakPassword(ValueError):
    pass


def require_strong_password(password: str, username: str) -> None:
    """For any code that sets a password: the region file checks it before, a future admin route
    through the same handler cannot forget to."""
    if problems := password_problems(password, username):
        raise WeakPassword(f"password {'; '.join(problems)}")


def password_problems(password: str, username: str) -> list[str]:
    """Each rule the password breaks, in words; empty when it may be used."""
    return [words for _, words in password_findings(password, username)]


def password_findings(password: str, username: str) -> list[tuple[str, str]]:
    """Each rule the password breaks as (rule, words): `length`, `username`, `composition`,
    `guessable` — the rule for a screen to say in its own language, the words for a log or API."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        return [("length", f"must be {PASSWORD_MIN} to {PASSWORD_MAX} characters long")]
    found = []
    lowered = password.lower()
    if any(part in lowered for part in _parts(username)):
        found.append(("username", "must not contain the username or a part of it"))
    if len(password) < COMPLEX_BELOW and sum(bool(re.search(k, password)) for k in KINDS) < 3:
        found.append(("composition", f"shorter than {COMPLEX_BELOW} characters, it needs three of: lower case, "
                                     "upper case, digits, other signs"))
    estimate = zxcvbn(password, user_inputs=[username], max_length=PASSWORD_MAX)
    if estimate["guesses_log10"] < PASSWORD_MIN_GUESSES_LOG10:
        warning = estimate["feedback"]["warning"] or "it is too easy to guess"
        found.append(("guessable", f"is a common or predictable password ({warning.rstrip('.')})"))
    return found


def token_problems(token: str) -> list[str]:
    return [words for _, words in token_findings(token)]


def token_findings(token: str) -> list[tuple[str, str]]:
    """As `password_findings`: `length` or `random`."""
    if not TOKEN_MIN <= len(token) <= TOKEN_MAX:
        return [("length", f"must be {TOKEN_MIN} to {TOKEN_MAX} characters long")]
    if zxcvbn(token, max_length=TOKEN_MAX)["guesses_log10"] < TOKEN_MIN_GUESSES_LOG10:
        return [("random", "is not random enough (use `openssl rand -base64 32` or longer)")]
    return []


def _parts(username: str) -> set[str]:
    lowered = username.lower()
    return {lowered} | {part for part in re.split(r"[^a-z0-9]+", lowered) if len(part) >= 4}
