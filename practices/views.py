"""The public "share your practice" form, served as a route of the practice listing."""

from django_ratelimit.core import is_ratelimited

from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .forms import SharePracticeForm
from .moderation import create_submitted_practice

SUBMISSION_RATE = "5/h"


def share_practice(request, index_page):
    """Show the form; a valid submission becomes a draft in moderation, spam becomes nothing."""
    form = SharePracticeForm(request.POST or None, request.FILES or None, locale=index_page.locale)
    context = {"page": index_page, "form": form}
    if request.method == "POST" and form.is_valid():
        # Only complete submissions count towards the limit: a typo costs nobody a try.
        if is_ratelimited(
            request, group="practices:share", key="ip", rate=SUBMISSION_RATE, method="POST", increment=True
        ):
            return TemplateResponse(request, "practices/share_practice_limited.html", context, status=429)
        if not form.is_spam:
            create_submitted_practice(form, index_page)
        return redirect(index_page.url + index_page.reverse_subpage("submit_thanks"))
    return TemplateResponse(request, "practices/share_practice.html", context)
