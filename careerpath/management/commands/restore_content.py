"""Load a backup_content file into the database: all of it or nothing, into empty content tables."""

import bz2
import gzip
import json
import lzma
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from content.moves import current_labels
from content.published import content_models

OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open, ".lzma": lzma.open}


def read_backup(path):
    """The backup's JSON, with the labels of models that have changed app since it was written made current.

    A file that is missing, truncated, corrupt or not what its name says is refused in one sentence.
    """
    opener = OPENERS.get(Path(path).suffix, open)
    try:
        with opener(path, "rt", encoding="utf-8") as backup:
            text = backup.read()
        json.loads(text)
    except FileNotFoundError:
        raise CommandError(f"No backup at {path}.") from None
    except (OSError, EOFError, lzma.LZMAError, UnicodeDecodeError, ValueError) as error:
        raise CommandError(
            f"{path} is not a complete backup_content file ({type(error).__name__}: {str(error)[:120]}); "
            "nothing was changed."
        ) from None
    return current_labels(text)


def delete_all_content():
    """Empty every content table, children before the rows they protect."""
    pending = content_models()
    while pending:
        still_protected = []
        for model in pending:
            try:
                with transaction.atomic():
                    model._base_manager.all().delete()
            except (ProtectedError, IntegrityError):
                still_protected.append(model)
        if len(still_protected) == len(pending):
            names = ", ".join(model._meta.label for model in pending)
            raise CommandError(f"Could not empty {names}: rows outside the content refer to them.")
        pending = still_protected


class Command(BaseCommand):
    help = (
        "Restore content from a backup_content file. The content tables must be empty (a freshly "
        "migrated database) unless --replace is given, which first deletes the current content. "
        "Everything happens in one transaction: a bad file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A file written by backup_content.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the current content first (the default refuses to touch a database that has content).",
        )

    def handle(self, *args, path, replace, **options):
        backup = read_backup(path)  # before anything is touched
        with transaction.atomic():
            occupied = [model._meta.label for model in content_models() if model._base_manager.exists()]
            if occupied and not replace:
                raise CommandError(
                    f"The database already has content ({', '.join(occupied)}); restore into an empty "
                    "database, or pass --replace to delete the current content first."
                )
            if occupied:
                delete_all_content()
            with tempfile.TemporaryDirectory() as folder:
                current = Path(folder) / "content.json"
                current.write_text(backup, encoding="utf-8")
                # loaddata also resets PostgreSQL's id sequences past the restored primary keys.
                call_command("loaddata", current, verbosity=0)
        restored = sum(model._base_manager.count() for model in content_models())
        self.stdout.write(self.style.SUCCESS(f"Restored {restored} rows from {path}"))
