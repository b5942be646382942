"""The career-paths domain: occupations, duties, wages, projections, career steps."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from content.limits import FULL_TIME_HOURS_PER_YEAR
from content.models import NaturalKeyManager, NaturalKeyModel, Source
from content.published import published

from .areas import Area  # the table of places lives in areas.py; `careers.models.Area` still works
from .querysets import CareerStepQuerySet, OccupationManager, WageFigureQuerySet


@published
class Occupation(NaturalKeyModel):
    """An occupation with wage and outlook figures (medical assistants and related occupations)."""

    name = models.CharField(
        max_length=150,
        unique=True,
        help_text="Plural, as the BLS names it, e.g. Medical assistants.",
    )
    slug = models.SlugField(unique=True, max_length=150)
    soc_code = models.CharField(
        "SOC code",
        max_length=10,
        blank=True,
        help_text="Standard Occupational Classification code, only where sourced.",
    )
    summary = models.TextField(blank=True)
    is_featured = models.BooleanField(
        "the site's subject",
        default=False,
        help_text="Tick for medical assistants: the occupation the site is about, highlighted in tables.",
    )
    entry_education = models.CharField("typical entry-level education", max_length=200, blank=True)
    entry_education_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Where the entry-level education comes from; required when it is filled in.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    NATURAL_KEY = ("slug",)
    objects = OccupationManager()

    class Meta:
        db_table = "careerpath_occupation"  # its name from before the apps were split (README: Layout)
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(entry_education="") | Q(entry_education_source__isnull=False),
                name="occupation_entry_education_has_source",
                violation_error_message="Give the source of the entry-level education.",
            ),
        ]

    def __str__(self):
        return self.name


@published
class Duty(NaturalKeyModel):
    """Something a person in an occupation does, clinical or administrative."""

    class Kind(models.TextChoices):
        CLINICAL = "clinical", "Clinical"
        ADMINISTRATIVE = "administrative", "Administrative"
        LIAISON = "liaison", "Liaison between patients and providers"

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="duties")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(max_length=300, help_text="As the source words it, e.g. Taking patient vital signs.")
    order = models.PositiveSmallIntegerField(default=0)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="duties")

    NATURAL_KEY = ("occupation__slug", "order")
    objects = NaturalKeyManager()

    class Meta:
        db_table = "careerpath_duty"  # its name from before the apps were split (README: Layout)
        ordering = ["occupation", "order"]
        verbose_name_plural = "duties"
        constraints = [
            models.UniqueConstraint(fields=["occupation", "order"], name="duty_unique_order"),
        ]

    def __str__(self):
        return self.text


_YEAR_IN_TEXT = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
PROJECTION_YEARS = 10  # BLS Employment Projections run over ten years (2024–34)


@published
class WageFigure(NaturalKeyModel):
    """An occupation's wages in one area (the nation or a state) and one reference year, with their source.

    Only the median is required: the other figures are filled in where the source gives them.
    """

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="wages")
    area = models.CharField(
        max_length=2,
        choices=Area.choices,
        default=Area.NATION,
        help_text="The nation, or a state (or DC) for a state estimate.",
    )
    median_annual_wage = models.PositiveIntegerField(help_text="In whole US dollars, e.g. 37190.")
    reference_year = models.PositiveSmallIntegerField(
        help_text="The year the wage describes, e.g. 2021 for May 2021 data."
    )
    reference_period = models.CharField(
        max_length=40, blank=True, help_text="The period as the source names it, e.g. May 2021."
    )
    employment = models.PositiveIntegerField(
        null=True, blank=True, help_text="Number employed, as the source gives it (e.g. 793460). Blank if not given."
    )
    mean_annual_wage = models.PositiveIntegerField(
        null=True, blank=True, help_text="In whole US dollars. Blank if the source does not give it."
    )
    percentile_10 = models.PositiveIntegerField(
        "10th percentile annual wage", null=True, blank=True, help_text="In whole US dollars; blank if not given."
    )
    percentile_25 = models.PositiveIntegerField(
        "25th percentile annual wage", null=True, blank=True, help_text="In whole US dollars; blank if not given."
    )
    percentile_75 = models.PositiveIntegerField(
        "75th percentile annual wage", null=True, blank=True, help_text="In whole US dollars; blank if not given."
    )
    percentile_90 = models.PositiveIntegerField(
        "90th percentile annual wage", null=True, blank=True, help_text="In whole US dollars; blank if not given."
    )
    median_hourly_wage = models.DecimalField(
        "published median hourly wage",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Only as the source publishes it (e.g. 21.25); leave blank rather than dividing the annual wage.",
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="wages")

    NATURAL_KEY = ("occupation__slug", "reference_year", "area")
    objects = NaturalKeyManager.from_queryset(WageFigureQuerySet)()

    class Meta:
        db_table = "careerpath_wagefigure"  # its name from before the apps were split (README: Layout)
        ordering = ["occupation", "-reference_year", "area"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "reference_year", "area"], name="wage_one_per_year_and_area"),
            models.CheckConstraint(
                condition=Q(reference_year__gte=1990) & Q(reference_year__lte=2100),
                name="wage_reference_year_plausible",
                violation_error_message="The reference year must be between 1990 and 2100.",
            ),
        ]

    def __str__(self):
        where = "" if self.area == Area.NATION else f", {self.get_area_display()}"
        return f"{self.occupation}: ${self.median_annual_wage:,} ({self.reference_year}{where})"

    @property
    def period_text(self):
        return self.reference_period or str(self.reference_year)

    @property
    def hourly_equivalent(self):
        """The annual wage over 2,080 hours (52 forty-hour weeks): derived by the site, not BLS's own hourly median."""
        return round(self.median_annual_wage / FULL_TIME_HOURS_PER_YEAR, 2)

    @property
    def has_range(self):
        """Whether the 10th and 90th percentiles are known, so the spread of pay can be drawn."""
        return self.percentile_10 is not None and self.percentile_90 is not None

    def clean(self):
        """The period is derived from the reference year, or must name that year and no other."""
        super().clean()
        year = self.reference_year
        if year is None:
            return
        period = (self.reference_period or "").strip()
        if not period:
            # OEWS estimates describe May of their year: a blank period is filled in as the source names it.
            self.reference_period = f"May {year}"
            return
        years = {int(found) for found in _YEAR_IN_TEXT.findall(period)}
        if years != {year}:
            raise ValidationError(
                {
                    "reference_period": f"The period “{period}” does not match the reference year {year}. "
                    f"Write the period of {year} (for OEWS wages, “May {year}”), or leave the period blank "
                    f"and it will be set to “May {year}”. If the year is wrong, correct the year instead."
                }
            )


@published
class EmploymentProjection(NaturalKeyModel):
    """Projected change in employment for an occupation in an area over a period, with its source.

    Employment figures are in thousands, as the BLS projections table gives them.
    """

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="projections")
    area = models.CharField(max_length=2, choices=Area.choices, default=Area.NATION)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField()
    percent = models.DecimalField(
        "projected change (%)",
        max_digits=5,
        decimal_places=1,
        help_text="As the table gives it, to one decimal, e.g. 12.5; negative for decline.",
    )
    base_employment = models.DecimalField(
        "employment at the start (thousands)",
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="e.g. 811.0 for 811,000. Blank if not given.",
    )
    projected_employment = models.DecimalField(
        "projected employment at the end (thousands)", max_digits=10, decimal_places=1, null=True, blank=True
    )
    employment_change = models.DecimalField(
        "change in employment (thousands)", max_digits=10, decimal_places=1, null=True, blank=True
    )
    openings_per_year = models.DecimalField(
        "openings a year (thousands)",
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Average annual openings over the period, e.g. 112.3 for 112,300.",
    )
    handbook_percent = models.SmallIntegerField(
        "the handbook's rounded percent",
        null=True,
        blank=True,
        help_text="Where the Occupational Outlook Handbook is known to round the figure (12 for 12.5), that "
        "whole number; pages then say “the handbook rounds it to 12%”. Leave blank otherwise.",
    )
    label = models.CharField(
        "BLS descriptive label",
        max_length=80,
        blank=True,
        help_text="Only as the source words it, e.g. much faster than average. Leave blank if not sourced.",
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="projections")

    NATURAL_KEY = ("occupation__slug", "start_year", "end_year", "area")
    objects = NaturalKeyManager()

    class Meta:
        db_table = "careerpath_employmentprojection"  # its name from before the apps were split (README: Layout)
        ordering = ["occupation", "-end_year", "area"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "start_year", "end_year", "area"], name="projection_one_per_period_and_area"
            ),
            models.CheckConstraint(
                condition=Q(start_year__lt=models.F("end_year")),
                name="projection_start_before_end",
                violation_error_message="The start year must come before the end year.",
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=-100) & Q(percent__lte=1000),
                name="projection_percent_in_range",
                violation_error_message="The percentage must be between -100 and 1000.",
            ),
        ]

    def __str__(self):
        where = "" if self.area == Area.NATION else f", {self.get_area_display()}"
        return f"{self.occupation}: {self.percent}% ({self.start_year}–{self.end_year}{where})"

    @property
    def period_text(self):
        return f"{self.start_year}–{self.end_year}"

    def clean(self):
        """The end of the period is derived from its start (BLS projections cover ten years), or checked against it."""
        super().clean()
        if self.start_year is None:
            return
        if self.end_year is None:
            self.end_year = self.start_year + PROJECTION_YEARS
        elif self.end_year > self.start_year and self.end_year - self.start_year != PROJECTION_YEARS:
            # (An end before the start is refused by the constraint, in its own words.)
            raise ValidationError(
                {
                    "end_year": f"A BLS employment projection covers {PROJECTION_YEARS} years: one starting in "
                    f"{self.start_year} ends in {self.start_year + PROJECTION_YEARS}, not {self.end_year}. "
                    "Leave the end year blank and it will be set from the start year."
                }
            )

    @property
    def percent_text(self):
        """The table's one decimal as given: "12.5%"; a whole number reads "16%"."""
        percent = self.percent
        text = str(int(percent)) if percent == percent.to_integral() else f"{percent:.1f}"
        return f"{text}%"

    @property
    def openings_text(self):
        """Openings a year as a whole number: 112.3 thousand reads "112,300"."""
        if self.openings_per_year is None:
            return ""
        return f"{int(round(self.openings_per_year * 1000)):,}"


@published
class CareerStep(NaturalKeyModel):
    """Where a medical assistant can go next: an advancement role or a specialization."""

    class Kind(models.TextChoices):
        ROLE = "role", "Advancement role"
        SPECIALIZATION = "specialization", "Specialization"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(unique=True, max_length=150)
    summary = models.TextField(help_text="What the step is, as the source says it.")
    examples = models.CharField(max_length=200, blank=True, help_text="e.g. pediatrics or ophthalmology.")
    experience = models.CharField(
        "experience needed",
        max_length=300,
        blank=True,
        help_text="Only as the source says it; pages show it as what medical assistants may advance with, "
        "never as a fixed rule. Leave blank if the source says nothing.",
    )
    further_education = models.CharField(
        "further education needed", max_length=300, blank=True, help_text="Only as the source says it."
    )
    licensure = models.CharField(
        "licensure needed", max_length=300, blank=True, help_text="Only as the source says it."
    )
    outcome = models.CharField(
        "what it can lead to",
        max_length=300,
        blank=True,
        help_text="e.g. increased responsibilities and higher salaries, only where sourced.",
    )
    occupations = models.ManyToManyField(
        Occupation,
        blank=True,
        db_table="careerpath_careerstep_occupations",
        related_name="career_steps",
        help_text="Occupations whose sourced wage and outlook figures describe this step.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="career_steps")

    NATURAL_KEY = ("slug",)
    objects = NaturalKeyManager.from_queryset(CareerStepQuerySet)()

    class Meta:
        db_table = "careerpath_careerstep"  # its name from before the apps were split (README: Layout)
        ordering = ["kind", "order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("careers:career-detail", kwargs={"slug": self.slug})

    @property
    def has_requirements(self):
        """Whether the source names anything this step takes: without it, pages show no "What it requires"."""
        return bool(self.experience or self.further_education or self.licensure)
