"""Keep the gettext catalogues in locale/ complete and in step with the code."""

from pathlib import Path

import polib

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# Folders that hold no strings of ours.
IGNORED = [".venv", ".venv/*", "staticfiles", "media", "node_modules", ".test-*", ".git"]
# English is the source language of our strings: its catalogue may leave msgstr empty.
SOURCE_LANGUAGE = "en"


def catalogue_path(code):
    return Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.po"


def catalogue_content(text):
    """What a catalogue says, whatever its line wrapping: entries, sources, translations."""
    return sorted(
        (
            entry.msgctxt or "",
            entry.msgid,
            entry.msgid_plural or "",
            tuple(sorted({path for path, _ in entry.occurrences})),
            entry.msgstr,
            tuple(sorted(entry.msgstr_plural.items())),
        )
        for entry in polib.pofile(text)
        if not entry.obsolete
    )


class Command(BaseCommand):
    help = "Update (make), check or compile the gettext catalogues of every language."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["make", "check", "compile"])

    def handle(self, *args, action, **options):
        getattr(self, f"{action}_catalogues")()

    def languages(self):
        return [code for code, _ in settings.LANGUAGES]

    def make_catalogues(self):
        call_command(
            "makemessages",
            locale=self.languages(),
            ignore_patterns=IGNORED,
            no_obsolete=True,
            add_location="file",
            verbosity=0,
        )

    def check_catalogues(self):
        """Fail if makemessages would change a catalogue or a translation is missing."""
        before = {code: catalogue_path(code).read_text(encoding="utf-8") for code in self.languages()}
        try:
            self.make_catalogues()
            stale = [
                code
                for code in self.languages()
                if catalogue_content(catalogue_path(code).read_text(encoding="utf-8"))
                != catalogue_content(before[code])
            ]
        finally:
            for code, text in before.items():
                catalogue_path(code).write_text(text, encoding="utf-8")
        problems = [f"{code}: catalogue is stale, run `make messages`" for code in stale]
        for code in self.languages():
            if code == SOURCE_LANGUAGE:
                continue
            catalogue = polib.pofile(str(catalogue_path(code)))
            for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries():
                problems.append(f"{code}: no translation for {entry.msgid!r}")
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write("Catalogues are complete and up to date.")

    def compile_catalogues(self):
        """Write the .mo files with polib, so running the site needs no system gettext."""
        for code in self.languages():
            path = catalogue_path(code)
            polib.pofile(str(path)).save_as_mofile(str(path.with_suffix(".mo")))
