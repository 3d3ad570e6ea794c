"""The learning library: the theme taxonomy and every published review's public record.

Themes are data (the starting taxonomy of `../shared/themes.md` is loaded by a migration) so that
administrators can add more. A `LibraryEntry` is the national, public record of a published review: what
anyone may read of it without signing in. It is not a `PartnershipRecord` because it is public by design.
"""

from django.db import models


class Theme(models.Model):
    label = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["label"]

    def __str__(self):
        return self.label


class LibraryEntry(models.Model):
    """A published review in the learning library, added when a partnership publishes it in cspr."""

    practice_review = models.OneToOneField(
        "practice_reviews.PracticeReview",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="library_entry",
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    area = models.CharField(max_length=200, help_text="The partnership or council area the review covers")
    title = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField()
    review_type = models.CharField(max_length=60)
    summary = models.TextField(blank=True)
    reviewer = models.CharField("reviewer's name", max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="library_entries")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name_plural = "library entries"

    def __str__(self):
        return f"{self.title} ({self.area}, {self.year})"

    def audit_label(self) -> str:
        return f"Library entry {self.title} ({self.year})"
