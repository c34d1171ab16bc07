"""Font tests keep converted fonts in a private cache folder."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTO_SERIF = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
needs_noto = pytest.mark.skipif(
    not NOTO_SERIF.is_file(),
    reason=f"Noto Serif CJK is not installed ({NOTO_SERIF}; Debian: fonts-noto-cjk)",
)


@pytest.fixture(autouse=True)
def font_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "briefings" / "fonts"
