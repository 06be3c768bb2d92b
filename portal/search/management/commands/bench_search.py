"""Measure search latency on thousands of generated case studies: `make bench-search`.

Generates case studies (practices.PracticePage when the app has it, else standard pages)
in Slovenian with a fixed random seed, indexes them, then times 50 queries in the five
languages (without diacritics, inflected, rare words and words in more than 1,000 pages)
through the search page itself and through the backend alone, each the median of three runs,
and prints p50 and p95 (after VACUUM/ANALYZE and one untimed pass, as on a running server).
Run it on a database of its own: the Makefile target points DATABASE_URL at one.
"""

import random
import statistics
import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.utils import translation

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from portal.search.normalise import build_query

SEED = 20260
REPEATS = 3
# Words of generated text: the common ones land in thousands of pages.
COMMON = ["občina", "prebivalci", "projekt", "sodelovanje", "proračun", "odločitev", "svet", "mladi"]
RARE = [
    "participativni", "posvet", "delavnica", "strategija", "prostorski", "načrt", "odlok", "forum",
    "koordinator", "šola", "knjižnica", "park", "kolesarska", "steza", "igrišče", "energija",
    "podnebje", "voda", "promet", "kultura", "starejši", "prostovoljci", "nevladne", "organizacije",
]  # fmt: skip
FORMS = {
    "občina": ["občina", "občine", "občini", "občino"],
    "proračun": ["proračun", "proračuna", "proračunu", "proračunom"],
    "projekt": ["projekt", "projekta", "projekti", "projektov"],
    "odločitev": ["odločitev", "odločitve", "odločitvi"],
}
PLACES = ["Ajdovščina", "Kanal", "Celje", "Hrastnik", "Kranj", "Koper", "Ptuj", "Maribor", "Novo mesto", "Bled"]
QUERIES = [
    ("sl", "obcina"), ("sl", "proracun"), ("sl", "proracunu"), ("sl", "občine"), ("sl", "projektov"),
    ("sl", "sodelovanje prebivalcev"), ("sl", "mladi svet"), ("sl", "participativni proracun"),
    ("sl", "odlocitve"), ("sl", "kolesarska steza"), ("sl", "igrisce"), ("sl", "knjiznica"),
    ("sl", "prostorski nacrt"), ("sl", "Ajdovscina"), ("sl", "Novo mesto"), ("sl", "podnebje energija"),
    ("sl", "prostovoljci"), ("sl", "nevladne organizacije"), ("sl", "posvet"), ("sl", "delavnica mladi"),
    ("sl", "strategija"), ("sl", "odlok"), ("sl", "forum"), ("sl", "koordinatorja"), ("sl", "sola"),
    ("sl", "promet"), ("sl", "kultura starejsi"), ("sl", "voda"), ("sl", "obcina proracun projekt"),
    ("sl", "zzz neobstojeca beseda"),
    ("en", "budget"), ("en", "participatory budgeting"), ("en", "municipality"), ("en", "youth council"),
    ("cs", "rozpocet"), ("cs", "ucast obcanu"), ("cs", "koordinatora"), ("cs", "obec"),
    ("sk", "rozpocet"), ("sk", "koordinatorov"), ("sk", "obcina"), ("sk", "mladez"),
    ("bg", "бюджета"), ("bg", "община"), ("bg", "участие"), ("bg", "проект"),
    ("sl", "\" * - OR NEAR("), ("sl", "proračun*"), ("en", "obcina"), ("cs", "proracunu"),
]  # fmt: skip


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Generate case studies (once) and report p50/p95 search latency for 50 queries."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=10_000, help="Case studies to have (default 10,000).")

    def handle(self, *args, **options):
        model, parent = self._target()
        existing = model.objects.child_of(parent).count()
        if existing < options["pages"]:
            self._generate(model, parent, options["pages"] - existing, existing)
        # Fresh statistics and a clean full-text index (PostgreSQL keeps new GIN entries in a
        # pending list until vacuumed), as autovacuum would give a production database.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        self.stdout.write(f"{model.objects.count()} {model._meta.verbose_name_plural} in the database.")
        backend = get_search_backend()
        self.stdout.write(f"Backend: {backend.__class__.__module__}.{backend.__class__.__name__}")
        self._measure()

    def _target(self):
        locale = Locale.objects.get(language_code="sl")
        try:
            model = apps.get_model("practices", "PracticePage")
            parent = apps.get_model("practices", "PracticeIndexPage").objects.filter(locale=locale).first()
        except LookupError:
            parent = None
        if parent is None:
            model = apps.get_model("home", "StandardPage")
            parent = apps.get_model("home", "HomePage").objects.get(locale=locale)
        return model, parent

    def _text(self, rng, words):
        chosen = []
        for _ in range(words):
            word = rng.choice(COMMON) if rng.random() < 0.15 else rng.choice(RARE)
            chosen.append(rng.choice(FORMS.get(word, [word])))
        return " ".join(chosen).capitalize() + "."

    def _generate(self, model, parent, count, offset):
        rng = random.Random(SEED + offset)  # noqa: S311 (benchmark text, not security)
        text_field = "summary" if hasattr(model, "summary") else "intro"
        self.stdout.write(f"Generating {count} pages ...")
        started = time.monotonic()
        for number in range(offset, offset + count):
            place = rng.choice(PLACES)
            fields = {
                "title": f"{self._text(rng, 4)[:-1]} – {place} {number}",
                "slug": f"bench-{number}",
                text_field: f"{place}: " + " ".join(self._text(rng, 12) for _ in range(5)),
            }
            if hasattr(model, "country"):
                fields["country"] = rng.choice(["SI", "SK", "CZ", "BG"])
            with transaction.atomic():
                page = parent.add_child(instance=model(**fields))
            if number % 1000 == 999:
                self.stdout.write(f"  {number + 1} ({time.monotonic() - started:.0f} s)")
            del page

    def _measure(self):
        client = Client()
        # One untimed pass loads what a running server keeps loaded (dictionaries, caches).
        for language, query in QUERIES:
            client.get(f"/{language}/search/", {"q": query}, HTTP_HOST="localhost")
        timings = {"backend": [], "page": []}
        for language, query in QUERIES:
            # Each query's time is the median of a few runs: one slow run of a shared machine
            # should not decide the figure.
            backend_runs, page_runs = [], []
            for _run in range(REPEATS):
                with translation.override(language):
                    queryset = Page.objects.live().filter(locale=Locale.objects.get(language_code=language))
                    terms = build_query(query, language)
                    started = time.perf_counter()
                    if terms is not None:
                        # As the search page asks: every match ranked once (that gives the
                        # count), then the first page of them loaded.
                        ids = queryset.search(terms, operator=None).ranked_ids()
                        count = len(ids)
                        list(Page.objects.filter(pk__in=ids[:10]))
                    else:
                        count = 0
                    backend_runs.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                client.get(f"/{language}/search/", {"q": query}, HTTP_HOST="localhost")
                page_runs.append((time.perf_counter() - started) * 1000)
            timings["backend"].append(statistics.median(backend_runs))
            timings["page"].append(statistics.median(page_runs))
            self.stdout.write(
                f"  {language} {query!r}: {count} matches, backend {timings['backend'][-1]:.1f} ms, "
                f"page {timings['page'][-1]:.1f} ms"
            )
        for name, label in [("backend", "ranked ids + first page"), ("page", "whole search page with facets")]:
            values = timings[name]
            self.stdout.write(
                f"{label}: p50 {statistics.median(values):.1f} ms, p95 {percentile(values, 0.95):.1f} ms "
                f"({len(values)} queries)"
            )
