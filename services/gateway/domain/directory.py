"""Deciders of the region's parties and staff users, as the region file describes them: only a
change becomes an event. A new password ends the user's open sessions; a removed user's identity
leaves every service."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from services.gateway.domain.events import (
    PartyRegistered, PartyTokenIssued, PartyTokenRevoked, StaffSessionEnded, StaffTokenIssued, StaffTokenRevoked,
    StaffUserRegistered, StaffUserRemoved,
)
from services.gateway.domain.sessions import session_stream
from shared.auth.identity import SessionEnded, StaffIdentified, StaffRemoved, stream_of
from shared.auth.principal import PartyKind
from shared.commands import Append, Decision, History, Publish


def party_stream(code: str) -> str:
    return f"party-{code}"


@dataclass(frozen=True)
class RegisterParty:
    code: str
    kind: PartyKind
    name: str
    token_hashes: tuple[str, ...]
    on_behalf_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnownParty:
    current: PartyRegistered | None
    known_tokens: frozenset[str]
    own_tokens: frozenset[str] = frozenset()


def decide_register_party(c: RegisterParty, histories: Mapping[str, History], known: KnownParty,
                          now: datetime) -> Decision[int]:
    """How many events it records: the party when it is new or changed, each new token, and each
    token of the party the file no longer lists (revoked: the file is the one list of who may
    sign in, so a dropped token stops working here as it does at the services)."""
    wanted = PartyRegistered(c.code, c.kind, c.name, tuple(sorted(c.on_behalf_of)))
    new: list[object] = [] if known.current == wanted else [wanted]
    new += [PartyTokenIssued(c.code, h) for h in sorted(set(c.token_hashes)) if h not in known.known_tokens]
    new += [PartyTokenRevoked(c.code, h) for h in sorted(known.own_tokens - set(c.token_hashes))]
    stream = party_stream(c.code)
    return Decision(len(new), [Append(stream, len(histories[stream]), new)] if new else [])


@dataclass(frozen=True)
class RegisterStaff:
    username: str
    roles: tuple[str, ...]
    municipalities: tuple[str, ...]
    token_hashes: tuple[str, ...]
    session_ended: object = None
    """The audit entry of each session a new password ends (nobody signed in asked for it)."""
    name: str | None = None


@dataclass(frozen=True)
class KnownStaff:
    current: StaffUserRegistered | None
    kept_password: str | None
    password: str | None
    """The hash to store: the kept one when the file gives none or the same one, else a new one
    (a record of its own, decided with the events: `Decision.records`)."""
    own_tokens: tuple[str, ...]
    known_tokens: frozenset[str]
    open_sessions: tuple[str, ...]


def decide_register_staff(c: RegisterStaff, histories: Mapping[str, History], known: KnownStaff,
                          now: datetime) -> Decision[int]:
    stream = stream_of(c.username)
    roles, municipalities = tuple(sorted(c.roles)), tuple(sorted(c.municipalities))
    changed = known.password != known.kept_password
    new: list[object] = []
    current = None if known.current is None else (known.current.roles, known.current.municipalities,
                                                  known.current.name)
    if changed or current != (roles, municipalities, c.name):
        new.append(StaffUserRegistered(c.username, roles, municipalities, changed, c.name))
    tokens = [h for h in sorted(set(c.token_hashes)) if h not in known.known_tokens]
    new += [StaffTokenIssued(c.username, h) for h in tokens]
    dropped = sorted(set(known.own_tokens) - set(c.token_hashes))
    new += [StaffTokenRevoked(c.username, h) for h in dropped]
    appends = [Append(stream, len(histories[stream]), new)] if new else []
    published: list[Publish] = []
    audit: list[object] = []
    if changed:  # a new password ends the sessions opened with the old one
        appends += [Append(session_stream(h), 1, [StaffSessionEnded(h, c.username, "password changed")])
                    for h in known.open_sessions]
        published += [Publish(SessionEnded(h, c.username, "password changed"), stream) for h in known.open_sessions]
        audit += [c.session_ended] * len(known.open_sessions) if c.session_ended is not None else []
    if new:  # every service learns the user's whole current identity; never the password hash
        identity = StaffIdentified(c.username, list(roles), list(municipalities),
                                   sorted({*known.own_tokens, *tokens} - set(dropped)))
        published.append(Publish(identity, stream))
    return Decision(len(new), appends, published, audit, records=[known.password] if changed else [])


@dataclass(frozen=True)
class RemoveStaff:
    username: str
    session_ended: object = None
    """The audit entry of each open session the removal ends."""


def decide_remove_staff(c: RemoveStaff, histories: Mapping[str, History], open_sessions: list[str],
                        now: datetime) -> Decision[None]:
    """The user goes with its tokens and password; its open sessions end with it."""
    stream = stream_of(c.username)
    audit = [c.session_ended] * len(open_sessions) if c.session_ended is not None else []
    return Decision(None, [Append(stream, len(histories[stream]), [StaffUserRemoved(c.username)])],
                    [Publish(StaffRemoved(c.username), stream)], audit)
