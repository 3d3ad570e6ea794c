"""Records the permission matrix needs for the Panel's side: its response and its thematic reviews."""

from cspr.rapid_reviews.models import ThematicReview

from .matrix import sent_rapid_review


def thematic_review(ctx) -> ThematicReview:
    """A thematic review grouping the context incident, whose rapid review was sent to the Panel."""
    rapid_review = sent_rapid_review(ctx)
    review, _ = ThematicReview.objects.get_or_create(title="Infants with unexplained injuries")
    review.incidents.add(rapid_review.incident)
    return review


def thematic_review_kwargs(ctx) -> dict:
    return {"pk": thematic_review(ctx).pk}


def thematic_review_incident_kwargs(ctx) -> dict:
    return {"pk": thematic_review(ctx).pk, "incident_pk": ctx["incident"].pk}
