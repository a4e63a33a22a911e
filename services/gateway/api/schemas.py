"""Request and response bodies of the gateway protocol (design.md §4)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from shared.api.problems import Problem
from shared.persistence.rows import utc


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
    column: int | None = Field(None, examples=[9])
    path: str | None = Field(None, examples=["/Bericht/Declaratie/Clienten/Client/Bsn"],
                             description="the element the error is about")


class Violation(BaseModel):
    """A broken iJw rule: where in the message and why (for a level-2 rule, the 0001 reason)."""

    rule: str = Field(examples=["CS002"], description="the iJw rule (CS/CD/TR/RS), XSD, or a level-1 check")
    message: str = Field(examples=["BSN 123456789 fails the eleven-test"])
    path: str | None = Field(None, examples=["/Bericht/Declaratie/Clienten/Client[1]/Bsn"])
    line: int | None = Field(None, examples=[31])
    column: int | None = Field(None, examples=[9])


class Level1Problem(Problem):
    """422: the message failed level 1; every error with its rule and, for XML errors, line and column."""

    type: str = Field(LEVEL_1, examples=[LEVEL_1])
    errors: list[Level1Error] | None = None


CONVERSATION = Field(examples=["5b0c6a9e-3f1d-4c59-9a57-0f1a2d3c4b5e"],
                     description="the same for a message and everything that answers it (a JW323 and its JW325)")
DIGEST = Field(examples=["sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:"],
               description="RFC 9530: the SHA-256 of the message's bytes, as the Content-Digest header gives it")


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
    content_digest: str | None = DIGEST
    in_reply_to: str | None = Field(None, examples=[None], description="the message this one answers "
                                    "(a JW302 its JW301 in your mailbox)")
    conversation_id: str | None = CONVERSATION
    errors: list[Violation] = Field(default_factory=list, description=(
        "the level-2 rules the message breaks, each with its element path, line and column: the answer "
        "(JW325, or the retour) rejects the whole message with 0001 for them"))


class MailboxItem(BaseModel):
    message_id: str = Field(examples=["9e1f2b7c-0d4a-4b3e-8f61-2c5d7a9b0e14"])
    message_code: str = Field(examples=["JW325"])
    sender: str = Field(examples=["0193"])
    addressee: str = Field(examples=["98000001"])
    in_reply_to: str | None = Field(examples=[MESSAGE_ID], description="the message this answers")
    created_at: datetime = Field(examples=["2026-11-03T07:00:12Z"])
    size: int = Field(examples=[1874])
    acknowledged: bool = Field(examples=[False])
    content_digest: str | None = DIGEST
    conversation_id: str | None = CONVERSATION


class MailboxPage(BaseModel):
    items: list[MailboxItem]
    next: str | None = Field(examples=["cDEuMTgyNw"], description="the cursor of the next page; null on the last")


class SentPage(BaseModel):
    items: list[MessageStatus]
    next: str | None = Field(examples=["cDEuMTgyNw"], description="the cursor of the next page; null on the last")


class CheckReport(BaseModel):
    valid: bool = Field(examples=[False])
    message_code: str | None = Field(examples=["JW323"])
    release: str | None = Field(examples=["3.2"], description="the iJw release the message was read as")
    level: int | None = Field(examples=[2], description="1: the message would be refused with 422; 2: it would "
                              "be accepted and answered with 0001")
    errors: list[Violation]


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


class Credentials(BaseModel):
    username: str = Field(max_length=120, examples=["financien"])
    password: str = Field(max_length=1024, examples=["demo-kasboek-ijssel-2026"])


class SessionInfo(BaseModel):
    """The caller's own session: who it is for now, and when it ends at the latest."""

    username: str = Field(examples=["financien"])
    roles: list[str] = Field(examples=[["finance"]])
    municipalities: list[str] = Field(examples=[["0193", "0150"]])
    started_at: datetime = Field(examples=["2026-11-02T08:01:00Z"])
    expires_at: datetime = Field(examples=["2026-11-02T18:01:00Z"],
                                 description="the absolute end, whatever the activity")
    idle_expires_at: datetime = Field(examples=["2026-11-02T09:44:00Z"],
                                      description="the end if no request reaches any service before then")


class AuditEntryOut(BaseModel):
    """One entry of the region's audit log (NEN 7513), with its link in the hash chain."""

    seq: int = Field(description="its place in the chain")
    at: datetime = Field(description="when it happened (UTC)")
    user: str = Field(description="staff username or party code")
    roles: list[str] = Field(description="the user's staff roles, or the party's kind")
    municipality: str | None
    action: str = Field(examples=["allocation.read"])
    object: str | None
    client: str | None = Field(description="the client concerned as its pseudonym (HMAC-SHA-256 of the BSN), "
                                           "never the BSN")
    reason: str | None
    outcome: str = Field(examples=["allowed", "refused"])
    service: str
    address: str | None = Field(description="the caller's network address")
    app: str | None = Field(description="the calling program")
    on_behalf_of: str | None
    legacy: bool = Field(description="moved from a service's audit table of before this log")
    prev_hash: str
    hash: str

    @staticmethod
    def of(row: Any) -> AuditEntryOut:
        return AuditEntryOut(seq=row.seq, at=utc(row.at), user=row.username, roles=[r for r in row.roles.split(",") if r],
                             municipality=row.municipality, action=row.action, object=row.object, client=row.client,
                             reason=row.reason, outcome=row.outcome, service=row.service, address=row.address,
                             app=row.app, on_behalf_of=row.on_behalf_of, legacy=row.legacy,
                             prev_hash=row.prev_hash, hash=row.hash)


class AuditPage(BaseModel):
    items: list[AuditEntryOut]
    next: str | None = Field(description="the cursor of the next page; null on the last")
    client: str | None = Field(None, description="the pseudonym searched for (of `client_bsn`): the next pages, "
                                                 "and a link, ask for it instead of the BSN")


class ChainVerification(BaseModel):
    valid: bool
    entries: int = Field(description="entries checked (up to the first bad one)")
    first_bad: int | None = Field(description="seq of the first entry that breaks the chain")
    problem: str | None
    checked_at: datetime
