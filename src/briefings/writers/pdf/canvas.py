"""The canvas: reportlab's "Page X of Y" recipe, with bookmarks on their page and the
document's own timestamp."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from reportlab.pdfgen.canvas import Canvas

Furniture = Callable[[Canvas, int, int], None]
"""``furniture(canvas, page, pages)`` draws the running header and footer of a page."""


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that keeps each finished page's state and, at ``save``, when the page
    count is known, draws ``furniture`` on every page and writes them."""

    def __init__(self, *args: Any, furniture: Furniture, created: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.furniture = furniture
        stamp = f"D:{created:%Y%m%d%H%M%S}+00'00'"
        self.setDateFormatter(lambda *date: stamp)
        self.page_states: list[dict[str, Any]] = []
        self.page_bookmarks: list[tuple[Any, ...]] = []

    def bookmarkPage(self, *args: Any) -> None:  # noqa: N802 - reportlab's API
        # A bookmark names the page being written, and pages are written at save:
        # it waits for its page there.
        self.page_bookmarks.append(args)

    def showPage(self) -> None:  # noqa: N802 - reportlab's API
        self.page_states.append(dict(self.__dict__))
        self.page_bookmarks = []
        self._startPage()

    def save(self) -> None:
        pages = len(self.page_states)
        for number, state in enumerate(self.page_states, start=1):
            self.__dict__.update(state)
            for bookmark in self.page_bookmarks:
                super().bookmarkPage(*bookmark)
            self.furniture(self, number, pages)
            super().showPage()
        super().save()


class LayoutCanvas(Canvas):  # type: ignore[misc]
    """The canvas of a pass that only lays the pages out: ``multiBuild`` saves the last
    pass's canvas only, so a pass that cannot be the last (the contents do not know
    their pages yet) need not draw, and its pages are not kept."""

    def bookmarkPage(self, *args: Any) -> None:  # noqa: N802 - reportlab's API
        pass

    def showPage(self) -> None:  # noqa: N802 - reportlab's API
        self._startPage()


def drawing(canvas: Canvas) -> bool:
    """Whether what is drawn on ``canvas`` is kept (not a ``LayoutCanvas``)."""
    return not isinstance(canvas, LayoutCanvas)
