"""The stylesheet of the HTML edition, made from a ``Theme``: phone first, then wider
screens, then print.

Sizes are the theme's point sizes relative to its body size, in ``rem``, so that a
reader's own text size is respected on screen; in print, ``1rem`` is the body size in
points and the sizes are the theme's. Fonts are the systems' own: a stack that has a
Chinese face on every platform (PingFang SC on Apple, Microsoft YaHei on Windows, Noto
Sans CJK SC on Android and Linux), so no font is downloaded.
"""

from __future__ import annotations

import re
from string import Template

from briefings.theme import Theme

CHINESE_FONTS = (
    '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", '
    '"Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei"'
)
LATIN_FONTS = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, '
    '"Liberation Sans", "Noto Sans"'
)
NARROW = "40rem"
"""Below this width, wide tables become cards and the schedule one column."""
WIDE = "48rem"
"""From this width, the two languages of a bilingual row stand side by side."""

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")

_CSS = Template(
    """\
:root{--accent:$accent;--rule:$rule;--header-fill:$header_fill;--header-text:$header_text_color;\
--stripe:$stripe_fill;--text:$body_color;--note:$note_color;--marking:$marking_color;\
--kicker:$kicker_color;--label:$label_color;--furniture:$furniture_color}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--text);font-family:$latin_fonts, $chinese_fonts, \
sans-serif;font-size:1rem;line-height:$leading;overflow-wrap:anywhere}
:lang(zh){font-family:$chinese_fonts, $latin_fonts, sans-serif}
body:lang(zh),div:lang(zh),td:lang(zh),th:lang(zh){line-height:$cjk_leading}
main,.running{max-width:72rem;margin:0 auto;padding:0 1rem}
.running{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;\
color:var(--furniture);font-size:$furniture_size}
.running p{margin:0}
header.running{border-bottom:1px solid var(--rule);padding-top:.5rem;padding-bottom:.5rem}
footer.running{border-top:1px solid var(--rule);margin-top:2rem;padding-top:.75rem;\
padding-bottom:1.5rem}
.marking{color:var(--marking);font-weight:700}
a{color:var(--accent)}
h1,h2,h3{line-height:1.3;margin:1.4em 0 .5em}
h1{font-size:$h1_size;color:$h1_color}
h2{font-size:$h2_size;color:$h2_color}
h3{font-size:$h3_size;color:$h3_color}
p{margin:0 0 .6em}
main>p,main>ul,.side>p,.side>ul{max-width:48rem}
.lead{font-size:$lead_size;color:$lead_color}
.subtitle{font-size:$subtitle_size;color:$subtitle_color}
.note{font-size:$note_size;color:var(--note)}
p.marking{font-size:$marking_size}
ul,ol{margin:0 0 .8em;padding-left:1.4rem}
li{margin-bottom:.3em}
.cover{border-top:6px solid var(--accent);border-bottom:1px solid var(--rule);\
margin:1rem 0 1.5rem;padding-top:.6rem}
.kicker{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;\
color:var(--kicker);font-size:$kicker_size;font-weight:700}
.kicker .marking{margin-left:auto}
.title{font-size:clamp(1.45rem,1rem + 2.5vw,$title_size);color:$title_color;font-weight:700;\
line-height:1.25;margin:.4em 0 .6em}
.details{display:grid;grid-template-columns:fit-content(35%) 1fr;gap:.3rem 1rem;\
margin:0 0 1rem;font-size:$cell_size}
.details div{display:contents}
.details dt{color:var(--label);font-weight:700;word-break:keep-all}
.details dd{margin:0}
table{width:100%;border-collapse:collapse;table-layout:fixed;margin:.25rem 0 1.25rem;\
font-size:$cell_size}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid var(--rule)}
thead th{background:var(--header-fill);color:var(--header-text)}
tbody th{color:var(--label)}
table.grid tbody tr:nth-child(even){background:var(--stripe)}
th p,td p{margin:0}
th p+p,td p+p{margin-top:.3em}
td ul{margin:0;padding-left:1rem}
.other-language{border-left:2px solid var(--rule)}
.contents ol{list-style:none;padding-left:0}
.contents ol ol{padding-left:1.25rem;margin:.3em 0 .5em;font-size:$note_size}
.contents>ol>li>a{font-weight:700}
.schedule{list-style:none;padding:0;display:grid;gap:.75rem;margin:.5rem 0 1rem}
.day{background:var(--stripe);border-top:3px solid var(--header-fill);padding:.5rem .75rem}
.day-title{font-weight:700;color:var(--label)}
.events{list-style:none;padding:0;margin:0}
.events li{margin:.4em 0 0}
.time{display:block;font-weight:700;font-variant-numeric:tabular-nums}
.pair>.side+.side{border-top:1px dashed var(--rule);padding-top:.4rem}
.page-break{height:0}
.name{white-space:nowrap}
@media screen and (max-width:$narrow){
table.cards,table.cards tbody,table.cards tr,table.cards th,table.cards td{display:block;\
width:auto}
table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;\
clip-path:inset(50%);white-space:nowrap}
table.cards tr{border:1px solid var(--rule);border-radius:.4rem;margin:0 0 .75rem;\
padding:.3rem .75rem}
table.cards th,table.cards td{border:0;padding:.2rem 0}
table.cards .other-language{border-left:0;border-top:1px dashed var(--rule);padding-top:.4rem}
table.cards td[data-label]{position:relative;padding-left:calc(30% + .75rem)}
table.cards td[data-label]::before{content:attr(data-label);position:absolute;left:0;width:30%;\
color:var(--label);font-weight:700}
}
@media screen and (min-width:$narrow){
.schedule{grid-template-columns:repeat(auto-fit,minmax(9rem,1fr))}
}
@media screen and (min-width:$wide){
.pair{display:grid;grid-template-columns:1fr 1fr;column-gap:1.5rem}
.pair>.side+.side{border-top:0;padding-top:0;border-left:1px solid var(--rule);padding-left:1.5rem}
}
@page{size:${page_width}mm ${page_height}mm;\
margin:${margin_top}mm ${margin_right}mm ${margin_bottom}mm ${margin_left}mm}
@media print{
html{font-size:${body_size}pt}
body{overflow-wrap:break-word;-webkit-print-color-adjust:exact;print-color-adjust:exact}
main,.running{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
.pair{display:grid;grid-template-columns:1fr 1fr;column-gap:6mm}
.pair>.side+.side{border-top:0;padding-top:0;border-left:.4pt solid var(--rule);padding-left:3mm}
.schedule{grid-template-columns:repeat(auto-fit,minmax(22mm,1fr))}
.page-break{break-after:page}
h1,h2,h3,.kicker,.day-title{break-after:avoid}
tr,li,.cover,.day,.pair{break-inside:avoid}
thead{display:table-header-group}
}
"""
)


def stylesheet(theme: Theme) -> str:
    """The CSS of every page written with ``theme``."""
    body = theme.look("body")

    def size(name: str) -> str:
        return f"{theme.look(name).size / body.size:.4g}rem"

    def colour(value: str) -> str:
        if not _COLOUR.fullmatch(value):
            raise ValueError(f"a theme colour must be #rrggbb, not {value!r}")
        return value.lower()

    values: dict[str, str] = {
        "accent": colour(theme.accent),
        "rule": colour(theme.rule),
        "header_fill": colour(theme.header_fill),
        "stripe_fill": colour(theme.stripe_fill),
        "latin_fonts": LATIN_FONTS,
        "chinese_fonts": CHINESE_FONTS,
        "leading": f"{body.leading:.3g}",
        "cjk_leading": f"{max(body.leading + 0.2, 1.6):.3g}",
        "narrow": NARROW,
        "wide": WIDE,
        "body_size": f"{body.size:g}",
        "page_width": f"{theme.page_width_mm:g}",
        "page_height": f"{theme.page_height_mm:g}",
        "margin_top": f"{theme.margin_top_mm:g}",
        "margin_right": f"{theme.margin_right_mm:g}",
        "margin_bottom": f"{theme.margin_bottom_mm:g}",
        "margin_left": f"{theme.margin_left_mm:g}",
    }
    # The stylesheet's name of each look of the theme: its own, but for two cell looks.
    looks = {"label": "label-cell", "header_text": "header-cell"}
    looks |= {name: name for name in ("body", "note", "marking", "kicker", "furniture")}
    looks |= {name: name for name in ("h1", "h2", "h3", "lead", "subtitle", "title", "cell")}
    for key, look in looks.items():
        values[f"{key}_color"] = colour(theme.look(look).color)
        values[f"{key}_size"] = size(look)
    return _CSS.substitute(values)
