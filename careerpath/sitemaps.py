"""The sitemap: every public page, from the fixed pages to each certification, career step and real program."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from certifications.models import Certification
from programs.models import Program

from .figures import NATION
from .models import CareerStep, Occupation


class StaticPageSitemap(Sitemap):
    """The pages with a fixed address (DESIGN.md's table); the comparison page needs programs, so it is left out."""

    changefreq = "monthly"

    def items(self):
        return [
            "careerpath:home",
            "programs:paths",
            "programs:program-list",
            "programs:checklist",
            "certifications:certification-list",
            "certifications:eligibility",
            "careerpath:career-list",
            "careerpath:salaries",
            "careerpath:states",
            "careerpath:about",
        ]

    def location(self, item):
        return reverse(item)


class CertificationSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Certification.objects.only("slug").order_by("order", "abbreviation")


class CareerStepSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return CareerStep.objects.only("slug").order_by("kind", "order", "name")


class SalaryHistorySitemap(Sitemap):
    """Each occupation's history of figures, for occupations with a national wage or projection."""

    changefreq = "yearly"

    def items(self):
        with_figures = Occupation.objects.filter(wages__area=NATION) | Occupation.objects.filter(
            projections__area=NATION
        )
        # A list: one query, where a queryset would add a COUNT for the paginator.
        return list(with_figures.distinct().only("slug").order_by("order", "name"))

    def location(self, occupation):
        return reverse("careerpath:salary-history", kwargs={"slug": occupation.slug})


class ProgramSitemap(Sitemap):
    """Real programs only: example programs are for trying the site and must not be indexed."""

    changefreq = "weekly"

    def items(self):
        return Program.objects.real().only("slug", "last_verified").order_by("slug")

    def lastmod(self, program):
        return program.last_verified


SITEMAPS = {
    "pages": StaticPageSitemap,
    "certifications": CertificationSitemap,
    "careers": CareerStepSitemap,
    "salary-history": SalaryHistorySitemap,
    "programs": ProgramSitemap,
}
