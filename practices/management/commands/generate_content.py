"""Generate many case studies in five languages, for load and search tests: `generate_content --practices N`.

Rows are written in bulk (tree paths computed here; no save() per page, no revisions, no
wagtail-localize sources), then indexed in bulk through the search backend, so 10,000 practices
with their translations take about a minute on SQLite. The words come from generate_content.yaml,
aligned across languages so a translation says what its source says; a fixed seed makes the
same run give the same pages.
"""

import datetime
import random
import time
import uuid
from decimal import Decimal
from pathlib import Path

import yaml

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import prefetch_related_objects
from django.utils.text import slugify

from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail.search.backends import get_search_backend

from home.images import placeholder_picture
from home.models import ParticipationMethod
from portal.search.bulk import index_updates_deferred
from practices.models import ParticipationLevel, PracticeIndexPage, PracticePage, PracticeTag

WORDS_FILE = Path(__file__).with_suffix(".yaml")
SEED = 2026
TRANSLATION_CHANCE = 0.5
GALLERY_CHANCE = 1 / 3
COLLECTION = "Generated"
# Where a source language is spoken; English case studies come from anywhere.
HOME_COUNTRY = {"sl": "SI", "bg": "BG", "cs": "CZ", "sk": "SK"}
# Budgets are drawn in euros and shown in the country's currency: (currency, euro rate).
CURRENCIES = {"BG": ("BGN", 2), "CZ": ("CZK", 25), "HU": ("HUF", 400), "PL": ("PLN", 4), "RO": ("RON", 5)}
LEVEL_WEIGHTS = dict(zip(ParticipationLevel.values, [1, 3, 3, 2, 1], strict=True))  # inform ... empower
FIRST_START, LAST_START = datetime.date(2012, 1, 1), datetime.date(2025, 6, 30)
# Nothing ends or is published after this day: a later end makes a practice ongoing.
CUT_OFF = datetime.date(2026, 1, 1)
INDEX_CHUNK = 500


def children(page):
    """Its children by path: get_children() trusts numchild, which bulk writes leave stale."""
    return Page.objects.filter(path__startswith=page.path, depth=page.depth + 1)


class Command(BaseCommand):
    help = (
        "Create N case studies spread over the five languages, each translated into the others with "
        "probability 0.5, with methods, tags, galleries and facts; indexed for search. Run after load_demo."
    )

    def add_arguments(self, parser):
        parser.add_argument("--practices", type=int, default=100, help="Case studies to create (default 100).")
        parser.add_argument(
            "--up-to",
            type=int,
            help="Instead: create what is missing for this many case studies in all (`make bench`).",
        )

    def handle(self, *args, practices, up_to=None, **options):
        if up_to is not None:
            existing = PracticePage.objects.values("translation_key").distinct().count()
            if existing >= up_to:
                self.stdout.write(f"{existing} case studies already: nothing to create.")
                return
            practices = up_to - existing
        if practices < 1:
            raise CommandError("--practices must be at least 1.")
        started = time.monotonic()
        self.words = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
        languages = [code for code, _name in settings.LANGUAGES]
        listings = self.listings(languages)
        # One more than any number a practice slug ends with: new slugs never clash with old ones.
        slugs = PracticePage.objects.filter(slug__regex=r"-[0-9]+$").values_list("slug", flat=True)
        first = max((int(slug.rsplit("-", 1)[1]) for slug in slugs), default=0) + 1
        self.methods = {}  # {language: {translation key: method id}}
        for pk, key, code in ParticipationMethod.objects.values_list("pk", "translation_key", "locale__language_code"):
            self.methods.setdefault(code, {})[key] = pk
        rng = random.Random(SEED + first)  # noqa: S311 (generated text, not security)
        with index_updates_deferred(), transaction.atomic():
            self.images = self.gallery_images()
            stories = [self.draw(rng, first + n, languages[n % len(languages)], languages) for n in range(practices)]
            pages = self.write(stories, listings)
            written = time.monotonic()
            # The pages in memory are what the database holds: index them with their tags fetched.
            backend = get_search_backend()
            for offset in range(0, len(pages), INDEX_CHUNK):
                chunk = pages[offset : offset + INDEX_CHUNK]
                prefetch_related_objects(chunk, "tags")
                backend.add_bulk(PracticePage, chunk)
        done = time.monotonic()
        self.stdout.write(
            f"Created {practices} practices and {len(pages) - practices} translations ({len(pages)} pages, "
            f"numbers {first}–{first + practices - 1}), {sum(bool(s['gallery']) for s in stories)} with a "
            f"gallery, and indexed them. Took {done - started:.1f} s ({done - written:.1f} s indexing)."
        )

    def listings(self, languages):
        """The practice listing of each language: generated pages go below them."""
        found = {}
        for page in PracticeIndexPage.objects.filter(alias_of__isnull=True).select_related("locale").order_by("path"):
            found.setdefault(page.locale.language_code, page)
        missing = [code for code in languages if code not in found]
        if missing:
            raise CommandError(
                f"No practice listing in {', '.join(missing)}: run `manage.py load_demo` "
                "(or at least `load_demo --apps home practices`) first."
            )
        return found

    def gallery_images(self):
        """(image, alt texts) of the pictures in the "Generated" collection, drawn the first time."""
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=COLLECTION).first() or root.add_child(name=COLLECTION)
        image_model = get_image_model()
        existing = {image.title: image for image in image_model.objects.filter(collection=collection)}
        images, created = [], []
        for item in self.words["images"]:
            title = f"Generated: {item['label']}"
            if title not in existing:
                file = placeholder_picture(item["label"], item["color"], f"generated-{slugify(item['label'])}.png")
                existing[title] = image_model.objects.create(title=title, collection=collection, file=file)
                created.append(existing[title])
            images.append((existing[title], item["alt"]))
        if created:
            get_search_backend().add_bulk(image_model, created)
        return images

    def draw(self, rng, number, source, languages):
        """Every choice about one case study, shared by its translations (the words come per language)."""
        words = self.words
        places = words["places"]
        if source in HOME_COUNTRY and rng.random() < 0.85:
            places = [place for place in places if place["country"] == HOME_COUNTRY[source]]
        place = rng.choice(places)
        start = FIRST_START + datetime.timedelta(days=rng.randrange((LAST_START - FIRST_START).days))
        end = start + datetime.timedelta(days=rng.randrange(90, 900))
        end = None if rng.random() < 0.2 or end >= CUT_OFF else end
        currency, rate = CURRENCIES.get(place["country"], ("EUR", 1))
        topic = words["topics"][rng.randrange(len(words["topics"]))]
        groups = rng.sample(words["people"], rng.randint(1, 3))
        steps = rng.sample(range(len(words["steps"])), rng.randint(4, 6))
        results = rng.sample(range(len(words["results"])), 4)
        methods = sorted(self.methods.get(source, {}), key=str)
        published = min(start + datetime.timedelta(days=rng.randrange(30, 400)), CUT_OFF)
        story = {
            "key": uuid.UUID(int=rng.getrandbits(128), version=4),
            "languages": [source]
            + [code for code in languages if code != source and rng.random() < TRANSLATION_CHANCE],
            "topic": topic,
            "approach": words["approaches"][rng.randrange(len(words["approaches"]))],
            "place": place,
            "groups": groups,
            "opener": [rng.randrange(len(words["openers"]))],
            "summary": sorted(rng.sample(range(len(words["summary"])), rng.randint(2, 3))),
            "steps": (steps[:2], steps[2:]),
            "results": (results[:2], results[2:]),
            "lessons": rng.sample(range(len(words["lessons"])), 2),
            "months": rng.randint(5, 11),
            "tags": list(dict.fromkeys(topic["tags"] + rng.sample(sorted(words["tags"]), rng.randint(0, 2)))),
            "methods": rng.sample(methods, min(len(methods), rng.randint(1, 3))),
            "gallery": rng.sample(range(len(words["images"])), rng.randint(1, 2))
            if rng.random() < GALLERY_CHANCE
            else [],
            "block_ids": [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(7)],
            "published": datetime.datetime.combine(published, datetime.time(9, rng.randrange(60)), datetime.UTC),
            "facts": {
                "country": place["country"],
                "start_date": start,
                "end_date": end,
                "ongoing": end is None,
                "participation_level": rng.choices(list(LEVEL_WEIGHTS), weights=list(LEVEL_WEIGHTS.values()))[0],
                "decision_type": topic["decision"],
                "target_groups": [group["code"] for group in groups],
                "participants": rng.randrange(20, 3000, 10),
                "budget": Decimal(rng.randrange(5_000, 400_000, 500) * rate) if rng.random() < 0.7 else None,
                "currency": currency,
            },
        }
        story["slug"] = f"{slugify(self.texts(story, 'en')['title'])}-{number}"
        return story

    def texts(self, story, lang):
        """The fields a reader reads, in one language."""
        words, ids = self.words, story["block_ids"]
        topic_title, topic_of = story["topic"][lang]
        place = story["place"].get(lang, story["place"]["name"])
        slots = {"place": place, "of": topic_of, "people": story["groups"][0][lang], "months": story["months"]}
        slots.update(participants=story["facts"]["participants"], year=story["facts"]["start_date"].year)

        def say(section, picks):
            return " ".join(words[section][pick][lang].format(**slots) for pick in picks)

        body = [
            {"type": "heading", "value": {"text": words["headings"][0][lang]}, "id": ids[0]},
            {"type": "paragraph", "value": f"<p>{say('steps', story['steps'][0])}</p>", "id": ids[1]},
            {"type": "paragraph", "value": f"<p>{say('steps', story['steps'][1])}</p>", "id": ids[2]},
            {"type": "heading", "value": {"text": words["headings"][1][lang]}, "id": ids[3]},
            {"type": "paragraph", "value": f"<p>{say('results', story['results'][0])}</p>", "id": ids[4]},
        ]
        gallery = [
            {"type": "image", "value": {"image": image.pk, "alt_text": alt[lang], "caption": ""}, "id": ids[5 + n]}
            for n, (image, alt) in enumerate(self.images[i] for i in story["gallery"])
        ]
        title = words["title"][lang].format(topic=topic_title, approach=story["approach"][lang], place=place)
        return {
            "title": title,
            "draft_title": title,
            "summary": f"{say('openers', story['opener'])} {say('summary', story['summary'])}",
            "body": body,
            "gallery": gallery,
            "municipality": place,
            "outcomes": f"<p>{say('results', story['results'][1])}</p>",
            "lessons": f"<p>{say('lessons', story['lessons'])}</p>",
        }

    def write(self, stories, listings):
        """Page rows, practice rows, methods and tags, in a few hundred statements."""
        steps = {}
        for code, listing in listings.items():
            last = children(listing).order_by("-path").values_list("path", flat=True).first()
            steps[code] = PracticePage._str2int(last[-PracticePage.steplen :]) + 1 if last else 1
        names = {
            self.words["tags"][key][code] for story in stories for key in story["tags"] for code in story["languages"]
        }
        tag_ids = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
        for name in sorted(names - set(tag_ids)):
            tag_ids[name] = Tag.objects.get_or_create(name=name)[0].pk  # taggit makes the slug unique
        pages, method_links, tag_links = [], [], []
        for story in stories:
            for code in story["languages"]:
                listing = listings[code]
                pages.append(
                    PracticePage(
                        **self.texts(story, code),
                        **story["facts"],
                        slug=story["slug"],
                        locale=listing.locale,
                        translation_key=story["key"],
                        path=PracticePage._get_path(listing.path, listing.depth + 1, steps[code]),
                        depth=listing.depth + 1,
                        url_path=f"{listing.url_path}{story['slug']}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=story["published"],
                        last_published_at=story["published"],
                    )
                )
                steps[code] += 1
                methods = self.methods.get(code, {})
                method_links.append([methods[key] for key in story["methods"] if key in methods])
                tag_links.append([tag_ids[self.words["tags"][key][code]] for key in story["tags"]])
        # Multi-table inheritance: the wagtailcore_page rows first, then the practice rows beside them.
        Page.objects.bulk_create(pages)
        for page in pages:
            page.page_ptr_id = page.id
        fields = PracticePage._meta.local_concrete_fields
        size = connection.ops.bulk_batch_size(fields, pages)
        for offset in range(0, len(pages), size):
            PracticePage._base_manager._insert(pages[offset : offset + size], fields=fields)
        through = PracticePage._meta.get_field("methods").remote_field.through
        through.objects.bulk_create(
            through(practicepage_id=page.pk, participationmethod_id=method_id)
            for page, ids in zip(pages, method_links, strict=True)
            for method_id in ids
        )
        PracticeTag.objects.bulk_create(
            PracticeTag(content_object_id=page.pk, tag_id=tag_id)
            for page, ids in zip(pages, tag_links, strict=True)
            for tag_id in ids
        )
        for listing in listings.values():
            Page.objects.filter(pk=listing.pk).update(numchild=children(listing).count())
        return pages
