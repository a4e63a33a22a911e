"""Request and response bodies of the gateway protocol (design.md §4)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class Accepted(BaseModel):
    message_id: str
    status: str = Field("accepted", examples=["accepted"])


class Level1Error(BaseModel):
    rule: str = Field(examples=["XSD"])
    message: str = Field(examples=["Element 'Bsn': [facet 'pattern'] The value '12345' is not accepted"])
    line: int | None = Field(None, examples=[14])
    column: int | None = Field(None, examples=[0])


class Refused(BaseModel):
    detail: str
    errors: list[Level1Error]


class MessageStatus(BaseModel):
    message_id: str
    message_code: str = Field(examples=["JW323"])
    sender: str
    receiver: str
    received_at: datetime
    size: int
    status: str = Field(examples=["received", "processing", "answered", "rejected"])
    answer_id: str | None = None


class MailboxItem(BaseModel):
    message_id: str
    message_code: str = Field(examples=["JW325"])
    sender: str
    addressee: str
    in_reply_to: str | None
    created_at: datetime
    size: int
    acknowledged: bool


class StaffMe(BaseModel):
    username: str
    roles: list[str]
    municipalities: list[str]


class AuditRecord(BaseModel):
    id: int
    at: datetime
    actor: str
    actor_kind: str
    on_behalf_of: str | None
    client_bsn: str | None
    client_app: str | None
    action: str
    object: str | None
