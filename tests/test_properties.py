"""Property tests: any record text either prints as written or is an input error.

Hypothesis writes a tiny visit whose one field holds arbitrary text (printable
Unicode, Chinese, punctuation, control characters, and the hostile strings of
``tests/test_hostile.py``), builds it in one language and format, and reads the
document back. The build must either succeed with the text in the document, or
raise ``InputError`` (a validation or font coverage error); any other exception
fails the test. ``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) runs more examples.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from briefings.build import BuildOptions, build
from briefings.diagnostics import InputError
from tests.conftest import FIXED_TIME, MINIMAL_VISIT, meeting_yaml
from tests.helpers import docx_text, pdf_text, squash
from tests.test_hostile import HOSTILE

settings.register_profile(
    "default",
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI fails only for real changes
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

characters = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x24F, exclude_categories=["Cs"]),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.sampled_from("，。、；：？！（）《》「」—…“”‘’ \n\t\x0b·•€£¥"),
    st.characters(exclude_categories=["Cs"]),  # anything at all, controls included
)
record_text = st.lists(
    st.one_of(st.text(characters, min_size=1, max_size=24), st.sampled_from(HOSTILE)),
    min_size=1,
    max_size=4,
).map("".join)

# Where the text goes: (file, path to the field, the document it shows in).
FIELDS = [
    ("meeting", ("title",), "talks"),
    ("meeting", ("venue",), "talks"),
    ("meeting", ("background",), "talks"),
    ("meeting", ("outcomes", 0), "visit-report"),
    ("meeting", ("follow_up", 0, "action"), "talks"),
    ("visit", ("organisations", "host", "name"), "talks"),
    ("visit", ("summary",), "visit-report"),
]


def write_visit(root: Path, target: str, path: tuple[Any, ...], lang: str, text: str) -> None:
    """The minimal visit of conftest, with ``text`` as the ``lang`` text of ``path``."""
    visit = yaml.safe_load(MINIMAL_VISIT)
    meeting = yaml.safe_load(meeting_yaml())
    meeting["follow_up"] = [{"action": {"en": "Write.", "zh": "写信。"}, "owner": "host"}]
    meeting["background"] = {"en": "Some background.", "zh": "一些背景。"}
    record = meeting if target == "meeting" else visit
    for key in path:
        record = record[key]
    record[lang] = text
    (root / "meetings").mkdir(parents=True)
    dump = {"allow_unicode": True, "sort_keys": False}
    (root / "visit.yaml").write_text(yaml.safe_dump(visit, **dump), encoding="utf-8")
    meeting_file = root / "meetings" / "talks.yaml"
    meeting_file.write_text(yaml.safe_dump(meeting, **dump), encoding="utf-8")


def as_read(text: str) -> str:
    """What a reader should find: the text without white space (lines break anywhere)
    and invisible break hints, in NFKC form (PDF text extraction may give a
    compatibility character for a glyph two code points share)."""
    visible = text.replace("\u00ad", "").replace("\u200b", "")
    return unicodedata.normalize("NFKC", squash(visible))


@given(
    text=record_text,
    field=st.sampled_from(FIELDS),
    lang=st.sampled_from(["en", "zh"]),
    fmt=st.sampled_from(["pdf", "docx"]),
)
def test_any_record_text_prints_as_written_or_is_an_input_error(
    text: str, field: tuple[str, tuple[Any, ...], str], lang: str, fmt: str
) -> None:
    target, path, document = field
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_visit(root / "visit", target, path, lang, text)
        options = BuildOptions(out=root / "out", langs=(lang,), formats=(fmt,), created=FIXED_TIME)
        try:
            build(root / "visit", options)
        except InputError as exc:
            assert exc.diagnostics, "an input error must say what is wrong"
            assert all(str(d.location) for d in exc.diagnostics)
            event("rejected", exc.diagnostics[0].message.split("'")[0])
            return
        event("built")
        read = pdf_text if fmt == "pdf" else docx_text
        written = read(root / "out" / lang / f"{document}.{fmt}")
        assert as_read(text) in as_read(written)
