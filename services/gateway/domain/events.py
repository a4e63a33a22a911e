"""Event types of the gateway, and the integration events it exchanges with the services."""

from shared.events.registry import EventType

MESSAGE_RECEIVED = "gateway.MessageReceived"
MESSAGE_STATUS_REPORTED = "gateway.MessageStatusReported"
MAILBOX_MESSAGE_DELIVERED = "gateway.MailboxMessageDelivered"
MAILBOX_MESSAGE_ACKNOWLEDGED = "gateway.MailboxMessageAcknowledged"
PARTY_REGISTERED = "gateway.PartyRegistered"
PARTY_TOKEN_ISSUED = "gateway.PartyTokenIssued"
STAFF_USER_REGISTERED = "gateway.StaffUserRegistered"
STAFF_TOKEN_ISSUED = "gateway.StaffTokenIssued"
STAFF_USER_REMOVED = "gateway.StaffUserRemoved"
STAFF_SESSION_STARTED = "gateway.StaffSessionStarted"
STAFF_SESSION_ENDED = "gateway.StaffSessionEnded"
REGION_SECTION_CHANGED = "gateway.RegionSectionChanged"
REGION_FILE_LOADED = "gateway.RegionFileLoaded"

TYPES: tuple[EventType, ...] = tuple(
    EventType(name, 1)
    for name in (
        MESSAGE_RECEIVED, MESSAGE_STATUS_REPORTED, MAILBOX_MESSAGE_DELIVERED, MAILBOX_MESSAGE_ACKNOWLEDGED,
        PARTY_REGISTERED, PARTY_TOKEN_ISSUED, STAFF_USER_REGISTERED, STAFF_TOKEN_ISSUED, REGION_SECTION_CHANGED,
        STAFF_USER_REMOVED, STAFF_SESSION_STARTED, STAFF_SESSION_ENDED, REGION_FILE_LOADED,
    )
)
