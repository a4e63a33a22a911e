"""Browser tests: Playwright for Python driving Debian's chromium (headless) against one served
embedded system for the whole package — the demo region with a small generated month in it. The
browser and the server end with the package: Playwright's sync API keeps an event loop running in
the main thread while it is open, which the async tests after it cannot share.

Every page a test visits goes through `Visit.check`: axe-core (from node_modules) must find no
WCAG 2.1 A/AA violation, and a screenshot goes to var/screenshots/. The browser may reach the
served app only: any other request is refused and recorded, and a test that made one fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from services.demo.feed import feed, tokens_of
from services.demo.options import ErrorRates, GeneratorOptions
from services.demo.scenario import build_scenario
from services.gateway.region.model import read_region
from shared.frontend import node_modules
from tests.support.embedded import settle
from tests.support.infra import unavailable
from tests.support.served import Served, serving_region
from tests.support.staff import PASSWORDS

ROOT = Path(__file__).resolve().parents[2]
REGION_FILE = ROOT / "examples" / "regions" / "ijsselland.toml"
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "var" / "screenshots"
MONTH = GeneratorOptions(municipalities=2, clients=14, seed=5, error_rates=ErrorRates().scaled(4))
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FINANCE = {"Authorization": "Bearer demo-staff-financien"}


async def a_month_and_a_payment_run(runtime, client) -> None:  # type: ignore[no-untyped-def]
    region = read_region(REGION_FILE)
    report = await feed(client, build_scenario(region, MONTH).messages, tokens_of(region),
                        lambda: settle(runtime), lambda n: None)
    assert report.refused == []
    await settle(runtime)
    created = await client.post("/payments/v1/runs", json={"due_up_to": "2099-12-31"}, headers=FINANCE)
    assert created.status_code in (201, 409), created.text  # 409: nothing due, which the home page shows too


@pytest.fixture(scope="package")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving_region(tmp_path_factory.mktemp("browser-region"), REGION_FILE, a_month_and_a_payment_run) as s:
        yield s


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing (make test installs Debian's chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is missing (make install)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-dev-shm-usage"])
        yield browser
        browser.close()


class Visit:
    """A signed-out browser tab on the served app, which checks every page it is asked to."""

    def __init__(self, page: Any, served: Served) -> None:
        self.page = page
        self.served = served
        self.base_url = served.base_url
        self.outside: list[str] = []

    def goto(self, path: str, name: str) -> Any:
        self.page.goto(self.base_url + path)
        self.check(name)
        return self.page

    def check(self, name: str) -> None:
        """axe-core finds no WCAG 2.1 AA violation on the page as it is now; screenshot it."""
        self.page.wait_for_load_state("load")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.evaluate(AXE_SOURCE)  # CDP evaluation: not subject to the page's CSP
        result = self.page.evaluate("options => axe.run(document, options)",
                                    {"runOnly": {"type": "tag", "values": WCAG_21_AA}})
        violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        assert violations == [], f"{name}: {violations}"

    def sign_in(self, username: str, password: str | None = None) -> None:
        page = self.page
        page.goto(f"{self.base_url}/aanmelden")
        page.get_by_role("textbox", name="Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password or PASSWORDS[username])
        with page.expect_response(lambda r: r.request.method == "POST" and "/aanmelden" in r.url):
            page.get_by_role("button", name="Aanmelden").click(no_wait_after=True)
        # The session's start reaches the other services while the page after sign-in waits for
        # it (what the relays do in the background when the app serves for real).
        self.served.settle()
        page.wait_for_url(re.compile(r".*/(\?.*)?$|.*/wachtrij.*"))


def _axe_source() -> str:
    path = node_modules() / "axe-core" / "axe.min.js"
    return path.read_text() if path.exists() else ""


AXE_SOURCE = _axe_source()


@pytest.fixture
def visit(browser: Any, served: Served) -> Iterator[Visit]:
    if not AXE_SOURCE:
        unavailable("axe-core is missing from node_modules (make install)")
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    tab = Visit(page, served)

    def only_ours(route: Any) -> None:
        if route.request.url.startswith(served.base_url):
            route.continue_()
        else:
            tab.outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_ours)
    yield tab
    context.close()
    assert tab.outside == [], f"the page asked for something outside the app: {tab.outside}"
