"""A peer: the baseline's sections typeset by Typst (the ``typst`` package), PDF only.

Every briefing and the report, in English and Chinese, each compiled to its own PDF
from one fixed Typst template. A document's sections reach the template as JSON in
``sys.inputs``, so no record text is ever read as Typst markup. Fonts come from the
build's own font folder only (Liberation Sans, WenQuanYi Micro Hei), scanned once per
process by one compiler, as briefings loads its fonts once per process.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import typst

from benchmarks.sections import Sections, documents, load_visit

FONTS = Path(__file__).resolve().parent.parent / "src" / "briefings" / "fonts" / "data"
FONT_FAMILIES = {"en": "Liberation Sans", "zh": "WenQuanYi Micro Hei"}

# Sizes as the baseline's reportlab styles: headings 16 and 12.5 pt, text 10.5, cells 9.5.
TEMPLATE = b"""
#let doc = json(bytes(sys.inputs.document))
#set page(paper: "a4")
#set text(font: doc.font, size: 10.5pt, lang: doc.lang)
#show heading.where(level: 1): set text(size: 16pt)
#show heading.where(level: 2): set text(size: 12.5pt)
#show table: set text(size: 9.5pt)
#for (kind, value) in doc.sections {
  if kind == "h1" { heading(level: 1, value) }
  else if kind == "h2" { heading(level: 2, value) }
  else if kind == "p" { par(value) }
  else if kind == "li" { list(value) }
  else if kind == "table" and value.len() > 0 {
    table(columns: value.at(0).len(), stroke: none, ..value.flatten())
  }
}
"""


def compile_pdf(compiler: typst.Compiler, sections: Sections, lang: str, path: Path) -> None:
    """Typeset one document's sections in ``lang`` to the PDF ``path``."""
    document = {"lang": lang, "font": FONT_FAMILIES[lang], "sections": sections}
    pdf = compiler.compile(
        TEMPLATE,
        format="pdf",
        sys_inputs={"document": json.dumps(document, ensure_ascii=False)},
        timestamp=int(os.environ.get("SOURCE_DATE_EPOCH", "0")),
    )
    assert isinstance(pdf, bytes)  # one PDF; a list only for one image per page
    path.write_bytes(pdf)


def build_typst(visit_dir: Path, out: Path, langs: tuple[str, ...] = ("en", "zh")) -> int:
    """Write every briefing and the report of ``visit_dir`` as PDF with Typst; returns
    the number of files written."""
    compiler = typst.Compiler(font_paths=[str(FONTS)], ignore_system_fonts=True)
    visit, meetings = load_visit(visit_dir)
    count = 0
    for lang in langs:
        (out / lang).mkdir(parents=True, exist_ok=True)
        for name, sections in documents(visit, meetings, lang):
            compile_pdf(compiler, sections, lang, out / lang / f"{name}.pdf")
            count += 1
    return count
