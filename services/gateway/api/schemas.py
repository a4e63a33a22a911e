"""Request and response bodies of the gateway protocol (design.md §4)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from shared.api.problems import Problem


MESSAGE_ID = "5b0c6a9e-3f1d-4c59-9a57-0f1a2d3c4b5e"
LEVEL_1 = "urn:happyflow:problem:level-1"
"""The problem type of a message refused at level 1 (its errors are `Level1Error`s)."""


class Accepted(BaseModel):
    message_id: str = Field(examples=[MESSAGE_ID])
    status: str = Field("accepted", examples=["accepted"])


class Level1Error(BaseModel):
    rule: str = Field(examples=["XSD"])
    message: str = Field(examples=["Element 'Bsn': [facet 'pattern'] The value '12345' is not accepted"])
    line: int | None = Field(None, examples=[14])
    column: int | None = Field(None, examples=[0])


class Level1Problem(Problem):
    """422: the message failed level 1; every error with its rule and, for XML errors, line and column."""

    type: str = Field(LEVEL_1, examples=[LEVEL_1])
    errors: list[Level1Error] | None = None


class MessageStatus(BaseModel):
    message_id: str = Field(examples=[MESSAGE_ID])
    message_code: str = Field(examples=["JW323"])
    sender: str = Field(examples=["98000001"], description="AGB code or gemeentecode of the Afzender")
    receiver: str = Field(examples=["0193"])
    received_at: datetime = Field(examples=["2026-11-02T09:14:03Z"])
    size: int = Field(examples=[2463], description="bytes")
    status: str = Field(examples=["received", "processing", "answered", "processed", "rejected"])
    answer_id: str | None = Field(None, examples=["9e1f2b7c-0d4a-4b3e-8f61-2c5d7a9b0e14"],
                                  description="the mailbox id of the answer, once answered")


class MailboxItem(BaseModel):
    message_id: str = Field(examples=["9e1f2b7c-0d4a-4b3e-8f61-2c5d7a9b0e14"])
    message_code: str = Field(examples=["JW325"])
    sender: str = Field(examples=["0193"])
    addressee: str = Field(examples=["98000001"])
    in_reply_to: str | None = Field(examples=[MESSAGE_ID], description="the message this answers")
    created_at: datetime = Field(examples=["2026-11-03T07:00:12Z"])
    size: int = Field(examples=[1874])
    acknowledged: bool = Field(examples=[False])


class StaffMe(BaseModel):
    username: str
    roles: list[str]
    municipalities: list[str]


class Party(BaseModel):
    code: str = Field(examples=["0193"])
    name: str = Field(examples=["Zwolle"])


class Directory(BaseModel):
    municipalities: list[Party] = Field(description="your municipalities")
    providers: list[Party] = Field(description="every provider of the region (public: AGB register)")


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
