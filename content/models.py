"""What every app builds on: sources, sourced statements, natural keys and content querysets.

Every other app cites these models and may import this module; this app imports none of them. The
tables keep the names they were created with ("careerpath_source", …), before the apps were split.
"""

from django.db import models

from .published import published
from .signals import content_changed


class ContentQuerySet(models.QuerySet):
    """A queryset whose bulk writes, which send no model signals, still announce that content changed."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        content_changed.send(sender=self.model, using=self.db)
        return rows

    def bulk_create(self, *args, **kwargs):
        created = super().bulk_create(*args, **kwargs)
        content_changed.send(sender=self.model, using=self.db)
        return created

    def bulk_update(self, *args, **kwargs):
        rows = super().bulk_update(*args, **kwargs)
        content_changed.send(sender=self.model, using=self.db)
        return rows


class NaturalKeyManager(models.Manager.from_queryset(ContentQuerySet)):
    """A manager whose get_by_natural_key looks a row up by the model's NATURAL_KEY fields."""

    def get_by_natural_key(self, *values):
        lookups = dict(zip(self.model.NATURAL_KEY, values, strict=True))
        return self.get(**lookups)


class NaturalKeyModel(models.Model):
    """A model identified in fixtures and backups by its NATURAL_KEY lookups, e.g. ("occupation__slug", "order").

    The one definition of natural_key() for every content model; pair it with NaturalKeyManager (or a
    manager built from it) for get_by_natural_key(). dumpdata orders models by their foreign keys to
    models with natural keys, so a key that reads through one (occupation__slug) needs no dependencies list.
    """

    NATURAL_KEY: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def natural_key(self):
        values = []
        for path in self.NATURAL_KEY:
            value = self
            for name in path.split("__"):
                value = getattr(value, name)
            values.append(value)
        return tuple(values)


@published
class Source(NaturalKeyModel):
    """A publication a fact was read from: every figure and sourced statement points to one."""

    class Provenance(models.TextChoices):
        """Where the fact was read: the public label beside every citation."""

        ISSUER_PAGE = "issuer-page", "the issuer's own page"
        DATA_FILE_COPY = "data-file-copy", "a copy of the official data file"
        THIRD_PARTY = "third-party", "a third-party summary"
        ARTICLE = "article", "the article that quotes it"

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
        "A third-party summary: anyone else reporting the fact (a blog, an exam-prep page, an article). "
        "The article that quotes it: a figure read in the seed article, which names the issuer it quotes.",
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
        db_table = "careerpath_source"  # its name from before the apps were split (README: Layout)
        ordering = ["publisher", "title"]

    def __str__(self):
        return f"{self.publisher}: {self.title}" if self.publisher else self.title

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


@published
class Statement(NaturalKeyModel):
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
        db_table = "careerpath_statement"  # its name from before the apps were split (README: Layout)
        ordering = ["topic", "order"]

    def __str__(self):
        return f"{self.get_topic_display()}: {self.text[:60]}"


@published
class SearchSynonym(NaturalKeyModel):
    """Words the site search treats as one: "pay, salary, wage, earn, make". Editors keep the list in the admin.

    Each row is a group of equivalent terms (a term may be several words: "how long", "nursing assistant");
    a query holding any of them finds what holds any other.
    """

    key = models.SlugField(unique=True, max_length=60, help_text="A short name for the group, e.g. pay.")
    terms = models.CharField(
        max_length=300,
        help_text="The equivalent terms, separated by commas, e.g. pay, salary, wage, earn, make. Case aside.",
    )

    NATURAL_KEY = ("key",)
    objects = NaturalKeyManager()

    class Meta:
        ordering = ["key"]
        verbose_name = "search synonym group"

    def __str__(self):
        return self.terms

    @property
    def term_list(self) -> list[str]:
        return [" ".join(t.lower().split()) for t in self.terms.split(",") if t.strip()]


# The editors' import previews are this app's too (not content: writing one changes no page), and so is the
# content's version stamp (written with every content write).
from .csv_imports.previews import ImportPreview  # noqa: E402, F401
from .versions import ContentVersion  # noqa: E402, F401
