"""The workbench's screens in the main navigation, each with the role it needs: a user sees only
the screens of their roles (admins have every role, StaffPrincipal.has). A new screen adds one
line here."""

from __future__ import annotations

from dataclasses import dataclass

from shared.auth.principal import Role, StaffPrincipal


@dataclass(frozen=True)
class Screen:
    label: str
    path: str
    role: Role | None = None
    also: Role | None = None
    """A second role that sees the screen (the auditor reads what admins and controllers read)."""


SCREENS: tuple[Screen, ...] = (
    Screen("Overzicht", "/"),
    Screen("Wachtrij declaraties", "/wachtrij", Role.FINANCE),
    Screen("Declaraties zoeken", "/declaraties", Role.FINANCE),
    Screen("Betaalrondes", "/betaalrondes", Role.FINANCE),
    Screen("Bankafschriften", "/bankafschriften", Role.FINANCE),
    Screen("Voorschotten", "/voorschotten", Role.FINANCE),
    Screen("Budgetuitputting", "/budget", Role.CONTROLLER),
    Screen("Budgetplafonds", "/plafonds", Role.CONTROLLER),
    Screen("Verwijzingen", "/verwijzingen", Role.CONTROLLER),
    Screen("Grootboek en verevening", "/grootboek", Role.CONTROLLER),
    Screen("Vaste bedragen", "/vaste-bedragen", Role.FINANCE),
    Screen("Percelen", "/percelen", Role.CONTROLLER),
    Screen("Hoofdaannemers", "/aannemers", Role.CONTROLLER),
    Screen("Tarieven", "/tarieven", Role.CONTROLLER),
    Screen("Uitkomsten", "/uitkomsten", Role.CONTROLLER),
    Screen("Uitkomstafspraken", "/uitkomstafspraken", Role.FINANCE),
    Screen("Verzoeken", "/verzoeken", Role.ACCESS),
    Screen("Cliënten", "/clienten", Role.ACCESS),
    Screen("Nieuwe toewijzing", "/toewijzingen/nieuw", Role.ACCESS),
    Screen("Rechtmatigheid", "/rechtmatigheid", Role.CONTROLLER, Role.AUDITOR),
    Screen("Auditlog", "/auditlog", Role.ADMIN, Role.AUDITOR),
    Screen("Gebruikers", "/beheer/gebruikers", Role.ADMIN),
    Screen("Regiobestand", "/beheer/regiobestand", Role.ADMIN),
)

ROLE_NAMES = {Role.ACCESS: "toegang", Role.FINANCE: "financiën", Role.CONTROLLER: "control", Role.ADMIN: "beheer",
              Role.AUDITOR: "accountant"}


def screens_for(user: StaffPrincipal) -> list[Screen]:
    return [s for s in SCREENS if sees(user, s)]


def sees(user: StaffPrincipal, screen: Screen) -> bool:
    return screen.role is None or user.has(screen.role) or (screen.also is not None and screen.also in user.roles)


def role_names(user: StaffPrincipal) -> list[str]:
    return [ROLE_NAMES[role] for role in Role if role in user.roles]
