"""Load the seeded content from fixtures/; natural keys make running it twice harmless."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from careerpath.shared.content import CONTENT_APPS


class Command(BaseCommand):
    help = "Load (or refresh) the seeded content: sources, occupations, education and certifications."

    def handle(self, *args, **options):
        # One fixture per content app, named after it (fixtures/careerpath.json, …), in the apps' order.
        call_command("loaddata", *CONTENT_APPS, verbosity=options["verbosity"])
