"""The password and token rules (shared/auth/policy.py): each refusal names its rule."""

from __future__ import annotations

import secrets

from shared.auth.policy import password_problems, token_problems


def test_a_password_of_ten_characters_is_refused_for_its_length():
    assert password_problems("aaaaaaaaaa", "financien") == ["must be 12 to 128 characters long"]


def test_a_password_holding_the_username_or_a_part_of_it_is_refused():
    assert "must not contain the username or a part of it" in password_problems("Zwolle-2026-mooi!", "toegang.zwolle")
    assert "must not contain the username or a part of it" in password_problems("x-FINANCIEN-2026", "financien")


def test_a_common_password_is_refused_as_common():
    [problem] = password_problems("Password1234!", "financien")
    assert problem.startswith("is a common or predictable password")


def test_a_repeated_character_is_refused_as_predictable_however_long():
    assert password_problems("a" * 24, "financien") == [
        'is a common or predictable password (Repeats like "aaa" are easy to guess)']


def test_a_password_shorter_than_20_needs_three_kinds_of_characters():
    assert any("three of" in p for p in password_problems("kwispelstaartje", "financien"))
    assert password_problems("Kwispel-staart7", "financien") == []


def test_a_long_passphrase_needs_no_complexity():
    assert password_problems("paarse koeien dansen op de dijk", "financien") == []


def test_a_token_needs_32_characters_and_randomness():
    assert token_problems("demo-aanbieder-98000001") == ["must be 32 to 256 characters long"]
    assert token_problems("abcdefghijklmnopqrstuvwxyz0123456789") == [
        "is not random enough (use `openssl rand -base64 32` or longer)"]
    assert token_problems(secrets.token_urlsafe(32)) == []

