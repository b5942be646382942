"""Write every row of the site's published content to one JSON file that restore_content reads."""

import errno
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from careerpath.file_modes import create_private_file, private_directory
from content.published import content_models


class Command(BaseCommand):
    help = (
        "Back up all content (sources, occupations, figures, education, programs, certifications) to a "
        "JSON file; a name ending in .gz, .bz2 or .xz is compressed. Restore it with restore_content."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="File to write, e.g. backups/content-2026-11-27.json.gz; - writes JSON to standard output"
        )

    def handle(self, *args, path, **options):
        # Primary keys are kept as they are, so every row and every reference comes back identical.
        labels = [model._meta.label_lower for model in content_models()]
        if path == "-":
            call_command("dumpdata", *labels, format="json", indent=1, stdout=self.stdout, verbosity=0)
            return
        # A backup holds everything editors wrote: readable by its owner only, from its first byte.
        if not Path(path).parent.exists():
            private_directory(Path(path).parent)
        create_private_file(path)
        try:
            call_command("dumpdata", *labels, format="json", indent=1, output=path, verbosity=0)
        except BaseException as error:
            Path(path).unlink(missing_ok=True)  # never leave a half-written file that looks like a backup
            if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
                raise CommandError(f"No room left on the disk for {path}: nothing was written.") from None
            raise
        self.stdout.write(self.style.SUCCESS(f"Content backed up to {path}"))
