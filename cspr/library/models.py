"""The learning library: the theme taxonomy and every published review's learning, kept findable.

Themes are data (the starting taxonomy of `../shared/themes.md` is loaded by a migration) so that
administrators can add more, with the cue phrases the tagger looks for. A `LibraryEntry` is one review:
ours, added when a partnership publishes it in cspr, or imported from elsewhere (the NSPCC repository, a
neighbour's website). An entry is public once it is in the library ("public"); until then ("draft") only
its partnership's people see it. Entries imported by an administrator for the whole country belong to no
partnership. Who sees what is decided by `cspr.permissions.library` through `LibraryEntry.objects.visible_to`.
"""

import hashlib
import re

from django.conf import settings
from django.db import models
from django.urls import reverse

from . import vocabulary


class Theme(models.Model):
    label = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    cues = models.TextField(
        blank=True,
        help_text="Words or phrases that suggest the theme, one a line, in addition to cspr's own",
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["label"]

    def __str__(self):
        return self.label

    def audit_label(self) -> str:
        return f"Theme {self.label}"

    def cue_list(self) -> list[str]:
        return [line.strip() for line in self.cues.splitlines() if line.strip()]


class ReviewType(models.TextChoices):
    CSPR = vocabulary.CSPR, vocabulary.REVIEW_TYPES[vocabulary.CSPR]
    SCR = vocabulary.SCR, vocabulary.REVIEW_TYPES[vocabulary.SCR]
    RAPID_REVIEW = vocabulary.RAPID_REVIEW_LEARNING, vocabulary.REVIEW_TYPES[vocabulary.RAPID_REVIEW_LEARNING]
    THEMATIC = vocabulary.THEMATIC, vocabulary.REVIEW_TYPES[vocabulary.THEMATIC]
    NATIONAL = vocabulary.NATIONAL, vocabulary.REVIEW_TYPES[vocabulary.NATIONAL]
    OTHER = vocabulary.OTHER_LEARNING_REVIEW, vocabulary.REVIEW_TYPES[vocabulary.OTHER_LEARNING_REVIEW]


class AgeBand(models.TextChoices):
    UNDER_1 = vocabulary.UNDER_1, vocabulary.AGE_BANDS[vocabulary.UNDER_1]
    AGE_1_TO_4 = vocabulary.AGE_1_TO_4, vocabulary.AGE_BANDS[vocabulary.AGE_1_TO_4]
    AGE_5_TO_10 = vocabulary.AGE_5_TO_10, vocabulary.AGE_BANDS[vocabulary.AGE_5_TO_10]
    AGE_11_TO_15 = vocabulary.AGE_11_TO_15, vocabulary.AGE_BANDS[vocabulary.AGE_11_TO_15]
    AGE_16_TO_17 = vocabulary.AGE_16_TO_17, vocabulary.AGE_BANDS[vocabulary.AGE_16_TO_17]


class Harm(models.TextChoices):
    DEATH = vocabulary.DEATH, vocabulary.HARMS[vocabulary.DEATH]
    SERIOUS_HARM = vocabulary.SERIOUS_HARM, vocabulary.HARMS[vocabulary.SERIOUS_HARM]


class EntryStatus(models.TextChoices):
    DRAFT = "draft", "Draft: being checked by the partnership"
    PUBLIC = "public", "In the public library"


class EntrySource(models.TextChoices):
    CSPR = "cspr", "Published in cspr"
    IMPORTED = "imported", "Imported"


class LibraryEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public entries for everyone (signed in or not); drafts for their partnership's people."""
        from cspr import permissions

        return permissions.visible_library_entries(user, self)

    def public(self):
        return self.filter(status=EntryStatus.PUBLIC)


class LibraryEntry(models.Model):
    """One review in the learning library: its metadata, confirmed themes, text, recommendations and files."""

    practice_review = models.OneToOneField(
        "practice_reviews.PracticeReview",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="library_entry",
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The partnership that added it; none for reviews an administrator imported nationally",
    )
    status = models.CharField(max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    source = models.CharField(max_length=10, choices=EntrySource.choices, default=EntrySource.IMPORTED)
    area = models.CharField(max_length=200, help_text="The partnership or council area the review covers")
    title = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="The year it was published")
    review_type = models.CharField(max_length=20, choices=ReviewType.choices, blank=True)
    age_band = models.CharField("child's age band", max_length=10, choices=AgeBand.choices, blank=True)
    harm = models.CharField(max_length=20, choices=Harm.choices, blank=True)
    summary = models.TextField(blank=True)
    reviewer = models.CharField("reviewer's name", max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    guesses = models.JSONField(
        default=dict,
        blank=True,
        help_text='What the importer guessed and from where: {"year": {"value": 2021, "source": "..."}}',
    )
    themes = models.ManyToManyField(Theme, through="EntryTheme", blank=True, related_name="library_entries")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LibraryEntryQuerySet.as_manager()

    # Drafts may hold unpublished learning about a child: views and changes are audited like case data.
    is_case_data = True

    class Meta:
        ordering = ["-year", "title"]
        verbose_name_plural = "library entries"
        indexes = [models.Index(fields=["status", "year"])]

    def __str__(self):
        return f"{self.title} ({self.area}, {self.year or 'year not known'})"

    def get_absolute_url(self):
        return reverse("library:entry", args=[self.pk])

    def audit_label(self) -> str:
        return f"Library entry {self.pk}: {self.title}"

    @property
    def is_public(self) -> bool:
        return self.status == EntryStatus.PUBLIC

    def confirmed_themes(self):
        """The themes a person confirmed: what faceted search and analytics count."""
        return Theme.objects.filter(
            pk__in=self.entry_themes.filter(state=ThemeState.CONFIRMED).values("theme_id")
        )


class ThemeState(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    CONFIRMED = "confirmed", "Confirmed"
    REMOVED = "removed", "Removed"


class EntryTheme(models.Model):
    """A theme on an entry: suggested by the tagger with the sentences that justify it, then confirmed or
    removed by a person. A removed suggestion is kept so that re-tagging does not suggest it again."""

    entry = models.ForeignKey(LibraryEntry, on_delete=models.CASCADE, related_name="entry_themes")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=ThemeState.choices, default=ThemeState.SUGGESTED)
    evidence = models.JSONField(default=list, blank=True, help_text="The sentences that suggested the theme")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["theme__label"]
        constraints = [models.UniqueConstraint(fields=["entry", "theme"], name="entry_theme_once")]
        indexes = [models.Index(fields=["theme", "state"])]

    def __str__(self):
        return f"{self.theme.label} ({self.get_state_display().lower()})"


class FileKind(models.TextChoices):
    FULL_REPORT = "full_report", "Full report"
    EXECUTIVE_SUMMARY = "executive_summary", "Executive summary"
    BRIEFING = "briefing", "Learning briefing"
    SLIDES = "slides", "Slides"


def text_hash(text: str) -> str:
    """The content hash that finds a duplicate: the same words, whatever the file format or spacing."""
    normalised = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class LibraryFile(models.Model):
    """A file attached to an imported entry. Reviews published in cspr keep their files in `publication`,
    whose public pages apply the archive rule; their entries link there instead."""

    entry = models.ForeignKey(LibraryEntry, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=20, choices=FileKind.choices, default=FileKind.FULL_REPORT)
    file = models.FileField(upload_to="library/%Y/")
    original_name = models.CharField(max_length=255)
    media_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    page_count = models.PositiveIntegerField(default=0)
    content_hash = models.CharField(max_length=64, unique=True, help_text="`text_hash` of the extracted text")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["entry", "kind", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} of library entry {self.entry_id}"

    def audit_label(self) -> str:
        return f"{self.get_kind_display()} of library entry {self.entry_id}"


class LibraryPassage(models.Model):
    """One paragraph of an entry's text: the unit the full-text index searches and snippets come from.
    The search index itself (SQLite FTS5 table or PostgreSQL GIN index) is kept by `cspr.library.search`."""

    entry = models.ForeignKey(LibraryEntry, on_delete=models.CASCADE, related_name="passages")
    file = models.ForeignKey(LibraryFile, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField(help_text="Its place in the entry's text, from 1")
    page = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField()

    class Meta:
        ordering = ["entry", "number"]
        constraints = [models.UniqueConstraint(fields=["entry", "number"], name="passage_number_once")]

    def __str__(self):
        return f"Passage {self.number} of library entry {self.entry_id}"


class LibraryRecommendation(models.Model):
    """A recommendation found in the entry's text ("Recommendation 3: ...", "The partnership should ..."),
    which a partnership can add to its action plan with one click."""

    entry = models.ForeignKey(LibraryEntry, on_delete=models.CASCADE, related_name="recommendations")
    position = models.PositiveIntegerField(help_text="Its order in the report, from 1")
    number = models.CharField(max_length=20, blank=True, help_text="As the report numbers it, e.g. 3 or 2.1")
    text = models.TextField()

    class Meta:
        ordering = ["entry", "position"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "position"], name="library_recommendation_once")
        ]

    def __str__(self):
        return f"Recommendation {self.number or self.position} of library entry {self.entry_id}"

    def audit_label(self) -> str:
        return str(self)
