"""Write a ``Document`` as an editable DOCX with python-docx.

Chinese gets its font the way Word expects: the East Asian slot of ``w:rFonts`` and
``w:lang w:eastAsia="zh-CN"`` are set on the styles, not run by run, so text typed
later in Word keeps the right font. The zip is written with fixed entry times so that
the same document gives the same bytes.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as new_docx

from briefings import model
from briefings.theme import Theme
from briefings.writers.docx.ooxml import _dated_package, _slim_template
from briefings.writers.docx.spool import BodySpool
from briefings.writers.docx.writer import _DocxWriter


def write_docx(document: model.Document, theme: Theme, reference: Path | None = None) -> bytes:
    """Render ``document`` to DOCX bytes, using ``reference`` (a user's .docx) for
    styles and page setup where given."""
    if reference is None:
        docx = new_docx(io.BytesIO(styled_base(theme)))
        style_ids = _style_ids.setdefault(repr(theme), {})
    else:
        docx = new_docx(str(reference))
        style_ids = {}
    writer = _DocxWriter(docx, document, theme, style_ids)
    writer.setup(keep_user_styles=reference is not None, prepared=reference is None)
    with BodySpool(docx) as writer.spool:
        for block in document.blocks:
            writer.block(block)
            writer.flush()
        return _dated_package(docx, document.meta.created_at, writer.spool)


_styled_bases: dict[str, bytes] = {}
_style_ids: dict[str, dict[str, str | None]] = {}


def styled_base(theme: Theme) -> bytes:
    """An empty DOCX with the page and styles of ``theme``, made once per process: the
    styles are the same for every document, and setting them up costs more than
    writing a short briefing. (A build makes it before forking its workers, so they
    share it.)"""
    key = repr(theme)
    if key not in _styled_bases:
        docx = new_docx()
        _slim_template(docx)
        _DocxWriter(docx, model.Document(model.Metadata(title="", lang="")), theme).prepare(
            keep_user_styles=False
        )
        buffer = io.BytesIO()
        docx.save(buffer)
        _styled_bases[key] = buffer.getvalue()
    return _styled_bases[key]
