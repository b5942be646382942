"""Education: paths into the job, topics, the five selection factors, programs (accreditors are certifications')."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import models
from django.db.models import Q
from django.urls import reverse

from certifications.models import Accreditor
from content.limits import MAX_PROGRAM_MONTHS
from content.models import NaturalKeyManager, NaturalKeyModel, Source
from content.published import published

# The federal data's award and credential levels live in awards.py (still importable from here, as ever).
from .awards import AwardLevel, CredentialLevel, academic_year
from .querysets import EducationPathQuerySet, ProgramQuerySet


@published
class Topic(NaturalKeyModel):
    """A subject medical assistant programs cover, e.g. medical terminology."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(unique=True, max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="topics")

    NATURAL_KEY = ("slug",)
    objects = NaturalKeyManager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


@published
class EducationPath(NaturalKeyModel):
    """A kind of training that leads into the job: certificate/diploma or associate degree."""

    name = models.CharField(max_length=120, unique=True, help_text="e.g. Certificate or diploma.")
    slug = models.SlugField(unique=True, max_length=120)
    min_months = models.PositiveSmallIntegerField("shortest typical length (months)")
    max_months = models.PositiveSmallIntegerField("longest typical length (months)")
    length_text = models.CharField(
        "length as the source says it", max_length=80, help_text="e.g. 9–12 months, or two years."
    )
    focus = models.TextField(help_text="What the path focuses on, as the source says it.")
    includes_general_education = models.BooleanField(default=False)
    topics = models.ManyToManyField(Topic, blank=True, related_name="paths")
    order = models.PositiveSmallIntegerField(default=0)
    is_award_level = models.BooleanField(
        "IPEDS award level",
        default=False,
        help_text="A length band from the federal award levels, for imported programs (filterable in the "
        "directory); not a path the article describes, so not compared on the paths page.",
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="education_paths")

    NATURAL_KEY = ("slug",)
    objects = NaturalKeyManager.from_queryset(EducationPathQuerySet)()

    class Meta:
        ordering = ["order", "min_months"]
        verbose_name = "education path"
        constraints = [
            models.CheckConstraint(
                condition=Q(min_months__gt=0),
                name="path_months_positive",
                violation_error_message="The length in months must be more than 0.",
            ),
            models.CheckConstraint(
                condition=Q(min_months__lte=models.F("max_months")),
                name="path_min_not_above_max",
                violation_error_message="The shortest length cannot be longer than the longest.",
            ),
        ]

    def __str__(self):
        return self.name


@published
class SelectionFactor(NaturalKeyModel):
    """One of the article's five factors for choosing a program, with its guidance."""

    slug = models.SlugField(
        unique=True,
        max_length=40,
        help_text="Fixed identifier the checklist uses: accreditation, curriculum, hands-on, cost-duration, placement.",
    )
    name = models.CharField(max_length=80)
    guidance = models.TextField(help_text="The advice, as the source gives it.")
    question = models.TextField(
        "question to ask the school",
        blank=True,
        help_text="What a visitor should ask a school to check this factor.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="selection_factors")

    NATURAL_KEY = ("slug",)
    objects = NaturalKeyManager()

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name


@published
class Program(models.Model):
    """A medical assistant training program offered by a school, for the directory.

    A program is typed in by an editor, made up by seed_example_programs (is_example), or imported from
    the federal data sets (import_ipeds, import_scorecard: unitid is set). What the federal data do not
    say is stored as unknown: a blank format, no length, no cost, accreditor_known off, externship and
    placement help None.
    """

    class Format(models.TextChoices):
        IN_PERSON = "in-person", "In person"
        ONLINE = "online", "Online"
        HYBRID = "hybrid", "Hybrid"

    class Control(models.TextChoices):
        """Who runs the school, as IPEDS says it (HD's CONTROL: 1, 2, 3)."""

        PUBLIC = "public", "Public"
        NONPROFIT = "nonprofit", "Private nonprofit"
        FOR_PROFIT = "for-profit", "Private for-profit"

    institution = models.CharField(max_length=200, db_index=True)
    name = models.CharField("program name", max_length=200)
    slug = models.SlugField(unique=True, max_length=200)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, db_index=True, help_text="Two-letter US state code, e.g. OH.")
    delivery_format = models.CharField(
        max_length=12,
        choices=Format.choices,
        blank=True,
        db_index=True,
        help_text="Leave blank if not known (the federal data do not say).",
    )
    path = models.ForeignKey(EducationPath, on_delete=models.PROTECT, related_name="programs")
    accreditor_known = models.BooleanField(
        "accreditation known",
        default=True,
        help_text="Untick if nobody has checked which accreditor, if any, accredits the program "
        "(an imported program starts unticked). Ticked with no accreditor means none in the list accredits it.",
    )
    accreditor = models.ForeignKey(
        Accreditor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programs",
        help_text="Leave blank if no accreditor in this list accredits the program, or if it is not known.",
    )
    total_cost = models.PositiveIntegerField(
        "total cost (US dollars)",
        null=True,
        blank=True,
        db_index=True,
        help_text="Tuition and fees for the whole program in whole dollars; blank if not published or not known.",
    )
    months = models.PositiveSmallIntegerField(
        "length (months)", null=True, blank=True, db_index=True, help_text="Blank if not known."
    )
    has_externship = models.BooleanField(
        "externship", null=True, blank=True, default=None, db_index=True, help_text="Unknown if not known."
    )
    has_placement_help = models.BooleanField(
        "job placement help", null=True, blank=True, default=None, db_index=True, help_text="Unknown if not known."
    )
    website = models.URLField(max_length=300, blank=True)
    # --- Where the school is and who runs it (IPEDS HD, or an editor) -----------------------------------------
    street_address = models.CharField(max_length=200, blank=True)
    zip_code = models.CharField("ZIP code", max_length=10, blank=True, help_text="e.g. 33125 or 33125-1234.")
    county = models.CharField(max_length=100, blank=True)
    latitude = models.FloatField(
        null=True, blank=True, db_index=True, help_text="The school's latitude (IPEDS); blank if not known."
    )
    longitude = models.FloatField(null=True, blank=True, help_text="The school's longitude (IPEDS).")
    control = models.CharField(
        "school control",
        max_length=12,
        choices=Control.choices,
        blank=True,
        db_index=True,
        help_text="Public, private nonprofit or private for-profit; blank if not known.",
    )
    last_verified = models.DateField(
        "date last verified",
        null=True,
        blank=True,
        help_text="Required for a program typed in by hand; an imported program shows its data year instead.",
    )
    is_example = models.BooleanField(
        "example",
        default=False,
        db_index=True,
        help_text="Fictional program made by seed_example_programs, for trying the site. Never a real school.",
    )

    # --- Imported from IPEDS (import_ipeds) ---------------------------------------------------------------
    unitid = models.PositiveIntegerField(
        "IPEDS UNITID", null=True, blank=True, db_index=True, help_text="The institution's IPEDS identifier."
    )
    award_level = models.PositiveSmallIntegerField(
        "IPEDS award level", choices=AwardLevel.choices, null=True, blank=True
    )
    completions = models.PositiveIntegerField(
        "completions",
        null=True,
        blank=True,
        help_text="Awards in medical assisting (CIP 51.0801, first majors) at this award level in the IPEDS year.",
    )
    field_completions = models.PositiveIntegerField(
        "CIP 51.08 completions",
        null=True,
        blank=True,
        help_text="The school's awards in all of CIP 51.08 (allied health and medical assisting services, first "
        "majors) at this award level in the same year: medical assisting's share is completions ÷ this.",
    )
    completions_year = models.PositiveSmallIntegerField(
        "IPEDS collection year",
        null=True,
        blank=True,
        help_text="e.g. 2023 for awards from July 2022 to June 2023 (shown as 2022–23).",
    )
    no_recent_completions = models.BooleanField(
        "no recent completions",
        default=False,
        db_index=True,
        help_text="Set by import_ipeds when the newest completions file has no medical assisting awards from "
        "the school: hidden from the directory, still open by its address with a notice.",
    )
    ipeds_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ipeds_programs",
        help_text="The IPEDS completions file the program was imported from.",
    )

    # --- Attached from the College Scorecard field-of-study file (import_scorecard) ---------------------------
    scorecard_credential_level = models.PositiveSmallIntegerField(
        "Scorecard credential level (CREDLEV)", choices=CredentialLevel.choices, null=True, blank=True
    )
    earnings_1yr_median = models.PositiveIntegerField(
        "median earnings 1 year after completing (US dollars)",
        null=True,
        blank=True,
        help_text="Field: CIP 5108, allied health and medical assisting services (includes other allied-health "
        "programs); graduates who received federal aid, working and not enrolled; all campuses sharing the "
        "school's federal ID.",
    )
    earnings_1yr_count = models.PositiveIntegerField("graduates the 1-year earnings rest on", null=True, blank=True)
    earnings_later_median = models.PositiveIntegerField(
        "median earnings at the later point (US dollars)",
        null=True,
        blank=True,
        help_text="4 years after completing in current releases; 2 years in older releases (see the next field).",
    )
    earnings_later_count = models.PositiveIntegerField("graduates the later earnings rest on", null=True, blank=True)
    earnings_later_years = models.PositiveSmallIntegerField(
        "years after completing (later earnings)", null=True, blank=True, choices=[(2, "2 years"), (4, "4 years")]
    )
    debt_median = models.PositiveIntegerField(
        "median federal debt (US dollars)",
        null=True,
        blank=True,
        help_text="Median federal loan debt of the field's graduates who borrowed (same field caveats as earnings).",
    )
    debt_count = models.PositiveIntegerField("borrowers the median debt rests on", null=True, blank=True)
    scorecard_release = models.CharField(
        "Scorecard release",
        max_length=120,
        blank=True,
        help_text="Which release and cohorts the figures come from, e.g. Most-Recent-Cohorts-Field-of-Study_04172025.",
    )
    scorecard_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scorecard_programs",
        help_text="The College Scorecard file the earnings and debt were read from.",
    )

    objects = ProgramQuerySet.as_manager()

    # What import_ipeds and import_scorecard own: read-only in the admin, not in an editor's CSV of programs.
    FEDERAL_FIELDS = (
        "unitid",
        "award_level",
        "completions",
        "field_completions",
        "completions_year",
        "no_recent_completions",
        "ipeds_source",
        "scorecard_credential_level",
        "earnings_1yr_median",
        "earnings_1yr_count",
        "earnings_later_median",
        "earnings_later_count",
        "earnings_later_years",
        "debt_median",
        "debt_count",
        "scorecard_release",
        "scorecard_source",
    )

    class Meta:
        ordering = ["name", "institution"]
        constraints = [
            models.CheckConstraint(
                condition=Q(months__isnull=True) | (Q(months__gt=0) & Q(months__lte=MAX_PROGRAM_MONTHS)),
                name="program_months_in_range",
                violation_error_message=f"The length must be between 1 and {MAX_PROGRAM_MONTHS} months.",
            ),
            models.CheckConstraint(
                condition=Q(total_cost__isnull=True) | Q(total_cost__gte=0),
                name="program_cost_not_negative",
                violation_error_message="The cost cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(accreditor_known=True) | Q(accreditor__isnull=True),
                name="program_unknown_accreditation_names_none",
                violation_error_message="An accreditor is named: tick “accreditation known”, or remove the accreditor.",
            ),
            models.CheckConstraint(
                condition=Q(last_verified__isnull=False) | Q(unitid__isnull=False),
                name="program_verified_unless_imported",
                violation_error_message="Say when the program was last verified.",
            ),
            models.CheckConstraint(
                condition=Q(unitid__isnull=True, award_level__isnull=True)
                | Q(unitid__isnull=False, award_level__isnull=False),
                name="program_unitid_with_award_level",
                violation_error_message="An imported program needs both its UNITID and its award level.",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="program_coordinates_both_and_on_earth",
                violation_error_message="Give both latitude and longitude (or neither), within ±90 and ±180.",
            ),
            models.UniqueConstraint(
                fields=["unitid", "award_level"],
                name="program_one_per_unitid_award_level",
                violation_error_message="This institution already has a program at this award level.",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "delivery_format"], name="program_state_format"),
            # The directory's default order and its paging tie-breaker.
            models.Index(fields=["name", "institution", "id"], name="program_name_order"),
        ]

    def __str__(self):
        prefix = "Example — " if self.is_example else ""
        return f"{prefix}{self.name}, {self.institution}"

    def get_absolute_url(self):
        return reverse("programs:program-detail", kwargs={"slug": self.slug})

    @property
    def is_imported(self):
        return self.unitid is not None

    @property
    def completions_academic_year(self):
        """The IPEDS academic year as people say it, e.g. 2022–23; '' if not imported."""
        return academic_year(self.completions_year) if self.completions_year else ""

    @property
    def medical_assisting_share(self):
        """Medical assisting's share (0–1) of the school's CIP 51.08 completions at this level, or None."""
        if self.completions is None or not self.field_completions:
            return None
        return self.completions / self.field_completions


def is_program_slug(value):
    """Whether `value` could be a program's address: Django's slug pattern, within the field's length."""
    try:
        validate_slug(value)
    except ValidationError:
        return False
    return len(value) <= Program._meta.get_field("slug").max_length
