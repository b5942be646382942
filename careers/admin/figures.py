"""The admin of wages and projections: their forms, inlines and lists, each row linked to the page showing it."""

import csv

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Value
from django.http import HttpResponse
from django.urls import path, reverse
from import_export.formats.base_formats import CSV
from reversion.admin import VersionAdmin

from content.csv_imports.admin import EditorImportExportAdmin
from content.models import Source

from ..figures import current_vintage
from ..models import Area, EmploymentProjection, Occupation, WageFigure
from .sources import SOURCE_GROUPS, SourcePickerMixin, page_link, source_group
from .wage_import import WAGE_COLUMN_NAMES, WAGE_COLUMNS, WageFigureResource

PROJECTION_FIELDS = [
    "occupation",
    "area",
    "start_year",
    "end_year",
    "percent",
    "handbook_percent",
    "base_employment",
    "projected_employment",
    "employment_change",
    "openings_per_year",
    "label",
    "source",
]


def _money(value):
    """Whole dollars as pages show them: $44,200; a dash where the source gives none."""
    return "—" if value is None else f"${value:,}"


def _count(value):
    return "—" if value is None else f"{value:,}"


class WageFigureForm(forms.ModelForm):
    """The period follows from the year: left blank it is set to “May <year>”, otherwise it must name that year."""

    class Meta:
        model = WageFigure
        fields = WAGE_COLUMN_NAMES
        help_texts = {
            "reference_period": "Leave blank to use “May <year>”, the month OEWS estimates describe. If you fill it "
            "in, it must name the reference year (e.g. May 2025 for 2025).",
        }


class EmploymentProjectionForm(forms.ModelForm):
    """The end year follows from the start year (ten years later) unless given, and is checked against it."""

    class Meta:
        model = EmploymentProjection
        fields = PROJECTION_FIELDS
        help_texts = {"end_year": "Leave blank: a BLS projection ends ten years after it starts (2024 → 2034)."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "end_year" in self.fields:
            self.fields["end_year"].required = False


class WageFigureInline(SourcePickerMixin, admin.TabularInline):
    model = WageFigure
    form = WageFigureForm
    extra = 0
    fields = ["area", "reference_year", "reference_period", "median_annual_wage", "source"]
    source_kind = "wage"


class EmploymentProjectionInline(SourcePickerMixin, admin.TabularInline):
    model = EmploymentProjection
    form = EmploymentProjectionForm
    extra = 0
    fields = ["area", "start_year", "end_year", "percent", "source"]
    source_kind = "projection"


class CurrentVintageAdminMixin:
    """Annotates the rows with the current wage year and projection period (one query), for their public links.

    `page_of` says where a row is shown (wage_page or projection_page): its list's link and "View on site".
    """

    page_of = None

    @admin.display(description="source", ordering="source__title")
    def source_name(self, obj):
        return obj.source.title

    @admin.display(description="page")
    def public_page(self, obj):
        return page_link(*self.page_of(obj))

    def view_on_site(self, obj):
        return self.page_of(obj)[0]

    # A foreign key column never wraps in the admin's lists ("nowrap"); an occupation's name is long.
    @admin.display(description="occupation", ordering="occupation__name")
    def occupation_name(self, obj):
        return obj.occupation.name

    @admin.display(description="area", ordering="area")
    def area_code(self, obj):
        return obj.area

    def get_queryset(self, request):
        vintage = current_vintage()
        start, end = vintage.projection_period or (None, None)
        return (
            super()
            .get_queryset(request)
            .annotate(
                current_wage_year=Value(vintage.wage_year, output_field=IntegerField()),
                current_projection_start=Value(start, output_field=IntegerField()),
                current_projection_end=Value(end, output_field=IntegerField()),
            )
        )


def wage_page(wage):
    """Where a wage appears: the salaries page while current, its occupation's history page once older,
    the pay-by-state page for a state row."""
    if wage.area != Area.NATION:
        return reverse("careers:salaries") + "states/", "Pay by state"
    if wage.reference_year == getattr(wage, "current_wage_year", None):
        return reverse("careers:salaries"), "Salaries"
    return reverse("careers:salary-history", args=[wage.occupation.slug]), "History"


def projection_page(projection):
    current = (
        getattr(projection, "current_projection_start", None),
        getattr(projection, "current_projection_end", None),
    )
    if projection.area == Area.NATION and (projection.start_year, projection.end_year) == current:
        return reverse("careers:salaries"), "Salaries"
    return reverse("careers:salary-history", args=[projection.occupation.slug]), "History"


@admin.register(WageFigure)
class WageFigureAdmin(CurrentVintageAdminMixin, SourcePickerMixin, EditorImportExportAdmin, VersionAdmin):
    resource_classes = [WageFigureResource]
    formats = [CSV]
    form = WageFigureForm
    source_kind = "wage"
    page_of = staticmethod(wage_page)
    import_template_name = "admin/careers/wagefigure/import.html"
    # The first column is the link to the figure, a cell that never wraps: the period is short, a name is not.
    list_display = [
        "period",
        "occupation_name",
        "area_code",
        "median",
        "mean",
        "employment_count",
        "source_name",
        "public_page",
    ]
    list_filter = ["reference_year", "area", "occupation"]
    search_fields = ["occupation__name", "source__title", "reference_period"]
    list_select_related = ["occupation", "source"]
    fieldsets = [
        (None, {"fields": ["occupation", "area", "reference_year", "reference_period", "source"]}),
        (
            "Figures",
            {
                "fields": [
                    "median_annual_wage",
                    "mean_annual_wage",
                    "employment",
                    ("percentile_10", "percentile_25"),
                    ("percentile_75", "percentile_90"),
                    "median_hourly_wage",
                ]
            },
        ),
    ]

    @admin.display(description="period", ordering="reference_year")
    def period(self, obj):
        return obj.period_text

    @admin.display(description="median", ordering="median_annual_wage")
    def median(self, obj):
        return _money(obj.median_annual_wage)

    @admin.display(description="mean", ordering="mean_annual_wage")
    def mean(self, obj):
        return _money(obj.mean_annual_wage)

    @admin.display(description="employed", ordering="employment")
    def employment_count(self, obj):
        return _count(obj.employment)

    def get_urls(self):
        template = path(
            "import-template/",
            self.admin_site.admin_view(self.import_template_view),
            name="careers_wagefigure_import_template",
        )
        return [template, *super().get_urls()]

    def import_template_view(self, request):
        """The import's CSV template: the header row an import expects, and nothing else to delete."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="wage-figures-template.csv"'
        csv.writer(response, lineterminator="\r\n").writerow(WAGE_COLUMN_NAMES)
        return response

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context.update(
            columns=WAGE_COLUMNS,
            template_url=reverse("admin:careers_wagefigure_import_template"),
            occupations=Occupation.objects.order_by("order", "name"),
            wage_sources=[source for source in Source.objects.order_by("-seen_on", "title")
                          if source_group(source, "wage") == SOURCE_GROUPS["wage"][0]],
            areas=Area.choices,
        )  # fmt: skip
        return context


@admin.register(EmploymentProjection)
class EmploymentProjectionAdmin(CurrentVintageAdminMixin, SourcePickerMixin, VersionAdmin):
    form = EmploymentProjectionForm
    source_kind = "projection"
    page_of = staticmethod(projection_page)
    list_display = [
        "period",
        "occupation_name",
        "area_code",
        "percent_change",
        "openings",
        "label",
        "source_name",
        "public_page",
    ]
    list_filter = ["end_year", "area", "occupation"]
    search_fields = ["occupation__name", "label"]
    list_select_related = ["occupation", "source"]
    fields = PROJECTION_FIELDS

    @admin.display(description="period", ordering="end_year")
    def period(self, obj):
        return obj.period_text

    @admin.display(description="change", ordering="percent")
    def percent_change(self, obj):
        return obj.percent_text

    @admin.display(description="openings/yr", ordering="openings_per_year")
    def openings(self, obj):
        return obj.openings_text or "—"
