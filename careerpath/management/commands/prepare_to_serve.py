"""Everything `make serve` does before it starts gunicorn, in one process (each manage.py start costs a second)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from content.models import Source
from programs.models import Program


class Command(BaseCommand):
    help = (
        "Make the site ready to serve, as `make serve` does before it starts gunicorn: collect the static files, "
        "migrate, forget expired import previews and old sign-in records, load the seeded content into an empty "
        "database, and say so when the database holds example programs."
    )

    def handle(self, *args, **options):
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("migrate", interactive=False, verbosity=options["verbosity"], stdout=self.stdout)
        call_command("clear_import_previews", verbosity=0)
        call_command("clean_login_attempts", verbosity=0)
        if not Source.objects.exists():
            self.stdout.write("Empty database: loading the seeded content.")
            call_command("load_content", stdout=self.stdout)
        examples = Program.objects.examples().count()
        if examples:
            self.stdout.write(
                f"Note: this database holds {examples} example programs (fictional, labelled on every page). "
                "Remove them with: .venv/bin/python manage.py seed_example_programs --count 0 --clear"
            )
