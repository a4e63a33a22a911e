"""Projections of the gateway's events into its read models, through its ports: one function per
event type.

The command handler calls `project` with the envelopes a command has just appended, in its own
transaction, and `rebuild` calls it with the envelopes it replays: one code path, so a read model
is a function of the events alone. Times come from the envelope (`occurred_at`), never a clock.
Envelopes arrive with their global position, which the listings page by. A projector takes the
events of its type (one or two from a command, up to a batch in a rebuild) and hands them to its
port at once: the SQL adapter writes them in one statement where it can (the statement, not the
row, is what costs: design.md, a rebuild replays ≥ 20,000 events/s).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any

from services.gateway.domain import events as ev
from services.gateway.domain.messages import Status
from services.gateway.ports import (
    GatewayPorts, MailboxMessage, Party, ReceivedMessage, RegionLoad, SessionStart, StaffUser, StatusChange,
)
from shared.events.envelope import Envelope
from shared.events.serializer import to_payload

Item = tuple[Any, Envelope]
"""A typed event with the envelope that carried it (its time and position)."""
Projector = Callable[[GatewayPorts, Sequence[Item]], Awaitable[None]]
REGISTRY = ev.registry()


async def project(ports: GatewayPorts, envelopes: Iterable[Envelope],
                  projectors: Mapping[str, Projector] | None = None) -> None:
    """Projects the events grouped by type, each group in bulk and in stream order, the types in
    the order of the table. That gives the rows one-at-a-time replay gives because a projector
    writes only the rows its own events name and reads nothing else, and the table puts creation
    before change (a message before its status, a delivery before its acknowledgement). A removal
    does not commute with a later creation of the same rows (a user removed and registered again),
    so the events are projected in runs that each end at a removal. A gateway event without a
    projector is a mistake, so it raises rather than passing by."""
    table = PROJECTORS if projectors is None else projectors
    run: list[Item] = []
    for envelope in envelopes:
        if envelope.type not in table:
            raise KeyError(f"no projector for {envelope.type}")
        run.append((REGISTRY.decode(envelope), envelope))
        if envelope.type in REMOVALS:
            await _project_run(ports, run, table)
            run = []
    await _project_run(ports, run, table)


async def _project_run(ports: GatewayPorts, items: Sequence[Item], table: Mapping[str, Projector]) -> None:
    by_type: dict[str, list[Item]] = {}
    for item in items:
        by_type.setdefault(item[1].type, []).append(item)
    for event_type, projector in table.items():
        if event_type in by_type:
            await projector(ports, by_type[event_type])


async def _messages_received(ports: GatewayPorts, items: Sequence[Item]) -> None:
    received = [ReceivedMessage(
        message_id=m.message_id, submitter=m.submitter, sender=m.sender, receiver=m.receiver,
        message_code=m.message_code, sha256=m.sha256, size=m.size, received_at=e.occurred_at,
        status=Status.RECEIVED.value, position=e.position or 0, conversation_id=m.conversation_id,
        identification=m.identification, dated=m.dated, answers=m.answers,
        violations=None if m.violations is None else [to_payload(v) for v in m.violations]) for m, e in items]
    references = [(m.sender, reference, m.message_id) for m, _ in items for reference in m.references]
    await ports.messages.add(received, references)


async def _message_statuses_reported(ports: GatewayPorts, items: Sequence[Item]) -> None:
    await ports.messages.report([StatusChange(
        r.message_id, r.status.value, r.answer_id if r.status is Status.ANSWERED else None) for r, _ in items])


async def _mailbox_messages_delivered(ports: GatewayPorts, items: Sequence[Item]) -> None:
    await ports.mailbox.deliver([MailboxMessage(
        message_id=d.message_id, addressee=d.addressee, sender=d.sender, message_code=d.message_code,
        in_reply_to=d.in_reply_to, created_at=e.occurred_at, sha256=d.sha256, size=d.size, position=e.position or 0,
        conversation_id=d.conversation_id, identification=d.identification, dated=d.dated) for d, e in items])


async def _mailbox_messages_acknowledged(ports: GatewayPorts, items: Sequence[Item]) -> None:
    await ports.mailbox.acknowledge([(a.message_id, e.occurred_at) for a, e in items])


async def _parties_registered(ports: GatewayPorts, items: Sequence[Item]) -> None:
    await ports.parties.register([Party(p.code, p.kind, p.name, p.on_behalf_of) for p, _ in items])


async def _party_tokens_issued(ports: GatewayPorts, items: Sequence[Item]) -> None:
    await ports.parties.add_tokens([(t.token_hash, t.code) for t, _ in items])


async def _staff_users_registered(ports: GatewayPorts, items: Sequence[Item]) -> None:
    await ports.staff.register([StaffUser(u.username, u.roles, u.municipalities, None, u.name) for u, _ in items])


async def _staff_tokens_issued(ports: GatewayPorts, items: Sequence[Item]) -> None:
    await ports.staff.add_tokens([(t.token_hash, t.username) for t, _ in items])


async def _staff_tokens_revoked(ports: GatewayPorts, items: Sequence[Item]) -> None:
    await ports.staff.revoke_tokens([t.token_hash for t, _ in items])


async def _party_tokens_revoked(ports: GatewayPorts, items: Sequence[Item]) -> None:
    await ports.parties.revoke_tokens([t.token_hash for t, _ in items])


async def _region_files_loaded(ports: GatewayPorts, items: Sequence[Item]) -> None:
    await ports.loads.add([RegionLoad(e.position or 0, f.sha256, f.region, f.size, f.by, e.occurred_at, list(f.changes))
                           for f, e in items])


async def _staff_users_removed(ports: GatewayPorts, items: Sequence[Item]) -> None:
    for removed, e in items:
        await ports.staff.remove(removed.username, e.occurred_at)


async def _staff_sessions_started(ports: GatewayPorts, items: Sequence[Item]) -> None:
    await ports.sessions.start([SessionStart(s.session_hash, s.username, e.occurred_at, s.expires_at, s.idle_seconds)
                                for s, e in items])


async def _staff_sessions_ended(ports: GatewayPorts, items: Sequence[Item]) -> None:
    for ended, e in items:
        await ports.sessions.end(ended.session_hash, e.occurred_at)


async def _region_sections_changed(ports: GatewayPorts, items: Sequence[Item]) -> None:
    for changed, _ in items:
        await ports.region.changed(changed.section, changed.sha256)


PROJECTORS: dict[str, Projector] = {  # creation before change: see `project`
    ev.MessageReceived.TYPE: _messages_received,
    ev.MessageStatusReported.TYPE: _message_statuses_reported,
    ev.MailboxMessageDelivered.TYPE: _mailbox_messages_delivered,
    ev.MailboxMessageAcknowledged.TYPE: _mailbox_messages_acknowledged,
    ev.PartyRegistered.TYPE: _parties_registered,
    ev.PartyTokenIssued.TYPE: _party_tokens_issued,
    ev.StaffUserRegistered.TYPE: _staff_users_registered,
    ev.StaffTokenIssued.TYPE: _staff_tokens_issued,
    ev.StaffSessionStarted.TYPE: _staff_sessions_started,
    ev.StaffSessionEnded.TYPE: _staff_sessions_ended,
    ev.RegionSectionChanged.TYPE: _region_sections_changed,
    ev.RegionFileLoaded.TYPE: _region_files_loaded,
    ev.PartyTokenRevoked.TYPE: _party_tokens_revoked,
    ev.StaffTokenRevoked.TYPE: _staff_tokens_revoked,
    ev.StaffUserRemoved.TYPE: _staff_users_removed,  # last: it ends its run (see `project`)
}
REMOVALS = frozenset({ev.StaffUserRemoved.TYPE})
