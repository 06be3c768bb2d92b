"""Settings: the embedded default without environment, production from the environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "x9!Vq2#pL7$wR4^tY8&uI1*oP5(aS3)dF6_gH0+jK-lZ=cXbNm",
    "ALLOWED_HOSTS": "portal.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://portal.example.org",
    "DATABASE_URL": "sqlite:////tmp/portal-production-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/2",
    "ELASTICSEARCH_URL": "http://127.0.0.1:9200",
    "EMAIL_HOST": "smtp.example.org",
    "MEDIA_ROOT": "/tmp/portal-media",
}


def manage(*args, env):
    clean = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_production_without_secret_key_names_the_variable():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "The environment variable SECRET_KEY is not set" in result.stderr
    assert result.stderr.count("File ") < 25  # a short message, not a traceback from deep inside Django


def test_production_deploy_check_is_clean():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_embedded_default_without_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], "
        "s.CACHES['default']['BACKEND'], s.EMAIL_BACKEND)"
    )
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k != "DJANGO_SETTINGS_MODULE"}
    clean["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "portal.search.backends",
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.mail.backends.console.EmailBackend",
    ]


def test_production_reads_services_from_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "search = s.WAGTAILSEARCH_BACKENDS['default']; "
        "print(s.CACHES['default']['BACKEND'], search['BACKEND'], search['URLS'][0], "
        "s.STORAGES['staticfiles']['BACKEND'], s.MEDIA_ROOT, s.SECURE_HSTS_SECONDS > 0)"
    )
    clean = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **PRODUCTION_ENV}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django_redis.cache.RedisCache",
        "portal.search.elasticsearch",
        "http://127.0.0.1:9200",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "/tmp/portal-media",
        "True",
    ]
