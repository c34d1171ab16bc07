"""Screenshots of the HTML edition for the documentation: three pages of the example
at a phone's width and at a desktop's, from the top. Run ``docs/renders/html.sh``."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from briefings.theme import Theme
from briefings.writers.html import HtmlWriter
from tests.browser import chrome
from tests.browser.example import example_documents

PAGES = (("en", "visit-report"), ("zh", "dg-regio"), ("en+zh", "dg-regio"))
SCREENS = (("phone", chrome.PHONE, 2, 2 * chrome.PHONE[1]), ("desktop", chrome.DESKTOP, 1, 1200))
"""Name, size, pixels per CSS pixel, and how much of the page (CSS pixels) to show."""


def main(out: Path) -> None:
    reason = chrome.missing()
    if reason:
        sys.exit(f"cannot make the screenshots: {reason}")
    writer = HtmlWriter(Theme())
    with tempfile.TemporaryDirectory() as folder, chrome.browser() as driver:
        for lang, name in PAGES:
            page = Path(folder) / f"{lang}-{name}.html"
            page.write_bytes(writer.write(example_documents(lang)[name]))
            for screen, size, scale, height in SCREENS:
                chrome.set_screen(driver, size, scale=scale)
                driver.get(page.as_uri())
                target = out / f"html-{lang}-{name}-{screen}.png"
                chrome.screenshot(driver, target, max_height=height)
                print(target)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/renders"))
