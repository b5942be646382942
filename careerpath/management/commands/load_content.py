"""Load the seeded content from fixtures/; natural keys make running it twice harmless."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load (or refresh) the seeded content: sources, occupations, education and certifications."

    def handle(self, *args, **options):
        call_command("loaddata", *settings.SEED_FIXTURES, verbosity=options["verbosity"])
