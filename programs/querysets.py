"""How programs and education paths are queried: what the public pages show and list."""

from django.db.models import Exists, Q

from content.models import ContentQuerySet


class EducationPathQuerySet(ContentQuerySet):
    def compared(self):
        """The paths the article describes (compared on /programs/paths/ and home), not the IPEDS length bands."""
        return self.filter(is_award_level=False)


class ProgramQuerySet(ContentQuerySet):
    def real(self):
        return self.filter(is_example=False)

    def examples(self):
        return self.filter(is_example=True)

    def shown(self):
        """What the public pages show: example programs disappear once any real program exists.

        One query whatever the data: the test for a real program is an EXISTS inside the same SELECT.
        Examples are hidden, never deleted; the admin still lists them.
        """
        # `in [False]`, not `=False`: SQLite reads "NOT is_example" as a scan of the whole index, "IN (0)" as a seek.
        any_real = Exists(self.model.objects.filter(is_example__in=[False]))
        return self.filter(Q(is_example=False) | ~any_real)

    def listed(self):
        """What the directory lists: shown programs less those with no recent completions (still open by URL)."""
        return self.shown().filter(no_recent_completions=False)

    def imported(self):
        return self.filter(unitid__isnull=False)

    def with_related(self):
        """Shown programs with their path and accreditor joined, so a row never queries again."""
        return self.shown().select_related("path", "accreditor")
