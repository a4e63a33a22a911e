"""HTTP routes of the gateway service."""

from fastapi import APIRouter

from shared.service import ServiceContainer


def routers(container: ServiceContainer) -> list[APIRouter]:
    return []
