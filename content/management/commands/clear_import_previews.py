"""Remove import previews that have expired (an editor has an hour between preview and confirm)."""

from django.core.management.base import BaseCommand

from content.csv_imports.previews import ImportPreview


class Command(BaseCommand):
    help = (
        "Delete expired admin import previews: the uploaded files waiting in the database between an "
        "editor's preview and confirm. `make serve` runs it at start; run it hourly from cron in production."
    )

    def handle(self, *args, **options):
        removed, _ = ImportPreview.objects.expired().delete()
        if options["verbosity"] >= 1:
            self.stdout.write(f"Removed {removed} expired import preview(s).")
