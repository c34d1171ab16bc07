"""Which fonts draw a document: the user's choice, then the shipped fonts, then the
machine's fonts.

A choice names a role and a style, ``KEY = PATH``, on the command line
(``--font zh=PATH``, repeatable) or in ``[fonts]`` of ``briefings.toml``; the command
line wins. Keys:

* ``zh``: Chinese text (Han characters, full-width punctuation), in every document;
* ``en``: Latin text (English, and the Latin names and numbers inside Chinese text);
* either with ``-bold``, ``-italic`` or ``-bolditalic`` for that style (headings are
  bold). Without one, bold is the regular face drawn thicker and italic the regular;
* ``system = false`` in the file turns off the last resort, the machine's fonts.

``PATH#N`` or ``PATH#NAME`` picks a face of a collection (``.ttc``, ``.otc``) by index or
by name (``NotoSerifCJK-Regular.ttc#SC`` or ``#Noto Serif CJK SC``); without it a
Chinese font collection gives its Simplified Chinese face where it has one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTCollection
from fontTools.ttLib import TTFont as FontFile

from briefings.diagnostics import Diagnostic, InputError, Location
from briefings.fonts import STYLES, Face, FontSet, coverage, shipped_fontset
from briefings.fonts.convert import UnsupportedFontError, embeddable, outline_kind
from briefings.fonts.system import machine_font_for

ROLES = {"en": "latin", "zh": "cjk"}
"""Configuration key prefix -> FontSet role."""
_SUFFIXES = {"": "regular", "-bold": "bold", "-italic": "italic", "-bolditalic": "bolditalic"}
SYSTEM_KEY = "system"


@dataclass(frozen=True)
class FontChoices:
    """The user's fonts, by (role, style), and whether machine fonts may fill gaps."""

    faces: Mapping[tuple[str, str], Face] = field(default_factory=dict)
    system: bool = True


def parse_key(key: str) -> tuple[str, str]:
    """``zh-bold`` -> ``("cjk", "bold")``; ValueError for an unknown key."""
    for suffix, style in sorted(_SUFFIXES.items(), key=lambda item: -len(item[0])):
        prefix = key[: len(key) - len(suffix)] if suffix else key
        if key.endswith(suffix) and prefix in ROLES:
            return ROLES[prefix], style
    known = ", ".join(f"{lang}{suffix}" for lang in ROLES for suffix in _SUFFIXES)
    raise ValueError(f"unknown font key {key!r} (known: {known}, {SYSTEM_KEY})")


def resolve_face(spec: str, base: Path, role: str = "latin") -> Face:
    """The face ``PATH``, ``PATH#INDEX`` or ``PATH#NAME`` names (PATH relative to
    ``base``); ValueError saying what is wrong."""
    path, name = _split_spec(spec, base)
    if not path.is_file():
        raise ValueError(f"no font file {str(path)!r}")
    try:
        names = face_names(path)
    except Exception as exc:
        raise ValueError(f"{path} is not a font file fontTools can read ({exc})") from None
    if name is None:
        index = _default_face(names, role)
    elif name.isdigit():
        index = int(name)
        if index >= len(names):
            raise ValueError(f"{path} has {len(names)} face(s); there is no face {index}")
    else:
        index = _face_by_name(path, names, name)
    if not outline_kind(path, index):
        raise ValueError(f"{path}#{index} has no TrueType or CFF outlines (bitmap or CFF2)")
    return Face(path, index)


def _split_spec(spec: str, base: Path) -> tuple[Path, str | None]:
    whole = base / Path(spec).expanduser()
    head, hash_sign, tail = spec.rpartition("#")
    if whole.is_file() or not hash_sign or "/" in tail:
        return whole, None
    return base / Path(head).expanduser(), tail.strip()


@cache
def face_names(path: Path) -> tuple[tuple[str, ...], ...]:
    """For each face of a font file (one, or several in a collection): its family,
    full and PostScript names."""
    with path.open("rb") as stream:
        is_collection = stream.read(4) == b"ttcf"
    if is_collection:
        collection = TTCollection(path, lazy=True)
        try:
            return tuple(_names(font) for font in collection.fonts)
        finally:
            collection.close()
    with FontFile(path, lazy=True) as font:
        return (_names(font),)


def _names(font: FontFile) -> tuple[str, ...]:
    table = font["name"]
    found = (table.getBestFamilyName(), table.getBestFullName(), table.getDebugName(6))
    return tuple(str(n) for n in found if n)


def _face_by_name(path: Path, names: tuple[tuple[str, ...], ...], wanted: str) -> int:
    key = wanted.casefold().replace(" ", "")
    for index, face in enumerate(names):
        forms = {n.casefold().replace(" ", "") for n in face}
        if face:  # "SC" names the face whose family ends in " SC"
            forms.add(face[0].split()[-1].casefold())
        if key in forms:
            return index
    available = "; ".join(f"#{i} {face[0]}" for i, face in enumerate(names) if face)
    raise ValueError(f"{path} has no face named {wanted!r} (it has: {available})")


def _default_face(names: tuple[tuple[str, ...], ...], role: str) -> int:
    """Face 0, except that a Chinese font collection gives its Simplified Chinese face
    (Noto CJK and Source Han put Japanese first)."""
    if role == "cjk":
        for index, face in enumerate(names):
            if face and face[0].split()[-1].upper() in ("SC", "CN", "GB"):
                return index
    return 0


def font_choices(
    command_line: Sequence[str], config: Mapping[str, Any], config_path: Path | None
) -> FontChoices:
    """The user's fonts from ``--font KEY=SPEC`` options and the ``[fonts]`` table of
    the configuration file (the command line wins). Raises ``InputError`` listing every
    bad key or font at once."""
    problems: list[Diagnostic] = []
    faces: dict[tuple[str, str], Face] = {}
    system = True
    config_base = config_path.parent if config_path else Path.cwd()
    for key, value in config.items():
        where = Location(config_path or Path("briefings.toml"), field=f"fonts.{key}")
        if key == SYSTEM_KEY:
            if not isinstance(value, bool):
                problems.append(Diagnostic(where, "must be true or false"))
            system = value is not False
            continue
        _add_choice(faces, problems, where, key, value, config_base)
    for option in command_line:
        key, _, value = option.partition("=")
        where = Location(Path("--font"), field=option)
        _add_choice(faces, problems, where, key.strip(), value.strip(), Path.cwd())
    if problems:
        raise InputError(problems)
    return FontChoices(faces, system)


def _add_choice(
    faces: dict[tuple[str, str], Face],
    problems: list[Diagnostic],
    where: Location,
    key: str,
    value: object,
    base: Path,
) -> None:
    try:
        role, style = parse_key(key)
        if not isinstance(value, str) or not value:
            raise ValueError("must be a font file path (PATH, PATH#INDEX or PATH#NAME)")
        faces[role, style] = resolve_face(value, base, role)
    except ValueError as exc:
        problems.append(Diagnostic(where, str(exc)))


def choose_fontset(lang: str, chars: Iterable[str], choices: FontChoices) -> FontSet:
    """The fonts for documents in ``lang`` that use ``chars``: the user's faces, then the
    shipped ones, then (for characters those lack) machine fonts; every face made
    embeddable, OpenType/CFF ones converted to TrueType subsets of ``chars``."""
    text = "".join(sorted(set(chars)))
    shipped = shipped_fontset(lang)
    roles = {"latin": dict(shipped.latin), "cjk": dict(shipped.cjk)}
    fallback: dict[str, list[Face]] = {style: [] for style in STYLES}
    for role, faces in roles.items():
        chosen = _user_faces(choices, role)
        for style, face in chosen.items():
            fallback[style].append(faces[style])  # the shipped face still fills gaps
            faces[style] = face
    fonts = FontSet(
        roles["latin"], roles["cjk"], shipped.prefer_cjk, {s: tuple(f) for s, f in fallback.items()}
    )
    if choices.system:
        fonts = _with_machine_fonts(fonts, text, lang)
    return _embeddable(fonts, text)


def _user_faces(choices: FontChoices, role: str) -> dict[str, Face]:
    chosen = {style: face for (r, style), face in choices.faces.items() if r == role}
    regular = chosen.get("regular")
    if regular is None:
        return chosen
    bold = chosen.get("bold") or replace(regular, fake_bold=True)
    italic = chosen.get("italic") or regular
    bolditalic = chosen.get("bolditalic") or chosen.get("bold") or replace(italic, fake_bold=True)
    return {"regular": regular, "bold": bold, "italic": italic, "bolditalic": bolditalic}


def _with_machine_fonts(fonts: FontSet, text: str, lang: str) -> FontSet:
    extra: list[Face] = []
    for char in fonts.missing(text):
        if any(ord(char) in coverage(face.path, face.index) for face in extra):
            continue
        found = machine_font_for(char, lang)
        if found is not None:
            extra.append(Face(*found))
    if not extra:
        return fonts
    fallback = {
        style: (
            *fonts.fallback.get(style, ()),
            *[replace(f, fake_bold="bold" in style) for f in extra],
        )
        for style in STYLES
    }
    return replace(fonts, fallback=fallback)


def _embeddable(fonts: FontSet, text: str) -> FontSet:
    def convert(face: Face) -> Face:
        try:
            return embeddable(face, text)
        except UnsupportedFontError as exc:
            raise InputError([Diagnostic(Location(face.path), str(exc))]) from None

    return FontSet(
        latin={style: convert(face) for style, face in fonts.latin.items()},
        cjk={style: convert(face) for style, face in fonts.cjk.items()},
        prefer_cjk=fonts.prefer_cjk,
        fallback={style: tuple(map(convert, faces)) for style, faces in fonts.fallback.items()},
    )
