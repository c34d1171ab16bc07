"""The canvas: pages kept until the end for "Page X of Y", bookmarks deferred to
their page, and the document's own timestamp; and a draft canvas that draws nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas


def _numbered_canvas(
    furniture: Callable[[Canvas, int, int], None], created: datetime
) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Keeps each page until the end, so the footer can say "Page X of Y"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = _timestamp(created)
            self._page_states: list[dict[str, Any]] = []
            self._bookmarks: list[tuple[Any, ...]] = []

        def bookmarkPage(self, *args: Any, **kwargs: Any) -> None:  # noqa: N802
            # A bookmark names the page being written; pages are written only in
            # save(), so the bookmark waits for its page there.
            self._bookmarks.append((args, kwargs))

        def showPage(self) -> None:  # noqa: N802 - reportlab's API
            self._page_states.append(
                {**self.__dict__, "_bookmarks_of_page": self._bookmarks, "_bookmarks": []}
            )
            self._bookmarks = []
            self._startPage()

        def save(self) -> None:
            pages = len(self._page_states)
            for number, state in enumerate(self._page_states, start=1):
                bookmarks = state.pop("_bookmarks_of_page", [])
                self.__dict__.update(state)
                for args, kwargs in bookmarks:
                    super().bookmarkPage(*args, **kwargs)
                furniture(self, number, pages)
                super().showPage()
            super().save()

    return NumberedCanvas


class DraftCanvas(Canvas):  # type: ignore[misc]
    """A canvas for a layout-only pass: flowables that see ``drafting`` skip their
    drawing, and pages and the file are never written."""

    def bookmarkPage(self, *args: Any, **kwargs: Any) -> None:  # noqa: N802
        pass

    def showPage(self) -> None:  # noqa: N802
        self._startPage()

    def save(self) -> None:
        pass


def drafting(canvas: Canvas) -> bool:
    """Whether ``canvas`` belongs to a layout-only pass, where drawing is wasted."""
    return isinstance(canvas, DraftCanvas)


def _timestamp(created: datetime) -> TimeStamp:
    stamp = TimeStamp(invariant=1)
    stamp.t = created.timestamp()
    stamp.lt = created.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp
