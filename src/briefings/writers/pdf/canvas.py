"""The canvas: "Page X of Y" furniture, bookmarks on their page, each page's stream
compressed as soon as the page is done, and the document's own timestamp; and a draft
canvas that draws nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from reportlab import rl_config
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

Furniture = Callable[[Canvas, int, int], None]


def _numbered_canvas(furniture: Furniture, created: datetime, pages: int | None) -> type[Canvas]:
    """A canvas class that draws ``furniture`` on every page. With ``pages`` known (a
    draft pass counted them) each page is finished as soon as it ends; otherwise the
    pages are kept until ``save``, when their number is known."""

    class NumberedCanvas(_CompressingCanvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = _timestamp(created)
            self._page_states: list[dict[str, Any]] = []
            self._bookmarks: list[tuple[Any, ...]] = []

        def bookmarkPage(self, *args: Any, **kwargs: Any) -> None:  # noqa: N802
            if pages is not None:
                super().bookmarkPage(*args, **kwargs)
                return
            # A bookmark names the page being written; held pages are written only in
            # save(), so the bookmark waits for its page there.
            self._bookmarks.append((args, kwargs))

        def showPage(self) -> None:  # noqa: N802 - reportlab's API
            if pages is not None:
                furniture(self, self._pageNumber, pages)
                super().showPage()
                return
            self._page_states.append(
                {**self.__dict__, "_bookmarks_of_page": self._bookmarks, "_bookmarks": []}
            )
            self._bookmarks = []
            self._startPage()

        def save(self) -> None:
            held = len(self._page_states)
            for number, state in enumerate(self._page_states, start=1):
                bookmarks = state.pop("_bookmarks_of_page", [])
                self.__dict__.update(state)
                for args, kwargs in bookmarks:
                    super().bookmarkPage(*args, **kwargs)
                furniture(self, number, held)
                super().showPage()
            self._page_states = []
            super().save()

    return NumberedCanvas


class _CompressingCanvas(Canvas):  # type: ignore[misc]
    """Compresses each page's content as the page is added, as reportlab would when
    saving (same filters, same bytes): a long document then holds its pages
    compressed, not as the text of their drawing operators."""

    def showPage(self) -> None:  # noqa: N802 - reportlab's API
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if not page.compression or not page.stream:
            return
        filters = [pdfdoc.PDFZCompress]
        if rl_config.useA85:
            filters.insert(0, pdfdoc.PDFBase85Encode)
        content = page.stream
        for encoding in reversed(filters):
            content = encoding.encode(content)
        stream = pdfdoc.PDFStream(content=content)
        stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(f.pdfname) for f in filters])
        stream.__Comment__ = "page stream"
        page.Contents, page.stream = stream, None


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
