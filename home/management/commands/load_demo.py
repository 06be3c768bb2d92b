"""Load the demo content in all five languages from the YAML files in each app's demo/.

Idempotent: objects are found again by a translation key derived from their demo key, so a
second run creates nothing and says so. The format of the files is described in README.md
("Demo content").
"""

import random
import uuid
from pathlib import Path

import yaml

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction

from modelcluster.fields import ParentalManyToManyField
from taggit.managers import TaggableManager
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site, TranslatableMixin, Workflow, WorkflowPage

from home.images import placeholder_picture
from home.models import HomePage, SiteSettings
from home.translation import segment_pairs, translate_object
from portal.search.bulk import index_updates_deferred

DEMO_APPS = ["home", "guidelines", "practices", "events"]
KEY_NAMESPACE = uuid.UUID("6f1d4c52-3a8e-4d8e-9a43-0c7e3b1f5a10")
DEMO_USERS = [
    # username, password, group: printed at the end of every run.
    ("editor", "demo-editor-2026", "Editors"),
    ("moderator", "demo-moderator-2026", "Moderators"),
    ("translator", "demo-translator-2026", "Translators"),
]
# The groups and this workflow come from home/migrations/0004_roles_and_moderation_workflow.py,
# so a fresh install has them too; the demo only adds accounts and content.
PRACTICE_WORKFLOW = "Practice moderation"


def languages():
    return [code for code, _ in settings.LANGUAGES]


def is_leaf(value):
    """A translatable leaf: a mapping whose keys are exactly the five language codes."""
    return isinstance(value, dict) and set(value) == set(languages())


def leaf_pairs(value, source_lang, target_lang):
    """Every (source, target) text pair in a YAML value, for one target language."""
    if is_leaf(value):
        return segment_pairs(value[source_lang], value[target_lang])
    if isinstance(value, dict):
        return [pair for item in value.values() for pair in leaf_pairs(item, source_lang, target_lang)]
    if isinstance(value, list):
        return [pair for item in value for pair in leaf_pairs(item, source_lang, target_lang)]
    return []


def is_ref(value):
    return isinstance(value, dict) and set(value) == {"ref"}


def translation_key(key):
    return uuid.uuid5(KEY_NAMESPACE, key)


class DemoLoader:
    """Reads the demo files and creates what is missing; remembers what it did."""

    def __init__(self, stdout):
        self.stdout = stdout
        self.created = []
        self.images = {}
        self.locales = {}
        self.models_by_key = {}
        # Loading only some apps: a reference into an app left out is dropped, not an error.
        self.partial = False
        self.skipped_refs = set()
        random.seed(2026)

    # --- references ---------------------------------------------------------------

    def lookup(self, key, locale):
        """The object a demo key names, in `locale` when it is translatable."""
        if key in self.images:
            return self.images[key]
        model = self.models_by_key.get(key)
        if model is None and self.partial:
            self.skipped_refs.add(key)
            return None
        if model is None:
            raise CommandError(f"Unknown demo key {key!r} (is it defined in an earlier file?)")
        objects = model.objects.filter(translation_key=translation_key(key))
        if issubclass(model, Page):
            objects = objects.filter(alias_of__isnull=True)
        return objects.filter(locale=locale).first() or objects.first()

    def resolve(self, value, lang, locale, in_stream=False):
        """The value for one language: leaves picked, {ref: key} replaced by the object."""
        if is_leaf(value):
            return value[lang]
        if is_ref(value):
            obj = self.lookup(value["ref"], locale)
            return obj.pk if in_stream and obj is not None else obj
        if isinstance(value, dict):
            return {k: self.resolve(v, lang, locale, in_stream) for k, v in value.items()}
        if isinstance(value, list):
            resolved = [self.resolve(v, lang, locale, in_stream) for v in value]
            return [v for v, raw in zip(resolved, value, strict=True) if v is not None or not is_ref(raw)]
        return value

    # --- building objects ---------------------------------------------------------

    def build(self, model, key, fields, lang, locale):
        """An unsaved instance plus the relations that can only be set after saving."""
        instance = model(locale=locale, translation_key=translation_key(key))
        after_save = []
        for name, raw in fields.items():
            field = model._meta.get_field(name)
            if isinstance(field, StreamField):
                stream = self.resolve(raw, lang, locale, in_stream=True)
                for index, block in enumerate(stream):
                    block.setdefault("id", str(uuid.uuid5(KEY_NAMESPACE, f"{key}:{name}:{index}")))
                setattr(instance, name, stream)
            elif isinstance(field, TaggableManager):
                after_save.append(("tags", name, raw))
            elif isinstance(field, ParentalManyToManyField):
                setattr(instance, name, self.resolve(raw, lang, locale))
            elif isinstance(field, models.ManyToManyField):
                after_save.append(("m2m", name, raw))
            elif field.one_to_many:
                child_model = field.related_model
                children = [child_model(**self.resolve(item, lang, locale)) for item in raw]
                setattr(instance, name, children)
            else:
                setattr(instance, name, self.resolve(raw, lang, locale))
        return instance, after_save

    def apply_after_save(self, instance, after_save, lang, locale):
        for kind, name, raw in after_save:
            value = self.resolve(raw, lang, locale)
            if kind == "tags":
                getattr(instance, name).set(value)
            else:
                getattr(instance, name).set(value)

    def translate(self, instance, item, locale):
        """Translate a saved source object into `locale` from the texts in its file."""
        source_lang = item["source_locale"]
        lang = locale.language_code
        mapping = dict(leaf_pairs(item.get("fields", {}), source_lang, lang))
        translated = translate_object(instance, locale, mapping)
        # Tags are per language and not segments: set them on the translation itself.
        tag_fields = {
            name: raw
            for name, raw in item.get("fields", {}).items()
            if isinstance(type(instance)._meta.get_field(name), TaggableManager)
        }
        if tag_fields:
            for name, raw in tag_fields.items():
                getattr(translated, name).set(self.resolve(raw, lang, locale))
            if isinstance(translated, Page):
                translated.save_revision().publish()
            else:
                translated.save()
        return translated

    def load_item(self, item, model):
        key = item["key"]
        self.models_by_key[key] = model
        source_lang = item["source_locale"]
        source_locale = self.locales[source_lang]
        objects = model.objects.filter(translation_key=translation_key(key))
        if issubclass(model, Page):
            objects = objects.filter(alias_of__isnull=True)
        source = objects.filter(locale=source_locale).first()
        if source is None:
            with transaction.atomic():
                source = self.create_source(item, model, source_locale)
            self.created.append(f"{model._meta.verbose_name} {key} ({source_lang})")
        done = set(objects.values_list("locale__language_code", flat=True))
        for lang in languages():
            if lang not in done:
                with transaction.atomic():
                    self.translate(source, item, self.locales[lang])
                self.created.append(f"{model._meta.verbose_name} {key} ({lang})")

    def load_link(self, item, model, path):
        """A row that joins translatable objects for every language: each {ref: key} stands
        for that object's translation key; the refs find the row, the other fields update it."""
        keys, values = {}, {}
        for name, raw in item.get("fields", {}).items():
            if not is_ref(raw):
                values[name] = raw
            elif raw["ref"] in self.models_by_key:
                keys[name] = translation_key(raw["ref"])
            elif self.partial:
                self.skipped_refs.add(raw["ref"])
                return
            else:
                raise CommandError(f"{path}: unknown demo key {raw['ref']!r}")
        if not keys:
            raise CommandError(f"{path}: {item['type']} is not translatable and names no demo keys")
        _link, created = model.objects.get_or_create(**keys, defaults=values)
        if created:
            refs = [raw["ref"] for raw in item["fields"].values() if is_ref(raw)]
            self.created.append(f"{model._meta.verbose_name} {' → '.join(refs)}")

    def create_source(self, item, model, locale):
        lang = locale.language_code
        instance, after_save = self.build(model, item["key"], item.get("fields", {}), lang, locale)
        if issubclass(model, Page):
            instance.slug = item["slug"]
            parent_key = item["parent"]
            parent = self.tree_root() if parent_key == "root" else self.lookup(parent_key, locale)
            if parent_key == "root":
                # Wagtail's welcome page holds the slug "home" until the site moves to ours.
                parent.get_children().filter(slug=instance.slug, content_type__model="page").update(
                    slug="wagtail-welcome-page"
                )
            if parent.locale_id != locale.pk:
                raise CommandError(f"{item['key']}: parent {parent_key!r} has no {lang} translation yet")
            parent.add_child(instance=instance)
            self.apply_after_save(instance, after_save, lang, locale)
            instance.save_revision().publish()
            if isinstance(instance, HomePage):
                self.use_as_site_root(instance)
        else:
            instance.save()
            self.apply_after_save(instance, after_save, lang, locale)
        return instance

    def tree_root(self):
        """Wagtail's root page: made by its migrations, but not in a schema built without them."""
        return Page.get_first_root_node() or Page.add_root(title="Root", slug="root", locale=self.locales["sl"])

    def root_collection(self):
        return Collection.get_first_root_node() or Collection.add_root(name="Root")

    def use_as_site_root(self, home):
        """Point the default site at our home page and drop Wagtail's welcome page."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True, site_name="")
        old_root = site.root_page if site.pk else None
        site.root_page = home
        site.site_name = "Participation portal"
        site.save()
        if old_root is not None and old_root.pk != home.pk and type(old_root.specific) is Page:
            old_root.delete()

    def load_image(self, item):
        """A placeholder picture drawn with Pillow, so the demo ships no binary files."""
        collection = self.demo_collection()
        image_model = get_image_model()
        existing = image_model.objects.filter(collection=collection, title=item["title"]).first()
        if existing is None:
            label = item.get("label", item["title"])[:28]
            file = placeholder_picture(label, item.get("color", "#0b4f8a"), f"demo-{item['key']}.png")
            existing = image_model.objects.create(title=item["title"], collection=collection, file=file)
            self.created.append(f"image {item['key']}")
        self.images[item["key"]] = existing

    def demo_collection(self):
        root = self.root_collection()
        collection = root.get_children().filter(name="Demo").first()
        return collection or root.add_child(name="Demo")

    # --- files --------------------------------------------------------------------

    def load_file(self, path):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        items = data.get("items", [data])
        for item in items:
            if item.get("type") == "image":
                self.load_image(item)
                continue
            try:
                model = apps.get_model(item["type"])
            except (LookupError, ValueError) as error:
                raise CommandError(f"{path}: unknown type {item.get('type')!r}") from error
            if issubclass(model, TranslatableMixin):
                self.load_item(item, model)
            else:
                self.load_link(item, model, path)

    def run(self, app_labels):
        self.check_roles()
        self.partial = set(app_labels) != set(DEMO_APPS)
        for code in languages():
            locale, created = Locale.objects.get_or_create(language_code=code)
            self.locales[code] = locale
            if created:
                self.created.append(f"locale {code}")
        for label in app_labels:
            folder = Path(apps.get_app_config(label).path) / "demo"
            for path in sorted(folder.rglob("*.yaml")):
                self.load_file(path)
        self.configure_site()
        self.moderate_practices()
        self.add_demo_users()

    # --- site settings, moderation and accounts --------------------------------------

    def configure_site(self):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None or "site-text" not in self.models_by_key:
            return
        site_settings = SiteSettings.for_site(site)
        if site_settings.site_text_id is None:
            site_settings.site_text = self.lookup("site-text", self.locales[settings.LANGUAGE_CODE])
            site_settings.contact_email = "urednistvo@example.org"
            site_settings.save()
            self.created.append("site settings")
        if site_settings.privacy_page_id is None and "privacy" in self.models_by_key:
            site_settings.privacy_page = self.lookup("privacy", self.locales[settings.LANGUAGE_CODE])
            site_settings.save(update_fields=["privacy_page"])
            self.created.append("privacy notice setting")

    def check_roles(self):
        """Stop before loading anything when the migrations' groups or workflow are missing."""
        names = {group for _, _, group in DEMO_USERS}
        missing = names - set(Group.objects.filter(name__in=names).values_list("name", flat=True))
        if not Workflow.objects.filter(name=PRACTICE_WORKFLOW).exists():
            missing.add(PRACTICE_WORKFLOW)
        if missing:
            raise CommandError(f"Missing {', '.join(sorted(missing))}: run `manage.py migrate` first.")

    def moderate_practices(self):
        """Submitted demo practices go into moderation: each practice listing carries the workflow."""
        workflow = Workflow.objects.get(name=PRACTICE_WORKFLOW)
        for index in Page.objects.type(apps.get_model("practices", "PracticeIndexPage")):
            _, created = WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
            if created:
                self.created.append(f"moderation of {index.title} ({index.locale.language_code})")

    def add_demo_users(self):
        """One account per role, in the groups the migrations made."""
        user_model = get_user_model()
        for username, password, group_name in DEMO_USERS:
            user, created = user_model.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org", "first_name": username.title()}
            )
            if created:
                user.set_password(password)
                user.save()
                user.groups.add(Group.objects.get(name=group_name))
                self.created.append(f"user {username}")


class Command(BaseCommand):
    help = "Load the demo content in all five languages (safe to run again: it only adds what is missing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--apps",
            nargs="+",
            default=DEMO_APPS,
            choices=DEMO_APPS,
            help="Load only these apps' demo files (apps later in the list may need earlier ones).",
        )

    def handle(self, *args, **options):
        loader = DemoLoader(self.stdout)
        with index_updates_deferred():
            loader.run(options["apps"])
        if loader.created:
            self.stdout.write(f"Created {len(loader.created)} objects.")
            call_command("update_index", verbosity=0)
            call_command("rebuild_references_index", verbosity=0)
        else:
            self.stdout.write("Demo content already loaded; nothing changed.")
        if loader.skipped_refs:
            self.stdout.write(f"Left out references to apps not loaded: {', '.join(sorted(loader.skipped_refs))}")
        self.stdout.write("Demo accounts for /admin/ (username / password):")
        for username, password, group_name in DEMO_USERS:
            self.stdout.write(f"  {username} / {password}  ({group_name})")
