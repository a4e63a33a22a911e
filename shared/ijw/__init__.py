"""iJw (Jeugdwet) schemas and XML codec, per release (shared.ijw.releases; 3.2 is the one read).

    decode(data) -> model          level 1: hardened parse + XSD of the release the header names; raises IjwError
    encode(model) -> bytes         XSD-validated output; raises IjwError
    check(model) -> [Finding]      level 2: the release's in-message rules (CS/CD/TR), every failure
    validate(data) -> Report       both levels, for tools
    message_code(data) -> "323"    cheap look at the BerichtCode
"""

from shared.ijw.codec import decode, encode, message_code
from shared.ijw.errors import Finding, IjwError
from shared.ijw.model import Message
from shared.ijw.releases import check
from shared.ijw.schemas import BUNDLED_SCHEMA_DIR
from shared.ijw.streaming import decode_jw323_file, decode_jw323_stream
from shared.ijw.validation import Report, validate, validate_file

__all__ = [
    "BUNDLED_SCHEMA_DIR", "Finding", "IjwError", "Message", "Report", "check", "decode", "decode_jw323_file",
    "decode_jw323_stream", "encode", "message_code", "validate", "validate_file",
]
