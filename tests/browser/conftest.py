"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

`make browser` (a prerequisite of `make test`) installs /usr/bin/chromium; never run
`playwright install`. One browser per session, a fresh context per test.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the
# factories in the same test are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


class PageProblems:
    """Console errors, uncaught exceptions and dialogs seen by a page."""

    def __init__(self, page):
        self.console_errors = []
        self.page_errors = []
        self.dialogs = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        page.on("dialog", self._dialog)

    def _console(self, msg):
        if msg.type == "error":
            self.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_none(self):
        assert self.dialogs == [], f"a dialog fired (script ran): {self.dialogs}"
        assert self.page_errors == [], self.page_errors
        assert self.console_errors == [], self.console_errors


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    context.set_default_timeout(5000)
    page = context.new_page()
    page.problems = PageProblems(page)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()
