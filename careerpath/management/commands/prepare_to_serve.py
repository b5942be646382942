"""Everything `make serve` does before it starts gunicorn, in one process (each manage.py start costs a second)."""

import errno
import os
import socket

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from content.models import Source
from programs.models import Program


class Command(BaseCommand):
    help = (
        "Make the site ready to serve, as `make serve` does before it starts gunicorn: collect the static files, "
        "migrate, forget expired import previews and old sign-in records, load the seeded content into an empty "
        "database, and say so when the database holds example programs."
    )

    def handle(self, *args, **options):
        refuse_a_taken_port()
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


def refuse_a_taken_port():
    """Stop before touching anything when gunicorn's address (gunicorn.conf.py's bind) is already taken."""
    bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
    if bind.startswith(("unix:", "fd://")):
        return
    host, _, port = bind.rpartition(":")
    host = host.strip("[]") or "0.0.0.0"
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
        try:
            probe.bind((host, int(port)))
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
            raise CommandError(
                f"Port {port} on {host} is already in use (another make serve?). Stop that server, or choose "
                f"another port: make serve PORT={int(port) + 1}. Nothing was changed."
            ) from None
