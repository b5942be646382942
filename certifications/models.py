"""Credentials: the bodies that certify medical assistants, their certifications and routes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from content.limits import FULL_TIME_HOURS_PER_YEAR
from content.models import ContentQuerySet, NaturalKeyManager, NaturalKeyModel, Source
from content.published import published

# A year of full-time work: 40 hours a week for 52 weeks. Used only where a body states years, not hours.


class AccreditorQuerySet(ContentQuerySet):
    def recognised(self):
        return self.filter(recognised=True)


@published
class Accreditor(NaturalKeyModel):
    """A body that accredits medical assisting programs (CAAHEP, ABHES)."""

    abbreviation = models.CharField(max_length=20, unique=True)
    slug = models.SlugField(unique=True, max_length=40)
    name = models.CharField(max_length=200, unique=True)
    website = models.URLField(max_length=300)
    finder_url = models.URLField(
        "public finder",
        max_length=300,
        blank=True,
        help_text="The accreditor's public search of the programs it accredits: a program page whose accreditation "
        "is unknown links here, with the school's name to look up.",
    )
    recognition = models.TextField(
        blank=True,
        help_text="Who recognizes the accreditor and what it accredits, as the source says it.",
    )
    recognised = models.BooleanField(
        "recognised",
        default=False,
        help_text=(
            "A recognized accrediting organization, as the article advises (it names CAAHEP and ABHES). "
            "The checklist's accreditation factor and the directory's accreditation filter both follow this. "
            "Which accreditors a certification route accepts is set on the route itself."
        ),
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="accreditors")

    NATURAL_KEY = ("slug",)
    objects = NaturalKeyManager.from_queryset(AccreditorQuerySet)()

    class Meta:
        # The table was created when accreditors belonged to programs; the model moved down to the
        # credentials layer, which both programs (a program's accreditor) and routes (accepted) use.
        db_table = "programs_accreditor"
        ordering = ["abbreviation"]

    def __str__(self):
        return f"{self.abbreviation} ({self.name})"


@published
class CertifyingBody(NaturalKeyModel):
    """An organization that awards a medical assistant certification (AAMA, AMT, NCCT, NHA)."""

    abbreviation = models.CharField(max_length=20, unique=True)
    slug = models.SlugField(unique=True, max_length=40)
    name = models.CharField(max_length=200, unique=True)
    website = models.URLField(max_length=300)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="certifying_bodies")

    NATURAL_KEY = ("slug",)
    objects = NaturalKeyManager()

    class Meta:
        ordering = ["abbreviation"]
        verbose_name_plural = "certifying bodies"

    def __str__(self):
        return f"{self.abbreviation} ({self.name})"


@published
class Certification(NaturalKeyModel):
    """A medical assistant credential (CMA, RMA, NCMA, CCMA) awarded by one certifying body."""

    abbreviation = models.CharField(max_length=20, unique=True)
    slug = models.SlugField(unique=True, max_length=40, help_text="Part of the page address; e.g. cma.")
    name = models.CharField(max_length=200, unique=True, help_text="e.g. Certified Medical Assistant.")
    body = models.ForeignKey(CertifyingBody, on_delete=models.PROTECT, related_name="certifications")
    official_url = models.URLField("official page", max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="certifications",
        help_text="Where the credential's name and body come from.",
    )

    NATURAL_KEY = ("slug",)
    objects = NaturalKeyManager()

    class Meta:
        ordering = ["order", "abbreviation"]

    def __str__(self):
        return f"{self.abbreviation} — {self.name}"

    def get_absolute_url(self):
        return reverse("certifications:certification-detail", kwargs={"slug": self.slug})


@published
class CertificationFact(NaturalKeyModel):
    """One sourced fact about a certification: its exam format, testing, fee, renewal…"""

    class Kind(models.TextChoices):
        EXAM_FORMAT = "exam-format", "Exam format"
        TESTING = "testing", "Where and how it is taken"
        FEE = "fee", "Exam fee"
        RENEWAL = "renewal", "Renewal cycle and requirements"
        ACCREDITATION = "accreditation", "Accreditation of the credential"

    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField(help_text="The fact, as the source gives it.")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="certification_facts")

    NATURAL_KEY = ("certification__slug", "kind")
    objects = NaturalKeyManager()

    class Meta:
        ordering = ["certification", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["certification", "kind"], name="certification_fact_one_per_kind"),
        ]

    def __str__(self):
        return f"{self.certification.abbreviation}: {self.get_kind_display()}"


@published
class EligibilityRoute(NaturalKeyModel):
    """One published way to qualify for a certification's exam, stored as checkable conditions."""

    class Training(models.TextChoices):
        ACCREDITED_PROGRAM = (
            "accredited-program",
            "A medical assisting program accredited as the body requires (see “accreditors accepted”)",
        )
        ANY_PROGRAM = "any-program", "Any medical assisting program"
        PROGRAM_OR_APPRENTICESHIP = (
            "program-or-apprenticeship",
            "A medical assisting program or a medical assisting apprenticeship",
        )
        APPRENTICESHIP = (
            "apprenticeship",
            "A medical assisting apprenticeship or workforce program (not a school's program)",
        )
        MILITARY = "military", "Military medical training"
        NONE = "none", "No training required (work experience route)"
        NOT_CHECKED = "not-checked", "Another condition the checker does not assess"

    class Stage(models.TextChoices):
        STUDENT = "student", "Still in training"
        GRADUATE = "graduate", "Finished training"
        EITHER = "either", "In training or finished"

    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="routes")
    code = models.SlugField(max_length=40, help_text="Short identifier within the certification, e.g. category-1.")
    name = models.CharField(max_length=120, help_text="As the certifying body names it, e.g. Category 1.")
    description = models.TextField(help_text="The route as the source states it.")
    training = models.CharField(max_length=30, choices=Training.choices)
    accreditors = models.ManyToManyField(
        Accreditor,
        blank=True,
        related_name="eligibility_routes",
        verbose_name="accreditors accepted",
        help_text=(
            "For a route that asks for an accredited program: the accreditors the body names. A program "
            "accredited by another body does not fit the route. Leave empty when the body names none: the "
            "checker then says the route is open only if the body accepts the program’s accreditation."
        ),
    )
    min_program_hours = models.PositiveSmallIntegerField(
        "least program hours",
        null=True,
        blank=True,
        help_text="Hours the program must include, e.g. 720 (blank: none stated).",
    )
    min_externship_hours = models.PositiveSmallIntegerField(
        "least externship hours",
        null=True,
        blank=True,
        help_text="Externship hours the program must include, e.g. 160; a program without an externship does not fit.",
    )
    requires_practicum = models.BooleanField(
        "needs the practicum",
        default=False,
        help_text=(
            "The route needs the program's practicum (externship) completed, as the source says (e.g. the CMA's "
            "Category 1): a program known to have none does not fit."
        ),
    )
    stage = models.CharField(
        "training stage",
        max_length=10,
        choices=Stage.choices,
        default=Stage.EITHER,
        help_text="Whether the candidate may still be in training, must have finished, or either.",
    )
    days_before_completion = models.PositiveSmallIntegerField(
        "students: days before finishing",
        null=True,
        blank=True,
        help_text=(
            "A student may sit the exam only this many days (or fewer) before finishing the program "
            "(blank: at any time in training, if the stage allows students)."
        ),
    )
    min_years_since_training = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Training must have ended more than this many years ago (blank: no minimum).",
    )
    max_years_since_training = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Training must have ended within this many years (blank: no limit).",
    )
    min_years_experience = models.DecimalField(
        "least years of full-time work",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Full-time medical assisting work needed (blank: none).",
    )
    hours_per_year = models.PositiveSmallIntegerField(
        "hours the body counts as a year of work",
        null=True,
        blank=True,
        help_text=(
            "Where the body gives hours for its years: AMT’s 3 years are 5,616 hours, so 1,872 a year; NCCT’s 2 "
            f"years are 4,160 hours, so 2,080. Blank: the years count as full-time work, {FULL_TIME_HOURS_PER_YEAR:,} "
            "hours a year."
        ),
    )
    experience_window_years = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The work must fall within this many most recent years (blank: any time).",
    )
    requires_diploma = models.BooleanField(
        "needs a high-school diploma or GED",
        default=False,
    )
    condition = models.CharField(
        "condition the checker cannot know",
        max_length=300,
        blank=True,
        help_text=(
            "Written to follow “eligible if”, e.g. “you hold CPR certification as AMT requires”. A route with "
            "a condition is at best conditional: the checker never says it is open for sure."
        ),
    )
    confirm_url = models.URLField(
        "where to confirm",
        max_length=300,
        blank=True,
        help_text=(
            "The certifying body’s page where a visitor confirms the condition "
            "(blank: the certification’s official page)."
        ),
    )
    other_requirements = models.CharField(
        max_length=300,
        blank=True,
        help_text="For a route the checker does not assess: what it asks, shown to the visitor.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="eligibility_routes")

    NATURAL_KEY = ("certification__slug", "code")
    objects = NaturalKeyManager()

    class Meta:
        ordering = ["certification", "order"]
        constraints = [
            models.UniqueConstraint(fields=["certification", "code"], name="route_unique_code"),
            models.CheckConstraint(
                condition=Q(min_years_since_training__isnull=True) | Q(min_years_since_training__gte=0),
                name="route_min_years_not_negative",
                violation_error_message="Years cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(max_years_since_training__isnull=True) | Q(max_years_since_training__gt=0),
                name="route_max_years_positive",
                violation_error_message="The most years since training must be more than 0.",
            ),
            models.CheckConstraint(
                condition=Q(min_years_experience__isnull=True) | Q(min_years_experience__gte=0),
                name="route_experience_not_negative",
                violation_error_message="Years of work cannot be negative.",
            ),
        ]

    def __str__(self):
        return f"{self.certification.abbreviation}: {self.name}"

    @property
    def hours_needed(self):
        """The hours of work the route asks for: its years at the body's own hours a year, else full time."""
        if not self.min_years_experience:
            return None
        return self.min_years_experience * (self.hours_per_year or FULL_TIME_HOURS_PER_YEAR)

    @property
    def states_hours(self):
        """Whether the body itself gives the route's work in hours (not only in years)."""
        return self.hours_per_year is not None

    @property
    def training_text(self):
        """The training the route asks for, in a visitor's words, naming the accreditors it accepts."""
        if self.training == self.Training.ACCREDITED_PROGRAM:
            names = " or ".join(a.abbreviation for a in self.accreditors.all())
            if names:
                return f"A medical assisting program accredited by {names}"
            return f"An accredited medical assisting program, as the {self.certification.body.abbreviation} defines it"
        if self.training == self.Training.NOT_CHECKED:
            where = " (see “Also”)" if self.other_requirements else ""
            return f"Another condition{where}, which our eligibility check does not test"
        return self.get_training_display()

    @property
    def where_to_confirm(self):
        return self.confirm_url or self.certification.official_url

    def clean(self):
        """Refuse combinations the eligibility checker could only read as nonsense."""
        errors = {}
        training_conditions = {
            "stage": self.stage != self.Stage.EITHER,
            "days_before_completion": self.days_before_completion is not None,
            "min_years_since_training": self.min_years_since_training is not None,
            "max_years_since_training": self.max_years_since_training is not None,
        }
        if self.training in (self.Training.NONE, self.Training.NOT_CHECKED):
            for field, is_set in training_conditions.items():
                if is_set:
                    errors[field] = "Only a route that asks for training can set this."
        if self.days_before_completion is not None and self.stage == self.Stage.GRADUATE:
            errors["days_before_completion"] = "A route for graduates only cannot let students test early."
        if (
            self.min_years_since_training is not None
            and self.max_years_since_training is not None
            and self.min_years_since_training >= self.max_years_since_training
        ):
            errors["max_years_since_training"] = "The most years must be more than the least years."
        if self.experience_window_years is not None:
            if self.min_years_experience is None:
                errors["experience_window_years"] = "Set the least years of work that must fall in this window."
            elif self.experience_window_years < self.min_years_experience:
                errors["experience_window_years"] = "The window cannot be shorter than the years of work it asks for."
        for hours in ("min_program_hours", "min_externship_hours", "requires_practicum"):
            if getattr(self, hours) not in (None, False) and self.training in (
                self.Training.NONE,
                self.Training.NOT_CHECKED,
                self.Training.MILITARY,
                self.Training.APPRENTICESHIP,
            ):
                errors[hours] = "Only a route that asks for a program can set this."
        if self.hours_per_year is not None and not self.min_years_experience:
            errors["hours_per_year"] = "Set the years of work these hours a year count."
        if errors:
            raise ValidationError(errors)
