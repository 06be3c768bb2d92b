"""Remove the personal data of registrations once their event is long over (run daily from cron)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from events.services import anonymise, expired_registrations


class Command(BaseCommand):
    help = (
        "Erase name, email, organisation, role and needs of registrations for events that ended more than "
        "REGISTRATION_RETENTION_DAYS days ago (default 90). Status and dates stay for statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be erased.")

    def handle(self, *args, dry_run=False, **options):
        days = getattr(settings, "REGISTRATION_RETENTION_DAYS", 90)
        cutoff = timezone.now() - timedelta(days=days)
        expired = expired_registrations(cutoff)
        if dry_run:
            self.stdout.write(
                f"{expired.count()} registrations would be anonymised (events ended before {cutoff:%Y-%m-%d})."
            )
            return
        count = anonymise(expired)
        self.stdout.write(f"Anonymised {count} registrations of events that ended before {cutoff:%Y-%m-%d}.")
