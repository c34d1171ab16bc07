"""The output folder of an html build as a phone shows it: the index (with its
calendar links) and each delegate's programme read without sideways scrolling, and
axe-core finds no violation in them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefings.build import BuildOptions, build
from tests.browser import chrome
from tests.browser.test_html_pages import AXE_RUN
from tests.conftest import EXAMPLE, FIXED_TIME

pytestmark = pytest.mark.skipif(bool(chrome.missing()), reason=chrome.missing() or "")

PAGES = ["index.html", "en/delegates/li-wei.html", "zh/delegates/wang-lei.html"]
PAGES += ["en+zh/delegates/chen-jing.html"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built-site")
    options = BuildOptions(
        out=out,
        langs=("en", "zh", "en+zh"),
        formats=("html", "ics"),
        created=FIXED_TIME,
        per_delegate=True,
    )
    build(EXAMPLE, options)
    return out


@pytest.fixture(scope="module")
def phone() -> Iterator[Any]:
    with chrome.browser() as driver:
        driver.set_script_timeout(60)
        chrome.set_screen(driver, chrome.PHONE)
        yield driver


@pytest.mark.parametrize("page", PAGES)
def test_a_built_page_reads_on_a_phone_without_sideways_scrolling(
    phone: Any, site: Path, page: str
) -> None:
    phone.get((site / page).as_uri())
    width, inner = phone.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert inner == chrome.PHONE[0] and width <= inner


def test_the_index_links_pages_and_calendars_that_exist(phone: Any, site: Path) -> None:
    phone.get((site / "index.html").as_uri())
    hrefs = phone.execute_script(
        "return Array.from(document.querySelectorAll('main a')).map(a => a.href)"
    )
    assert any(href.endswith("/en/visit.ics") for href in hrefs)
    assert any(href.endswith("/zh/delegates/wang-lei.html") for href in hrefs)
    for href in hrefs:
        assert Path(href.removeprefix("file://")).is_file(), href


@pytest.mark.skipif(bool(chrome.missing(axe=True)), reason=chrome.missing(axe=True) or "")
@pytest.mark.parametrize("page", PAGES)
def test_axe_finds_no_violation_in_a_built_page(phone: Any, site: Path, page: str) -> None:
    phone.get((site / page).as_uri())
    phone.execute_script(chrome.AXE.read_text(encoding="utf-8"))
    assert phone.execute_async_script(AXE_RUN) == []
