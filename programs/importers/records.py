"""What both federal importers record: the Source row of each file read, and one admin revision per program saved."""

import reversion
from django.utils import timezone

from content.models import Source


def record_source(*, key, publisher, title, url, published, file_name, command, sha256="", fetched_on=None):
    """The Source row for one imported file, created or refreshed with today's date as the date it was read.

    A downloaded file's row also says where it came from, its SHA-256 and the date it was fetched.
    """
    today = timezone.localdate()
    origin = f" SHA-256 {sha256}." if sha256 else ""
    if fetched_on is not None:
        origin = f" Fetched from {url} on {fetched_on:%Y-%m-%d}.{origin}"
    source, _ = Source.objects.update_or_create(
        key=key,
        defaults={
            "publisher": publisher,
            "title": title,
            "url": url,
            "published": published,
            "seen_on": today,
            "provenance": Source.Provenance.DATA_FILE_COPY,
            "confidence": Source.Confidence.HIGH,
            "notes": f"Imported with manage.py {command} from {file_name} on {today:%Y-%m-%d}.{origin}",
        },
    )
    return source


def save_with_revision(program, comment):
    """Save one program as its own revision, so the admin's history shows the import program by program."""
    with reversion.create_revision():
        program.save()
        reversion.set_comment(comment)


def changed_fields(program, before):
    """The names of the fields whose value differs from `before` (a dict of field name to value)."""
    return [name for name, value in before.items() if getattr(program, name) != value]


def snapshot(program, fields):
    return {name: getattr(program, name) for name in fields}


def update_program(program, values, fields, comment, summary):
    """Set `values` on an existing program; save it as a revision only if one of `fields` changed, and count it."""
    before = snapshot(program, fields)
    for field, value in values.items():
        setattr(program, field, value)
    changed = changed_fields(program, before)
    if not changed:
        summary.unchanged += 1
        return
    save_with_revision(program, comment)
    summary.updated += 1
    summary.change(
        f"update {program.name}, {program.institution} (UNITID {program.unitid}): "
        + ", ".join(f"{field.removesuffix('_id')} {before[field]} → {getattr(program, field)}" for field in changed)
    )
