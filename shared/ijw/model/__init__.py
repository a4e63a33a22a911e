"""Typed, immutable models of the 14 iJw 3.2 messages."""

from shared.ijw.model.allocation import Jw301, Jw302
from shared.ijw.model.declaration import Jw323, Jw325
from shared.ijw.model.delivery import Jw305, Jw306, Jw307, Jw308
from shared.ijw.model.request import Jw315, Jw316, Jw317, Jw318, Jw319, Jw320

Message = Jw301 | Jw302 | Jw305 | Jw306 | Jw307 | Jw308 | Jw315 | Jw316 | Jw317 | Jw318 | Jw319 | Jw320 | Jw323 | Jw325

__all__ = [
    "Message",
    "Jw301", "Jw302", "Jw305", "Jw306", "Jw307", "Jw308", "Jw315",
    "Jw316", "Jw317", "Jw318", "Jw319", "Jw320", "Jw323", "Jw325",
]
