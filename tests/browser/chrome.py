"""A headless Chromium driven by selenium, set to a phone's or a desktop's screen.

Debian's ``chromium`` and ``chromium-driver`` packages (``.ci/run`` installs them);
axe-core comes from npm (``npm ci`` reads ``package.json``). ``missing()`` says which
is absent, so that the tests skip with the reason.
"""

from __future__ import annotations

import base64
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = (390, 844)
DESKTOP = (1280, 900)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def missing(*, axe: bool = False) -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if chromium() is None:
        return "chromium is not installed (apt-get install chromium)"
    if not CHROMEDRIVER.exists():
        return f"{CHROMEDRIVER} is missing (apt-get install chromium-driver)"
    if axe and not AXE.exists():
        return f"{AXE.relative_to(ROOT)} is missing (npm ci)"
    return None


@contextmanager
def browser() -> Iterator[Any]:
    """A fresh headless Chromium (its own profile folder), closed afterwards."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory(prefix="briefings-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = chromium() or "chromium"
        for flag in (*FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        try:
            yield driver
        finally:
            driver.quit()


def set_screen(driver: Any, size: tuple[int, int], *, scale: float = 1) -> None:
    """Make the page's viewport ``size`` CSS pixels; narrower than 600 px as a phone
    does (the page's ``<meta name="viewport">`` then decides its layout width)."""
    width, height = size
    driver.set_window_size(width, height)
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": width < 600},
    )


def screenshot(driver: Any, path: Path, *, max_height: int) -> None:
    """A PNG of the page from its top, at most ``max_height`` CSS pixels of it."""
    width = driver.execute_script("return document.documentElement.clientWidth")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    clip = {"x": 0, "y": 0, "width": width, "height": min(height, max_height), "scale": 1}
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True}
    )
    path.write_bytes(base64.b64decode(shot["data"]))
