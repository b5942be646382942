"""Load a backup_content file into the database: all of it or nothing, into empty content tables."""

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from careerpath.shared.content import CONTENT_APPS


def content_models():
    return [model for app in CONTENT_APPS for model in apps.get_app_config(app).get_models()]


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
        with transaction.atomic():
            occupied = [model._meta.label for model in content_models() if model._base_manager.exists()]
            if occupied and not replace:
                raise CommandError(
                    f"The database already has content ({', '.join(occupied)}); restore into an empty "
                    "database, or pass --replace to delete the current content first."
                )
            if occupied:
                delete_all_content()
            # loaddata also resets PostgreSQL's id sequences past the restored primary keys.
            call_command("loaddata", path, verbosity=0)
        restored = sum(model._base_manager.count() for model in content_models())
        self.stdout.write(self.style.SUCCESS(f"Restored {restored} rows from {path}"))
