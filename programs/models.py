"""Education: paths into the job, topics, accreditors, the five selection factors, programs."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from careerpath.models import ContentQuerySet, NaturalKeyManager, Source


class Topic(models.Model):
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

    def natural_key(self):
        return (self.slug,)


class EducationPath(models.Model):
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
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="education_paths")

    NATURAL_KEY = ("slug",)
    objects = NaturalKeyManager()

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

    def natural_key(self):
        return (self.slug,)


class AccreditorQuerySet(ContentQuerySet):
    def recognised(self):
        return self.filter(recognised=True)


class Accreditor(models.Model):
    """A body that accredits medical assisting programs (CAAHEP, ABHES)."""

    abbreviation = models.CharField(max_length=20, unique=True)
    slug = models.SlugField(unique=True, max_length=40)
    name = models.CharField(max_length=200, unique=True)
    website = models.URLField(max_length=300)
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
        ordering = ["abbreviation"]

    def __str__(self):
        return f"{self.abbreviation} ({self.name})"

    def natural_key(self):
        return (self.slug,)


class SelectionFactor(models.Model):
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

    def natural_key(self):
        return (self.slug,)


class ProgramQuerySet(ContentQuerySet):
    def real(self):
        return self.filter(is_example=False)

    def examples(self):
        return self.filter(is_example=True)

    def with_related(self):
        return self.select_related("path", "accreditor")


class Program(models.Model):
    """A medical assistant training program offered by a school, for the directory."""

    class Format(models.TextChoices):
        IN_PERSON = "in-person", "In person"
        ONLINE = "online", "Online"
        HYBRID = "hybrid", "Hybrid"

    institution = models.CharField(max_length=200, db_index=True)
    name = models.CharField("program name", max_length=200)
    slug = models.SlugField(unique=True, max_length=200)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, db_index=True, help_text="Two-letter US state code, e.g. OH.")
    delivery_format = models.CharField(max_length=12, choices=Format.choices, db_index=True)
    path = models.ForeignKey(EducationPath, on_delete=models.PROTECT, related_name="programs")
    accreditor = models.ForeignKey(
        Accreditor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programs",
        help_text="Leave blank if no accreditor in this list accredits the program.",
    )
    total_cost = models.PositiveIntegerField(
        "total cost (US dollars)",
        null=True,
        blank=True,
        db_index=True,
        help_text="Tuition and fees for the whole program in whole dollars; blank if not published.",
    )
    months = models.PositiveSmallIntegerField("length (months)", db_index=True)
    has_externship = models.BooleanField("externship", default=False, db_index=True)
    has_placement_help = models.BooleanField("job placement help", default=False, db_index=True)
    website = models.URLField(max_length=300, blank=True)
    last_verified = models.DateField("date last verified")
    is_example = models.BooleanField(
        "example",
        default=False,
        db_index=True,
        help_text="Fictional program made by seed_example_programs, for trying the site. Never a real school.",
    )

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["name", "institution"]
        constraints = [
            models.CheckConstraint(
                condition=Q(months__gt=0) & Q(months__lte=60),
                name="program_months_in_range",
                violation_error_message="The length must be between 1 and 60 months.",
            ),
            models.CheckConstraint(
                condition=Q(total_cost__isnull=True) | Q(total_cost__gte=0),
                name="program_cost_not_negative",
                violation_error_message="The cost cannot be negative.",
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
