"""Event pages and registrations: types, fields, panels and small rules; views.py serves the requests."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import BaseStreamBlock
from home.models import BasePage, IndexPage, Organisation
from portal.routing import RoutedPageMixin
from portal.serializers import LocalizedSnippetsField

from .blocks import ProgrammeBlock

DEFAULT_TIMEZONE = "Europe/Ljubljana"


def validate_timezone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone, e.g. Europe/Ljubljana."), params={"value": value})


class EventIndexPage(IndexPage):
    """The list of upcoming and past events, with a calendar feed."""

    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("event index page")

    def events(self):
        return self.listed(EventPage)

    def upcoming_events(self):
        """Events not over yet (running ones included), soonest first."""
        return self.events().filter(end__gte=timezone.now()).order_by("start", "pk")

    def past_events(self):
        """Events that have ended, most recent first."""
        return self.events().filter(end__lt=timezone.now()).order_by("-start", "-pk")


class EventPage(RoutedPageMixin, BasePage):
    """One conference, forum, workshop or meeting: programme, venue, registration."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        FORUM = "forum", _("Civic forum")
        WORKSHOP = "workshop", _("Workshop")
        MEETING = "meeting", _("Meeting")

    summary = models.TextField(_("summary"), help_text=_("One or two sentences for listings and search results."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CONFERENCE)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_TIMEZONE,
        validators=[validate_timezone],
        help_text=_("Times on the page are shown in this zone (an IANA name such as Europe/Ljubljana)."),
    )
    venue_name = models.CharField(_("venue"), max_length=255, blank=True)
    address = models.TextField(_("address"), blank=True)
    online_url = models.URLField(_("online link"), blank=True, help_text=_("For online events: where to join."))
    organisers = ParentalManyToManyField(Organisation, verbose_name=_("organisers"), blank=True, related_name="+")
    audience = models.CharField(_("audience"), max_length=255, blank=True)
    registration_opens = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: open as soon as published.")
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"), null=True, blank=True, help_text=_("Empty: open until the event starts.")
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("Empty: unlimited."))
    waitlist = models.BooleanField(
        _("waiting list"), default=False, help_text=_("When full, add people to a waiting list.")
    )
    confirmation_text = models.TextField(
        _("confirmation text"), blank=True, help_text=_("Shown after registering and in the confirmation email.")
    )
    programme = StreamField(ProgrammeBlock(), verbose_name=_("programme"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("timezone")],
            heading=_("Date and time"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue_name"), FieldPanel("address"), FieldPanel("online_url")], heading=_("Place")
        ),
        FieldPanel("organisers"),
        FieldPanel("audience"),
        FieldPanel("body"),
        FieldPanel("programme"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_deadline")]),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waitlist")]),
                FieldPanel("confirmation_text"),
            ],
            heading=_("Registration"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("programme"),
        index.SearchField("venue_name"),
        index.SearchField("address"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    search_facets = {"year": "start"}
    # Dates, zone and limits are one fact for every language; the words are translated.
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("timezone"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("registration_opens"),
        SynchronizedField("registration_deadline"),
        SynchronizedField("capacity"),
        SynchronizedField("waitlist"),
    ]

    api_fields = [
        *(APIField(name) for name in ["summary", "body", "kind", "start", "end", "timezone"]),
        *(APIField(name) for name in ["venue_name", "address", "online_url", "audience"]),
        APIField("organisers", serializer=LocalizedSnippetsField(many=True)),
        *(APIField(name) for name in ["registration_opens", "registration_deadline", "capacity", "programme"]),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event page")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})
        if self.registration_deadline and self.start and self.registration_deadline > self.start:
            raise ValidationError({"registration_deadline": _("The deadline must be before the event starts.")})
        if (
            self.registration_opens
            and self.registration_deadline
            and self.registration_opens > self.registration_deadline
        ):
            raise ValidationError({"registration_opens": _("Registration must open before the deadline.")})

    # --- time ---------------------------------------------------------------------

    @cached_property
    def tzinfo(self):
        try:
            return zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(DEFAULT_TIMEZONE)

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.tzinfo)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.tzinfo)

    @property
    def is_single_day(self):
        return self.local_start.date() == self.local_end.date()

    @property
    def is_past(self):
        return self.end < timezone.now()

    # --- registration -------------------------------------------------------------

    @cached_property
    def registration_event(self):
        """The page registrations are stored against: the original, shared by all languages."""
        originals = EventPage.objects.filter(translation_key=self.translation_key, alias_of__isnull=True)
        return originals.order_by("pk").first() or self

    def registration_closed_reason(self, now=None):
        """Why registration is closed now, or None while it is open."""
        now = now or timezone.now()
        if now >= self.end:
            return _("Registration is closed: the event has taken place.")
        if now >= self.start:
            return _("Registration is closed: the event has already started.")
        if self.registration_opens and now < self.registration_opens:
            return _("Registration is not open yet.")
        if self.registration_deadline and now > self.registration_deadline:
            return _("Registration is closed: the deadline has passed.")
        return None


class Registration(models.Model):
    """One person's place (or waiting-list place) at an event; personal data is purged later."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE_STATUSES = [Status.CONFIRMED, Status.WAITLISTED]

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    needs = models.TextField(_("accessibility or dietary needs"), blank=True)
    consent = models.BooleanField(_("consent to the privacy notice"), default=False)
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # The database, not only the form, keeps one active registration per email and event.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=models.Q(status__in=["confirmed", "waitlisted"]) & ~models.Q(email=""),
                name="events_one_active_registration_per_email",
            )
        ]

    def __str__(self):
        return f"{self.name or _('(removed)')} – {self.event.title}"
