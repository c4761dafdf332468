"""Settings for filmclub: one file, every production difference read from the environment.

The variables are listed in README.md and .env.example.

The rule, as in cookiecutter-django: `manage.py` runs in development mode (DJANGO_DEBUG defaults to
true there: a fresh checkout's commands work with nothing exported, on SQLite), and the WSGI/ASGI
entry points (gunicorn) run in production mode (DJANGO_DEBUG defaults to false: they refuse to
start without DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS). DJANGO_DEBUG set either way wins, so
production's shell sets DJANGO_DEBUG=false for its manage.py commands too. Anything else that
reads these settings (django-admin, an import) gets production mode.
"""

import json
import os
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from core.middleware import static_file_headers

BASE_DIR = Path(__file__).resolve().parent.parent


def project_dir(name):
    """templates/ or seeds/: beside the packages in a checkout, inside filmclub in a wheel."""
    beside = BASE_DIR / name
    return beside if beside.is_dir() else Path(__file__).resolve().parent / name


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set when DJANGO_DEBUG is off (production mode). See README.md."
        )
    return value


DEBUG = env_bool("DJANGO_DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env(
        "DJANGO_SECRET_KEY", "django-insecure-development-only-key-never-used-in-production"
    )
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
else:
    SECRET_KEY = env_required("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = [host.strip() for host in env_required("DJANGO_ALLOWED_HOSTS").split(",")]

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # First, so that its createsuperuser (an email required, signed in at once) replaces Django's.
    "filmclub",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "core",
    "films",
    "reviews",
    "members",
    "screenings",
    "search",
    "seasons",
    "django_tasks",
    "django_tasks_db",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.refuse_nul_in_query_string",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.permissions_policy",
    "allauth.account.middleware.AccountMiddleware",
    "members.middleware.throttle_member_pages",
    "core.pagecache.PublicPageCacheMiddleware",
]

ROOT_URLCONF = "filmclub.urls"
WSGI_APPLICATION = "filmclub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [project_dir("templates")],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% url %} remembering the fixed addresses every page names (core.templatetags).
            "builtins": ["core.templatetags.known_urls"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.page_links",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The site and its task worker (bin/serve runs both) write to one SQLite file: each write
    # transaction takes the lock when it begins and waits up to 20 s for another's to end,
    # instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The parameters travel apart from the SQL, so PostgreSQL can keep a statement it has parsed
    # and planned: one a connection runs for the fifth time is prepared, and later runs skip
    # parsing and most planning (the seed film's page built cold: about 7 ms of database CPU a
    # request before, 2 ms after).
    # DJANGO_DB_PREPARE_THRESHOLD=off behind a pooler that hands one connection to several
    # clients per transaction without tracking prepared statements (PgBouncer before 1.21).
    prepare_threshold = env("DJANGO_DB_PREPARE_THRESHOLD", "5")
    if prepare_threshold != "off" and not prepare_threshold.isdigit():
        raise ImproperlyConfigured(
            f"DJANGO_DB_PREPARE_THRESHOLD is a count of runs or off, not {prepare_threshold!r}."
        )
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "server_side_binding": True,
            "prepare_threshold": None if prepare_threshold == "off" else int(prepare_threshold),
        }
    )

AUTH_USER_MODEL = "filmclub.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth 65: members sign in with their email; the username is their public handle.
SITE_ID = 1
# The site's own domain and name (allauth's mails, the admin's "View on site"): written into the
# Sites framework's record on every `migrate` (filmclub/sites.py), so a changed variable takes
# effect at the next migrate. The domain defaults to the first allowed host.
SITE_DOMAIN = env("DJANGO_SITE_DOMAIN", "").strip() or next(
    (host.lstrip(".") for host in ALLOWED_HOSTS if host.strip(".*")), "localhost"
)
SITE_NAME = env("DJANGO_SITE_NAME", "").strip() or "filmclub"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env(
    "DJANGO_ACCOUNT_EMAIL_VERIFICATION", "optional" if DEBUG else "mandatory"
)
ACCOUNT_UNIQUE_EMAIL = True
# Joining with a member's address says what joining with a new one says ("we have sent a mail"),
# and the member is mailed instead (account/email/account_already_exists_*). allauth can do so
# only with mandatory verification: with "optional" (development) a new member is let straight
# in, so there a taken address is refused ("A user is already registered with this email …").
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_USERNAME_MIN_LENGTH = 2
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SignupExtraForm"
# allauth's forms, with the site's words: "Handle" for the username, labels in sentence case.
ACCOUNT_FORMS = {
    "signup": "members.signup.HandleSignupForm",
    "login": "members.account_forms.SignInForm",
    "reset_password_from_key": "members.account_forms.NewPasswordForm",
    "change_password": "members.account_forms.PasswordChangeForm",
}
# Sign-in: failed attempts counted so nobody locks a member out, and refused while the shared
# cache (which counts them) is down (members/adapter.py).
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    # Failed sign-ins: "key" is the pair (address, account) and a ceiling per account holds only
    # a guessing spread over many addresses (members/adapter.py), so nobody locks a member out.
    "login_failed": "10/m/ip,5/5m/key",
    "login_failed_account": "100/h/key",
    # Joining, per address (members/account_limits.py): many phones at a screening share one.
    # Every attempt, typos sent back too: only a flood meets it.
    "signup": "60/h/ip",
    # Accounts opened: a script cannot open them by the score.
    "signup_joined": "10/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
# A browser that has signed in to an account is known to it for a year: there the ceiling per
# account does not apply (members/adapter.py), so nobody can lock the owner out with it.
KNOWN_DEVICE_COOKIE_NAME = "known_device"
KNOWN_DEVICE_COOKIE_AGE = 365 * 24 * 60 * 60
# Members' writes (core/ratelimit.py): per member, or per address for a visitor; allauth's
# notation. Far above what anyone does by hand, low enough to stop a loop.
FILMCLUB_RATE_LIMITS = {
    "review-save": "10/m,100/h",  # create, edit, delete
    "review-preview": "20/m,200/h",  # renders the Markdown without saving
    "comment-post": "5/m,100/h",
    "comment-change": "10/m,100/h",  # edit, delete
    "rsvp": "10/m,60/h",  # going / not going
    "profile": "10/m,60/h",  # display name, bio, avatar, favourite four
    "member-list": "20/m,200/h",  # a member's lists: make, edit, delete, add a film
    "moderate": "60/m",  # staff hiding a wave of spam
    "member-page": "60/m",  # /members/<handle>/ per client: handles are not to be harvested
    "season-suggest": "5/m,30/h",  # suggesting a film for a season
    "season-second": "20/m,100/h",  # seconding a suggestion
    "season-vote": "10/m,60/h",  # casting or changing a ballot
    "check-in": "10/m,60/h",  # checking in at a screening
    "verdict": "10/m,60/h",  # the audience's A–E grade
    "notification-settings": "10/m,60/h",  # mail preferences, "mark all read"
    "unsubscribe": "10/m,100/h",  # one-click unsubscribe, per address (no sign-in)
    "wikitext-import": "20/m,200/h",  # staff previewing or confirming a film's article
    "watchlist": "30/m,300/h",  # adding a film to the watchlist or taking it off (issue 17, diary)
    "letterboxd-import": "10/m,30/h",  # uploading an export, confirming its import
    "data-export": "5/m,30/h",  # downloading all one's data (a zip built on each request)
    "account-delete": "5/m,20/h",  # deleting one's account (a password guess each)
    "follow": "20/m,200/h",  # following or unfollowing a member (a toggle)
    "review-like": "30/m,300/h",  # a heart on a review, or taking it back (a toggle)
}
# Reverse proxies in front of the site: allauth takes the client's address from X-Forwarded-For,
# that many entries from the right, for its per-IP rate limits.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("DJANGO_TRUSTED_PROXY_COUNT", "0"))

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
EMAIL_TIMEOUT = 30  # seconds: a mail server that hangs fails the attempt (it is tried again)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "filmclub <club@filmclub.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where members write about their account (the password reset pages' "contact us"): by default
# the address the site's mail comes from.
CLUB_CONTACT_EMAIL = (
    env("DJANGO_CLUB_CONTACT_EMAIL", "").strip() or parseaddr(DEFAULT_FROM_EMAIL)[1]
)

# Background work (the notifications' mail): Django's Tasks API (django-tasks, the backport of
# Django 6's django.tasks) with its database backend. The worker is `manage.py db_worker`
# (bin/serve runs it beside the site); `manage.py drain_tasks` runs what is due and exits.
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = env("DJANGO_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))

# Uploaded media: local disk by default. Several app servers need a shared backend: any Django
# storage class by DJANGO_MEDIA_STORAGE, its options as JSON in DJANGO_MEDIA_STORAGE_OPTIONS.
try:
    MEDIA_STORAGE_OPTIONS = json.loads(env("DJANGO_MEDIA_STORAGE_OPTIONS", "{}"))
except json.JSONDecodeError as error:
    raise ImproperlyConfigured(f"DJANGO_MEDIA_STORAGE_OPTIONS is not valid JSON: {error}") from None

STORAGES = {
    "default": {
        "BACKEND": env("DJANGO_MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": MEDIA_STORAGE_OPTIONS,
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In development whitenoise serves straight from the apps' static folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# Static files carry the pages' security headers (whitenoise answers before the middleware).
WHITENOISE_ADD_HEADERS_FUNCTION = static_file_headers

# Seed fixtures live in seeds/ at the top of the project; `manage.py loadseeds` loads them.
FIXTURE_DIRS = [project_dir("seeds")]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Posters and avatars, shown at most 600×900 and 256×256: refuse decompression bombs long before
# Pillow's own warning threshold, and bound what one upload costs. A JPEG (a 24-megapixel phone
# photo at most) is decoded at 1/2 to 1/8 of its size: under 25 MB of memory. PNG, WebP and GIF
# are decoded whole, 4 to 8 bytes a pixel: 10 megapixels (a 4K screenshot, a 2500×4000 poster
# scan) at most, under 100 MB.
MAX_IMAGE_PIXELS = 25_000_000
MAX_DECODED_IMAGE_PIXELS = 10_000_000
MAX_UPLOAD_BYTES = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "WARNING")},
    # Django's default configuration gives "django" a console handler of its own (in development),
    # so its records printed twice, there and at the root: they go to the root's handler only.
    # (Configuring "django" resets its children, so runserver's request log is set again.)
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

# Shared state lives outside the app servers: with REDIS_URL every server shares one cache
# (allauth's rate limits, sessions, page caches); without it each process keeps its own.
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "filmclub",
        },
        "pages": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "filmclub-pages",
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Cached pages live apart, so a flood of page entries never evicts a rate-limit counter.
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
    }

# Pages for visitors who are not signed in are cached this long at most (0 turns it off); a
# change makes stale at once the pages showing what changed (core/pagecache.py). The
# invalidation must reach every worker, so without a shared cache the page cache is off by default.
PAGE_CACHE_SECONDS = int(env("DJANGO_PAGE_CACHE_SECONDS", "300" if REDIS_URL else "0"))
# Parts of signed-in pages that are the same for everyone ({% shared %}), cached like pages.
SHARED_FRAGMENTS = env_bool("DJANGO_SHARED_FRAGMENTS", True)

# Security headers on every response, and HTTPS-only cookies in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Scripts read the CSRF token from the form they submit, never from the cookie.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # __Host- cookies are bound to this exact host, over HTTPS, for the whole path.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    KNOWN_DEVICE_COOKIE_NAME = "__Host-known_device"
if env_bool("DJANGO_BEHIND_PROXY"):
    # Only behind a proxy that sets X-Forwarded-Proto itself and strips what clients send.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = False

# A strict Content-Security-Policy: nothing inline, nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
