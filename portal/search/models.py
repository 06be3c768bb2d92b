"""What visitors search for, per language, so editors can see popular and unanswered queries."""

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchTerm(models.Model):
    """One query as visitors typed it (lower-cased) in one language, with its counts."""

    query_string = models.CharField(_("query"), max_length=200)
    language = models.CharField(_("language"), max_length=10)
    hits = models.PositiveIntegerField(_("searches"), default=0)
    no_result_hits = models.PositiveIntegerField(_("searches without results"), default=0)
    last_result_count = models.PositiveIntegerField(_("results last time"), default=0)
    last_searched_at = models.DateTimeField(_("last searched"), default=timezone.now)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [models.UniqueConstraint(fields=["query_string", "language"], name="unique_search_term")]
        ordering = ["-hits"]

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query_string, language, result_count):
        """Count one search; a single UPDATE, so concurrent searches never lose a hit."""
        query_string = " ".join(query_string.lower().split())[:200]
        if not query_string:
            return
        term, _created = cls.objects.get_or_create(query_string=query_string, language=language)
        cls.objects.filter(pk=term.pk).update(
            hits=F("hits") + 1,
            no_result_hits=F("no_result_hits") + (0 if result_count else 1),
            last_result_count=result_count,
            last_searched_at=timezone.now(),
        )
