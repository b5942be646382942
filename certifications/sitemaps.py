"""The certifications app's pages in the sitemap: its fixed pages and each certification."""

from django.contrib.sitemaps import Sitemap

from .models import Certification

PAGES = ["certifications:certification-list", "certifications:eligibility"]


class CertificationSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Certification.objects.only("slug").order_by("order", "abbreviation")


SITEMAPS = {"certifications": CertificationSitemap}
