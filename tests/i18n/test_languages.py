"""A new language needs one command and catalogues, no code: French, and a pseudo-locale
(every translation is its English source in capitals, as Sphinx tests do) that CLDR
does not know, built from catalogues generated here into a temporary folder."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po
from click.testing import CliRunner

from briefings.cli import main
from briefings.i18n.catalogues import catalogue_path
from tests.conftest import VisitFactory
from tests.helpers import docx_text, pdf_fonts, pdf_text, squash
from tests.i18n.po import fill_po

PSEUDO = "en-XA"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def pseudo(text: str) -> str:
    """``Page {page} of {pages}`` -> ``PAGE {page} OF {pages}``: placeholders kept."""
    return "".join(
        part if part.startswith("{") else part.upper() for part in re.split(r"(\{\w+\})", text)
    )


def translate_everything(po: Path) -> None:
    with po.open("rb") as handle:
        ids = [str(m.id) for m in read_po(handle) if m.id]
    fill_po(po, {source: pseudo(source) for source in ids})


def test_pseudo_locale_builds_without_code_changes(example: Path, tmp_path: Path) -> None:
    translations = tmp_path / "translations"
    assert run("i18n", "init", PSEUDO, "--translations", str(translations)).exit_code == 0
    translate_everything(catalogue_path(PSEUDO, translations))
    assert run("i18n", "extract-content", str(example), "--lang", PSEUDO).exit_code == 0
    translate_everything(example / "translations" / f"{PSEUDO}.po")

    out = tmp_path / "out"
    args = ["build", str(example), "--out", str(out), "--lang", PSEUDO, "--strict"]
    result = run(*args, "--translations", str(translations))
    assert result.exit_code == 0, result.output
    assert f"CLDR has no locale '{PSEUDO}': dates and lists are formatted as en_GB" in result.output
    briefing = pdf_text(out / PSEUDO / "dg-regio.pdf")
    assert squash("MEETING WITH THE DIRECTORATE-GENERAL FOR REGIONAL") in squash(briefing)
    assert "PARTICIPANTS" in briefing and re.search(r"PAGE 1 OF \d", briefing)  # interface
    assert "Wednesday, 23 October 2024" in briefing  # Babel's en_GB formatting
    assert "UNTRANSLATED" not in briefing
    assert "INTERNAL" in docx_text(out / PSEUDO / "visit-report.docx")


def test_french_from_init_formats_dates_in_french(make_visit: VisitFactory, tmp_path: Path) -> None:
    translations = tmp_path / "translations"
    assert run("i18n", "init", "fr", "--translations", str(translations)).exit_code == 0
    fill_po(catalogue_path("fr", translations), {"Participants": "Participants", "Date": "Date"})
    fill_po(catalogue_path("fr", translations), {"(untranslated)": "(non traduit)"})
    visit = make_visit()
    out = tmp_path / "out"
    result = run(
        "build", str(visit), "--out", str(out), "--lang", "fr", "--translations", str(translations)
    )
    assert result.exit_code == 0, result.output
    assert "without a fr translation, shown in en" in result.output
    text = pdf_text(out / "fr" / "talks.pdf")
    assert "mercredi 23 octobre 2024" in text
    assert squash("Talks at the town hall (non traduit)") in squash(text)
    assert all("Liberation" in str(font["name"]) for font in pdf_fonts(out / "fr" / "talks.pdf"))


def test_a_language_without_a_catalogue_is_wrong_usage(make_visit: VisitFactory) -> None:
    result = run("build", str(make_visit()), "--lang", "en,de")
    assert result.exit_code == 2
    assert "no interface catalogue for 'de' (have: en, zh)" in result.output
    assert "briefings i18n init de" in result.output


def test_a_language_cldr_does_not_know_is_wrong_usage(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    translations = tmp_path / "translations"
    catalogue = catalogue_path("qx", translations)
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    result = run("build", str(make_visit()), "--lang", "qx", "--translations", str(translations))
    assert result.exit_code == 2
    assert "'qx' is not a language Babel (CLDR) knows" in result.output


def test_a_catalogue_text_no_font_draws_fails_before_writing(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    # The page label is drawn only in the page furniture, never in the body.
    translations = tmp_path / "translations"
    assert run("i18n", "init", "fr", "--translations", str(translations)).exit_code == 0
    po = catalogue_path("fr", translations)
    fill_po(po, {"Page {page} of {pages}": "Page {page} sur {pages} \U0001d11e"})
    visit = make_visit()
    (visit / "briefings.toml").write_text("[fonts]\nsystem = false\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run(
        "build", str(visit), "--out", str(out), "--lang", "fr", "--translations", str(translations)
    )
    assert result.exit_code == 1, result.output
    assert "U+1D11E" in result.output and "page header, marking or footer" in result.output
    assert not out.exists()
