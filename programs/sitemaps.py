"""The programs app's pages in the sitemap: its fixed pages and each real program."""

from django.contrib.sitemaps import Sitemap

from .models import Program

# The comparison page needs programs chosen, so it is left out.
PAGES = ["programs:paths", "programs:program-list", "programs:checklist"]


class ProgramSitemap(Sitemap):
    """Real programs only: example programs are for trying the site and must not be indexed."""

    changefreq = "weekly"

    def items(self):
        return Program.objects.real().only("slug", "last_verified").order_by("slug")

    def lastmod(self, program):
        return program.last_verified


SITEMAPS = {"programs": ProgramSitemap}
