"""The framework floor of `make bench`: a bare Django view that returns a page's bytes from
memory, with no middleware and no database.

gunicorn serves it as `portal.bench_floor:application`; the bench command writes the pages'
bytes into the folder BENCH_FLOOR_DIR names, and this module reads them once at start-up.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import Http404, HttpResponse
from django.urls import path

# Nothing here signs anything: the key only satisfies Django.
settings.configure(DEBUG=False, SECRET_KEY="bench-floor", ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__)  # noqa: S106

PAGES = {file.name: file.read_bytes() for file in Path(os.environ["BENCH_FLOOR_DIR"]).glob("*.html")}


def page(request, name):
    if name not in PAGES:
        raise Http404(name)
    return HttpResponse(PAGES[name], content_type="text/html; charset=utf-8")


urlpatterns = [path("<str:name>", page)]
application = get_wsgi_application()
