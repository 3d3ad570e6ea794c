"""Publishing (or publishing the improvements only), recording the Panel's publication of a national
review, withdrawing, keeping after 12 months, and the submission pack for the national repository."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cspr import permissions
from cspr.audit.log import viewed
from cspr.core.pages import form_page
from cspr.core.templatetags.govuk import govuk_date

from ..actions.publishing import (
    PublicationRefused,
    do_publish,
    do_publish_improvements_only,
    do_record_panel_publication,
    do_set_keep_published,
    do_withdraw,
    publication_blockers,
    withdrawal_refusal,
)
from ..forms import NotPublishingForm, PanelPublicationForm, PublishForm, WithdrawForm
from ..rules import kept_until
from ..submission import pack_filename, submission_pack
from .common import prepare_url, review_for


def _refused(request, review, reasons: list[str], title: str):
    context = {"practice_review": review, "reasons": reasons, "title": title, "back_url": prepare_url(review)}
    return render(request, "publication/refused.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def publish(request, pk):
    """Refuses, listing each gate neither met nor waived; otherwise asks for the date and publishes."""
    review = review_for(request, pk, permissions.can_publish)
    blockers = publication_blockers(review)
    if blockers:
        viewed(request, review)
        return _refused(request, review, blockers, "The review cannot be published yet")
    form = PublishForm(
        request.POST if request.method == "POST" else None,
        initial={"published_on": review.planned_publication_on or timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            do_publish(
                review,
                published_on=form.cleaned_data["published_on"],
                acting_user=request.user,
                request=request,
            )
        except PublicationRefused as refused:
            return _refused(request, review, refused.reasons, "The review cannot be published yet")
        messages.success(
            request,
            f"{review.title} is published from {govuk_date(review.published_on)} and added to the "
            "learning library",
        )
        return redirect(prepare_url(review))
    viewed(request, review)
    return form_page(
        request,
        form,
        title=f"Publish {review.title}",
        button="Publish the review",
        back_url=prepare_url(review),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def not_publishing(request, pk):
    review = review_for(request, pk, permissions.can_prepare_publication)
    form = NotPublishingForm(
        request.POST if request.method == "POST" else None,
        initial={
            "reasons": review.not_publishing_reasons,
            "statement": review.improvements_statement,
            "published_on": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        do_publish_improvements_only(review, **form.cleaned_data, acting_user=request.user, request=request)
        messages.success(request, "The improvements to be made are published instead of the report")
        return redirect(prepare_url(review))
    viewed(request, review)
    return form_page(
        request,
        form,
        title="Do not publish the report: publish the improvements only",
        button="Publish the improvements",
        back_url=prepare_url(review),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def panel_publication(request, pk):
    review = review_for(request, pk, permissions.can_publish)
    form = PanelPublicationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            do_record_panel_publication(
                review,
                published_on=form.cleaned_data["published_on"],
                url=form.cleaned_data["url"],
                acting_user=request.user,
                request=request,
            )
        except PublicationRefused as refused:
            return _refused(request, review, refused.reasons, "The Panel's publication cannot be recorded")
        messages.success(request, "The Panel's publication is recorded")
        return redirect(prepare_url(review))
    viewed(request, review)
    return form_page(
        request,
        form,
        title="Record the Panel's publication of the national review",
        button="Record the publication",
        back_url=prepare_url(review),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, pk):
    """The 12-month rule: before then only an executive member, with a reason; after, the business manager."""
    review = review_for(request, pk, permissions.can_withdraw_publication)
    today = timezone.localdate()
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method in ("GET", "HEAD"):
        refusal = withdrawal_refusal(review, request.user, reason="(asked on the next page)", today=today)
        if refusal:
            viewed(request, review)
            return _refused(request, review, [refusal], "You cannot withdraw this review")
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        refusal = withdrawal_refusal(review, request.user, reason=reason, today=today)
        if refusal:
            form.add_error("reason", refusal)
        else:
            do_withdraw(review, reason=reason, withdrawn_on=today, acting_user=request.user, request=request)
            messages.success(
                request, f"{review.title} is withdrawn from the public page and the learning library"
            )
            return redirect(prepare_url(review))
    viewed(request, review)
    context = {
        "form": form,
        "title": f"Withdraw {review.title} from publication",
        "button": "Withdraw the review",
        "back_url": prepare_url(review),
        "lead": (
            "It has been published for less than 12 months (until "
            f"{govuk_date(kept_until(review.published_on))}): record why it must come down now."
            if today < kept_until(review.published_on)
            else "It has been published for 12 months: once withdrawn it is no longer listed, even as "
            "available on request."
        ),
    }
    return render(request, "form_page.html", context)


@require_POST
def keep(request, pk):
    review = review_for(request, pk, permissions.can_keep_published)
    keep_it = not review.keep_published
    do_set_keep_published(review, keep=keep_it, acting_user=request.user, request=request)
    if keep_it:
        messages.success(request, f"{review.title} stays on the public page after its 12 months")
    else:
        messages.success(request, f"{review.title} will be available on request after its 12 months")
    return redirect(prepare_url(review))


@require_safe
def submission_pack_download(request, pk):
    review = review_for(request, pk, permissions.can_download_submission_pack)
    viewed(request, review)
    response = HttpResponse(submission_pack(review), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{pack_filename(review)}"'
    return response


urlpatterns = [
    path("<int:pk>/publish/", publish, name="publish"),
    path("<int:pk>/not-publishing/", not_publishing, name="not-publishing"),
    path("<int:pk>/panel-publication/", panel_publication, name="panel-publication"),
    path("<int:pk>/withdraw/", withdraw, name="withdraw"),
    path("<int:pk>/keep/", keep, name="keep"),
    path("<int:pk>/submission-pack.zip", submission_pack_download, name="submission-pack"),
]
