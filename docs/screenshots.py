"""The README's screenshots of the workbench, one per role, from a running demo.

    make run                                   # in one terminal: the demo month on :8000
    .venv/bin/python docs/screenshots.py       # in another: writes docs/screenshots/*.png

Signs in as each demo user with Debian's chromium (as the browser tests do), opens the screen
that role works in most, and keeps a 1280-pixel-wide picture of it, reduced to a 256-colour
palette (the text stays sharp; a picture is a fifth of its size) so the repository stays small.
A role whose screen is not in its menu (not built yet) is skipped.
"""

from __future__ import annotations

import argparse
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, sync_playwright

from services.gateway.region.model import read_region

HERE = Path(__file__).resolve().parent
DEMO_REGION = HERE.parent / "examples/regions/ijsselland.toml"
DEMO_PASSWORDS = {u.username: u.password for u in read_region(DEMO_REGION).staff}
CHROMIUM = "/usr/bin/chromium"
WIDTH, HEIGHT = 1280, 900


@dataclass(frozen=True)
class Shot:
    file: str
    username: str
    paths: tuple[str, ...]
    """The first of these the user's menu links to (by its path without the query) is pictured."""
    any_screen: bool = False
    """Failing those, the first screen of the menu after the home page (or the home page)."""
    until: str | None = None
    """A CSS selector: the picture runs down to the end of this element instead of one screen."""
    upload: str | None = None
    """The text of a file to choose in the page's file field and send with its first button."""


def broken_demo_region() -> str:
    """The demo region with three mistakes people make: a municipality code without its leading
    zero, a key the file does not know, a new user's password that is too short."""
    return DEMO_REGION.read_text().replace('code = "0148"', 'code = "148"').replace(
        'name = "Zwolle"', 'name = "Zwolle"\ninwoners = 130000') + (
        '\n[[staff]]\nusername = "toegang.kampen"\nroles = ["access"]\nmunicipalities = ["0166"]\n'
        'password = "kampen2026"\n')


SHOTS = (
    Shot("finance.png", "financien", ("/wachtrij",)),
    Shot("access.png", "toegang.zwolle", ("/verzoeken", "/toewijzingen"), any_screen=True),
    Shot("controller.png", "controller", ("/budget?gemeente=0193",), until="figure"),
    Shot("admin.png", "beheer", ("/audit", "/auditlog", "/logboek")),
    Shot("admin-region.png", "beheer", ("/beheer/regiobestand",), upload=broken_demo_region(),
         until=".wb-region-report"),
)


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/aanmelden")
    page.get_by_role("textbox", name="Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORDS[username])
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state("load")


def chosen_path(page: Page, shot: Shot) -> str | None:
    menu = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link")
    screens = [menu.nth(i).get_attribute("href") or "/" for i in range(menu.count())]
    wanted = [path for path in shot.paths if path.split("?")[0] in screens]
    if wanted:
        return wanted[0]
    return ([s for s in screens if s != "/"] + ["/"])[0] if shot.any_screen else None


def send_file(page: Page, text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        chosen = Path(folder) / "regio.toml"
        chosen.write_text(text)
        page.locator("input[type=file]").set_input_files(chosen)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state("load")


def picture(page: Page, until: str | None) -> bytes:
    if until is None:
        return page.screenshot(full_page=False)
    box = page.locator(until).first.bounding_box()
    bottom = int(box["y"] + box["height"] + 24) if box else HEIGHT
    return page.screenshot(full_page=True, clip={"x": 0, "y": 0, "width": WIDTH, "height": bottom})


def small_png(png: bytes) -> bytes:
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=HERE / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        for shot in SHOTS:
            context = browser.new_context(locale="nl-NL", viewport={"width": WIDTH, "height": HEIGHT})
            page = context.new_page()
            sign_in(page, args.base_url, shot.username)
            path = chosen_path(page, shot)
            if path is None:
                print(f"{shot.file}: skipped, {shot.username} has none of {', '.join(shot.paths)} yet")
            else:
                page.goto(args.base_url + path)
                page.wait_for_load_state("load")
                if shot.upload is not None:
                    send_file(page, shot.upload)
                data = small_png(picture(page, shot.until))
                (args.out / shot.file).write_bytes(data)
                print(f"{shot.file}: {path}, {len(data) // 1024} KB")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
