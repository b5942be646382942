"""Load the seeded content from fixtures/; natural keys make running it twice harmless."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from content.published import FIXTURES


class Command(BaseCommand):
    help = "Load (or refresh) the seeded content: sources, occupations, education and certifications."

    def handle(self, *args, **options):
        # One fixture per app, named after it (fixtures/content.json, …), lowest layer first.
        call_command("loaddata", *FIXTURES, verbosity=options["verbosity"])
