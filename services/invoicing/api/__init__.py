"""HTTP routes of the invoicing service."""

from fastapi import APIRouter

from shared.service import ServiceContainer


def routers(container: ServiceContainer) -> list[APIRouter]:
    return []
