"""Incremental builds: which outputs are current (by the manifest), which to rebuild,
and which to remove."""

from __future__ import annotations

from dataclasses import dataclass

from briefings.build.inputs import InputDigests
from briefings.build.manifest import Manifest, stale_reason
from briefings.build.plan import DELEGATES_FOLDER, BuildOptions, DocumentJob
from briefings.build.session import Session


@dataclass
class OutputPlan:
    tasks: list[tuple[DocumentJob, tuple[str, ...]]]
    """The documents to build, each with the formats that are stale."""
    inputs: dict[str, str]
    """Every planned output → the digest of its inputs."""
    stale: list[tuple[str, str]]
    up_to_date: list[str]
    removed: list[str]
    manifest: Manifest


def plan_outputs(session: Session, jobs: list[DocumentJob]) -> OutputPlan:
    """Compare each output of ``jobs`` with the manifest and with its file on disk."""
    options = session.options
    digests = InputDigests(
        session.records,
        templates=options.templates,
        theme=session.theme,
        config=session.config.path,
        created=session.created,
        fonts=session.fonts,
        translations=options.translations,
        out=options.out,
    )
    manifest = Manifest.read(options.out)
    tasks, inputs, stale, current = [], {}, [], []
    for job in jobs:
        formats = []
        for fmt in job.formats(options.formats):
            name = job.output(fmt)
            part = (job.name, job.delegate, job.meetings) if job.delegate else None
            inputs[name] = digests.of(job.lang, job.meeting_id, fmt, part)
            reason = stale_reason(options.out, name, inputs[name], manifest.outputs.get(name))
            if options.force and reason is None:
                reason = "forced"
            if reason is None:
                current.append(name)
            else:
                stale.append((name, reason))
                formats.append(fmt)
        if formats:
            tasks.append((job, tuple(formats)))
    removed = [
        name
        for name in sorted(manifest.outputs)
        if name not in inputs and _is_output_of(name, options)
    ]
    return OutputPlan(tasks, inputs, stale, current, removed, manifest)


def _is_output_of(name: str, options: BuildOptions) -> bool:
    """Whether ``name`` (from a manifest on disk) is a ``<lang>/<name>.<format>`` file
    (or ``<lang>/delegates/<person>.<format>``) of a language and format this build
    makes: only those may be removed."""
    lang, _, file = name.partition("/")
    if file.startswith(f"{DELEGATES_FOLDER}/"):
        if not options.per_delegate:
            return False
        file = file.removeprefix(f"{DELEGATES_FOLDER}/")
    stem, _, fmt = file.rpartition(".")
    return (
        lang in options.langs
        and fmt in options.formats
        and bool(stem)
        and not stem.startswith(".")
        and "/" not in file
        and "\\" not in file
    )
