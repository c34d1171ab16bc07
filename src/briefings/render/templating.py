"""The Jinja environment: built-in templates (optionally overridden by a user's
folder), gettext for interface strings, and filters bound to one locale.

Autoescaping is always on: templates write markup (see ``briefings.render.markup``), and
every value from the records is escaped on the way in, so it can only ever be text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
)
from markupsafe import Markup, escape

from briefings.i18n.formatting import LocaleFormat
from briefings.render.views import join_list
from briefings.resources import templates_dir


def make_environment(fmt: LocaleFormat, user_templates: Sequence[Path] = ()) -> Environment:
    """An environment for one language. Templates in ``user_templates`` win over the
    built-in ones of the same name, so a user can override one template or partial."""
    folders = [*user_templates, templates_dir()]
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders]),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    # Jinja marks translated strings as safe markup; escape them first, so that a
    # translation containing "&" or "<" stays text.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_escaped(fmt.gettext),
        ngettext=_escaped(fmt.ngettext),
        newstyle=True,
    )
    env.filters.update(
        date=fmt.date,
        weekday_date=fmt.weekday_date,
        short_date=fmt.short_date,
        time=fmt.time,
        number=fmt.number,
        join_list=join_list(fmt),
    )
    env.globals["lang"] = fmt.lang
    return env


def _escaped(function: Callable[..., str]) -> Callable[..., Markup]:
    def call(*args: Any) -> Markup:
        return escape(function(*args))

    return call


def render(env: Environment, template: str, context: dict[str, Any]) -> str:
    """Render ``template`` to document markup."""
    return env.get_template(template).render(context)
