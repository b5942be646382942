"""A sitemap of pages with fixed addresses, named by URL name: each app lists its own."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class NamedPagesSitemap(Sitemap):
    """The pages with a fixed address (DESIGN.md's table), in the order given."""

    changefreq = "monthly"

    def __init__(self, url_names):
        self.url_names = list(url_names)

    def items(self):
        return self.url_names

    def location(self, item):
        return reverse(item)
