"""HTTP routes of the gateway service."""

from fastapi import APIRouter

from services.gateway.api.messages import messages_router
from shared.service import ServiceContainer


def routers(container: ServiceContainer) -> list[APIRouter]:
    return [messages_router(container.context)]
