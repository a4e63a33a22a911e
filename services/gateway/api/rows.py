"""Read-model rows as the protocol shows them."""

from __future__ import annotations

from typing import Any

from services.gateway.api.digest import content_digest
from services.gateway.api.schemas import MailboxItem, MessageStatus, Violation
from shared.persistence.rows import utc


def status_of(row: Any) -> MessageStatus:
    return MessageStatus(message_id=row.message_id, message_code=f"JW{row.message_code}", sender=row.sender,
                         receiver=row.receiver, received_at=utc(row.received_at), size=row.size, status=row.status,
                         answer_id=row.answer_id, content_digest=content_digest(row.sha256),
                         in_reply_to=row.answers, conversation_id=row.conversation_id,
                         errors=[Violation(**v) for v in row.violations or ()])


def mailbox_item_of(row: Any) -> MailboxItem:
    return MailboxItem(message_id=row.message_id, message_code=f"JW{row.message_code}", sender=row.sender,
                       addressee=row.addressee, in_reply_to=row.in_reply_to, created_at=utc(row.created_at),
                       size=row.size, acknowledged=row.acknowledged_at is not None,
                       content_digest=content_digest(row.sha256), conversation_id=row.conversation_id)
