"""Start a new page-cache content version, after a change no signal saw (raw SQL, a database restore)."""

from django.core.management.base import BaseCommand

from careerpath.page_cache import bump_content_version, version_is_shared


class Command(BaseCommand):
    help = (
        "Make every cached page stale at once, on every worker and instance. Saves through the admin, "
        "imports and the ORM do this by themselves; run it after changing content with raw SQL."
    )

    def handle(self, *args, **options):
        version = bump_content_version()
        if version is None:
            self.stdout.write(
                "New content version written in the database. The shared cache could not be reached: every "
                "worker takes the new version from the database within a second of the cache answering again."
            )
            return
        where = "the shared cache" if version_is_shared() else "the version file every worker reads"
        self.stdout.write(self.style.SUCCESS(f"New content version {version} written in the database and {where}."))
