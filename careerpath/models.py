"""The career-paths domain: sources, occupations, duties, wages, projections, career steps."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse


class ContentQuerySet(models.QuerySet):
    """A queryset whose bulk writes, which send no model signals, still mark the content as changed.

    The page cache's content version is bumped once the write's transaction commits.
    """

    def update(self, **kwargs):
        from .page_cache import content_changed

        rows = super().update(**kwargs)
        content_changed(using=self.db)
        return rows

    def bulk_create(self, *args, **kwargs):
        from .page_cache import content_changed

        created = super().bulk_create(*args, **kwargs)
        content_changed(using=self.db)
        return created

    def bulk_update(self, *args, **kwargs):
        from .page_cache import content_changed

        rows = super().bulk_update(*args, **kwargs)
        content_changed(using=self.db)
        return rows


class NaturalKeyManager(models.Manager.from_queryset(ContentQuerySet)):
    """A manager whose get_by_natural_key looks a row up by the model's NATURAL_KEY fields."""

    def get_by_natural_key(self, *values):
        lookups = dict(zip(self.model.NATURAL_KEY, values, strict=True))
        return self.get(**lookups)


class Source(models.Model):
    """A publication a fact was read from: every figure and sourced statement points to one."""

    class Provenance(models.TextChoices):
        """Where the fact was read: the public label beside every citation."""

        ISSUER_PAGE = "issuer-page", "the issuer's own page"
        DATA_FILE_COPY = "data-file-copy", "a copy of the official data file"
        THIRD_PARTY = "third-party", "a third-party summary"

    class Confidence(models.TextChoices):
        HIGH = "high", "High — read on the issuing body's or the government's own page"
        MEDIUM = "medium", "Medium — not confirmed on the issuing body's own page, consistent across sources"

    key = models.SlugField(
        unique=True,
        max_length=80,
        help_text="A short, permanent identifier, e.g. bls-ooh-medical-assistants.",
    )
    publisher = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who published it, e.g. U.S. Bureau of Labor Statistics. Leave blank for an article that "
        "does not name its publisher: it is then cited by its title, as an article.",
    )
    title = models.CharField(max_length=300, help_text="The page or document title.")
    url = models.URLField(
        "address",
        max_length=500,
        blank=True,
        help_text="Leave blank if the source has no web address.",
    )
    published = models.CharField(
        "source's date",
        max_length=60,
        default="undated",
        help_text="The date the source gives for itself, as it gives it (e.g. May 2024, 2022-08-16), or “undated”.",
    )
    seen_on = models.DateField("date seen", help_text="When we last read the source and checked the fact.")
    provenance = models.CharField(
        "where it was read",
        max_length=20,
        choices=Provenance.choices,
        help_text="Shown beside every citation. The issuer's own page: the body that sets the rule or publishes "
        "the figure says it on its own site (an official page of AAMA, AMT, NCCT, NHA, CAAHEP, ABHES or bls.gov). "
        "A copy of the official data file: a government data file (e.g. a BLS table) read in a copy. "
        "A third-party summary: anyone else reporting the fact (a blog, an exam-prep page, an article).",
    )
    confidence = models.CharField(
        max_length=10,
        choices=Confidence.choices,
        default=Confidence.HIGH,
        help_text="For editors: how sure we are of the fact. Pages show where it was read instead.",
    )
    notes = models.TextField(blank=True, help_text="Anything an editor should know about this source.")

    NATURAL_KEY = ("key",)
    objects = NaturalKeyManager()

    class Meta:
        ordering = ["publisher", "title"]

    def __str__(self):
        return f"{self.publisher}: {self.title}" if self.publisher else self.title

    def natural_key(self):
        return (self.key,)

    @property
    def provenance_text(self):
        """Where the fact was read, as the citation says it: "read on the issuer's own page"."""
        if not self.provenance:
            return ""
        preposition = "on" if self.provenance == self.Provenance.ISSUER_PAGE else "in"
        return f"read {preposition} {self.get_provenance_display()}"

    @property
    def confirm_note(self):
        """For a copy of a BLS data file, where to confirm it (the research's own words); "" otherwise."""
        if self.provenance == self.Provenance.DATA_FILE_COPY and "bls.gov" in self.url:
            return "BLS data, via a public copy of the official file — confirm at bls.gov"
        return ""

    @property
    def is_third_party(self):
        """Reported by someone other than the issuer: pages ask the visitor to confirm it with the issuer."""
        return self.provenance == self.Provenance.THIRD_PARTY


class OccupationQuerySet(ContentQuerySet):
    def featured(self):
        return self.filter(is_featured=True)


class OccupationManager(NaturalKeyManager.from_queryset(OccupationQuerySet)):
    pass


class Occupation(models.Model):
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

    def natural_key(self):
        return (self.slug,)


class Duty(models.Model):
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
        ordering = ["occupation", "order"]
        verbose_name_plural = "duties"
        constraints = [
            models.UniqueConstraint(fields=["occupation", "order"], name="duty_unique_order"),
        ]

    def __str__(self):
        return self.text

    def natural_key(self):
        return (self.occupation.slug, self.order)

    natural_key.dependencies = ["careerpath.occupation"]


class Area(models.TextChoices):
    """Where a figure applies: the nation, or one of the 50 states and the District of Columbia (postal codes)."""

    NATION = "US", "United States"
    AL = "AL", "Alabama"
    AK = "AK", "Alaska"
    AZ = "AZ", "Arizona"
    AR = "AR", "Arkansas"
    CA = "CA", "California"
    CO = "CO", "Colorado"
    CT = "CT", "Connecticut"
    DE = "DE", "Delaware"
    DC = "DC", "District of Columbia"
    FL = "FL", "Florida"
    GA = "GA", "Georgia"
    HI = "HI", "Hawaii"
    ID = "ID", "Idaho"
    IL = "IL", "Illinois"
    IN = "IN", "Indiana"
    IA = "IA", "Iowa"
    KS = "KS", "Kansas"
    KY = "KY", "Kentucky"
    LA = "LA", "Louisiana"
    ME = "ME", "Maine"
    MD = "MD", "Maryland"
    MA = "MA", "Massachusetts"
    MI = "MI", "Michigan"
    MN = "MN", "Minnesota"
    MS = "MS", "Mississippi"
    MO = "MO", "Missouri"
    MT = "MT", "Montana"
    NE = "NE", "Nebraska"
    NV = "NV", "Nevada"
    NH = "NH", "New Hampshire"
    NJ = "NJ", "New Jersey"
    NM = "NM", "New Mexico"
    NY = "NY", "New York"
    NC = "NC", "North Carolina"
    ND = "ND", "North Dakota"
    OH = "OH", "Ohio"
    OK = "OK", "Oklahoma"
    OR = "OR", "Oregon"
    PA = "PA", "Pennsylvania"
    RI = "RI", "Rhode Island"
    SC = "SC", "South Carolina"
    SD = "SD", "South Dakota"
    TN = "TN", "Tennessee"
    TX = "TX", "Texas"
    UT = "UT", "Utah"
    VT = "VT", "Vermont"
    VA = "VA", "Virginia"
    WA = "WA", "Washington"
    WV = "WV", "West Virginia"
    WI = "WI", "Wisconsin"
    WY = "WY", "Wyoming"

    @classmethod
    def states(cls):
        """The 50 states and DC, as (code, name), alphabetical by code as the choices list them."""
        return [(code, name) for code, name in cls.choices if code != cls.NATION]


_YEAR_IN_TEXT = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
PROJECTION_YEARS = 10  # BLS Employment Projections run over ten years (2024–34)


class WageFigureQuerySet(ContentQuerySet):
    def latest_first(self):
        return self.order_by("-reference_year")

    def national(self):
        return self.filter(area=Area.NATION)


class WageFigure(models.Model):
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

    def natural_key(self):
        return (self.occupation.slug, self.reference_year, self.area)

    natural_key.dependencies = ["careerpath.occupation"]

    @property
    def is_national(self):
        return self.area == Area.NATION

    @property
    def period_text(self):
        return self.reference_period or str(self.reference_year)

    @property
    def hourly_equivalent(self):
        """The annual wage over 2,080 hours (52 forty-hour weeks): derived by the site, not BLS's own hourly median."""
        return round(self.median_annual_wage / 2080, 2)

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


class EmploymentProjection(models.Model):
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

    def natural_key(self):
        return (self.occupation.slug, self.start_year, self.end_year, self.area)

    natural_key.dependencies = ["careerpath.occupation"]

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


class CareerStepQuerySet(ContentQuerySet):
    def advancement_roles(self):
        return self.filter(kind=CareerStep.Kind.ROLE)

    def specializations(self):
        return self.filter(kind=CareerStep.Kind.SPECIALIZATION)


class CareerStep(models.Model):
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
        related_name="career_steps",
        help_text="Occupations whose sourced wage and outlook figures describe this step.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="career_steps")

    NATURAL_KEY = ("slug",)
    objects = NaturalKeyManager.from_queryset(CareerStepQuerySet)()

    class Meta:
        ordering = ["kind", "order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("careerpath:career-detail", kwargs={"slug": self.slug})

    @property
    def has_requirements(self):
        """Whether the source names anything this step takes: without it, pages show no "What it requires"."""
        return bool(self.experience or self.further_education or self.licensure)

    def natural_key(self):
        return (self.slug,)


class Statement(models.Model):
    """A sourced sentence the site shows in a fixed place (a disclaimer, a fact about the career)."""

    class Topic(models.TextChoices):
        DISCLAIMER = "disclaimer", "Disclaimer"
        OVERVIEW = "overview", "What a medical assistant does"
        EDUCATION = "education", "Education and training"
        CERTIFICATION = "certification", "Certification"
        CAREER = "career", "Career and advancement"
        OUTLOOK = "outlook", "Job outlook and pay"

    key = models.SlugField(unique=True, max_length=80, help_text="Where the site shows it; do not change.")
    topic = models.CharField(max_length=20, choices=Topic.choices)
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="statements")

    NATURAL_KEY = ("key",)
    objects = NaturalKeyManager()

    class Meta:
        ordering = ["topic", "order"]

    def __str__(self):
        return f"{self.get_topic_display()}: {self.text[:60]}"

    def natural_key(self):
        return (self.key,)


# Models kept in modules of their own (editors' tools, not content), registered with this app here.
from .previews import ImportPreview  # noqa: E402, F401
from .signin import SignInFailure, SignInLockout  # noqa: E402, F401
