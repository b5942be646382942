"""The career-paths app's pages in the sitemap: its fixed pages, each career step and each occupation's history."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .figures import NATION
from .models import CareerStep, Occupation

PAGES = ["careers:career-list", "careers:salaries", "careers:states"]


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
        return reverse("careers:salary-history", kwargs={"slug": occupation.slug})


SITEMAPS = {"careers": CareerStepSitemap, "salary-history": SalaryHistorySitemap}
