"""Settings for Samverka, read from the environment.

Environment variables:
    SECRET_KEY      required when DEBUG is off
    DEBUG           "1"/"true" turns on debug mode (never in production)
    ALLOWED_HOSTS   comma-separated host names
    DATABASE_URL    e.g. postgres://user:pass@host:5432/samverka; default: SQLite under var/
    CSRF_TRUSTED_ORIGINS, EMAIL_URL-like settings (EMAIL_HOST, ...), DEFAULT_FROM_EMAIL
    SITE_URL        the site's address for links in e-mails, e.g. https://samverka.sjostad.se
"""

import datetime
import os
import sys
from pathlib import Path

import dj_database_url
from csp import constants as csp_constants
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


TESTING = "pytest" in sys.modules or sys.argv[1:2] == ["test"]
DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Without a key, commands that need none (makemigrations --check, migrate, collectstatic) still
# work; serving refuses to start (collab/wsgi.py, also used by runserver) unless DEBUG is on.
SECRET_KEY_MISSING = not SECRET_KEY and not (DEBUG or TESTING)
# A weak key (Django's security.W009 rule: shorter than 50 characters, fewer than 5 different
# characters, or Django's generated "django-insecure-" prefix; e.g. "changeme") likewise
# refuses to serve in production.
SECRET_KEY_WEAK = (
    bool(SECRET_KEY)
    and not (DEBUG or TESTING)
    and (
        len(SECRET_KEY) < 50
        or len(set(SECRET_KEY)) < 5
        or SECRET_KEY.startswith("django-insecure-")
    )
)
if not SECRET_KEY:
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "collab",
    "enterprises",
    "areas",
    "procurement",
    "followup",
    "network",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    # First: refuses an oversized body (413) before anything reads it.
    "collab.request_limits.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy, Permissions-Policy and no caching of logged-in pages (below).
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "collab.middleware.PrivateCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "collab.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "collab.middleware.OrganisationScopeMiddleware",
    "collab.accounts.TwoFactorMiddleware",
    # Last: turns a login refused for too many failures into the Swedish lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "collab.urls"

# The REST API (api/): read-only, API keys only (never the session), paged with limit/page,
# errors as application/problem+json, a request limit per key counted in the shared cache.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.authentication.HasApiKey"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.paging.LimitPagePagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ApiKeyRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_key": os.environ.get("API_RATE_LIMIT", "600/minute")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samverka API",
    "DESCRIPTION": (
        "Read-only REST API of an organisation's records in Samverka. Authenticate with an "
        "API key from Samverka (Organisation → API-nycklar) as `Authorization: Bearer <key>`. "
        "Lists are paged with `limit` (1–100, default 20) and `page` (from 1); errors are "
        "`application/problem+json` (RFC 9457)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Swagger UI without a link inside each operation's toggle button (a nested control that
    # screen readers and axe reject) and without the highlighter's low-contrast colours; the
    # page's own styles and AA colours are in static/css/api-docs.css (templates/drf_spectacular).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "syntaxHighlight": {"activated": False}},
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}
WSGI_APPLICATION = "collab.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "collab.context_processors.organisation",
                "csp.context_processors.nonce",
                "collab.accounts.context",
            ],
        },
    },
]

DATA_DIR = Path(os.environ.get("SAMVERKA_DATA_DIR", BASE_DIR / "var"))
if not os.environ.get("DATABASE_URL"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'samverka.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A transaction that writes takes SQLite's write lock when it begins, so that a check and
    # the save after it (an edit form's version, a unique check) cannot interleave with
    # another save; without it, two such transactions deadlock and one fails ("locked").
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks (imports, the status report's PDF): django-tasks with its database backend,
# one code path on SQLite and PostgreSQL; `manage.py db_worker` runs them (collab.jobs). Tests
# use the same backend and run the worker in-process (tests/conftest.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failed logins for one user name from
# one IP address, that combination is locked for AXES_COOLOFF_TIME; every further attempt during
# the lockout restarts it. Administrators unlock from the members page or the Django admin, or
# with `manage.py axes_reset_username <username>`. Failures are logged at WARNING.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "collab.accounts.lockout_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The security log names the user name and the address (never the password).
AXES_SENSITIVE_PARAMETERS = []
# Behind a reverse proxy: how many proxies append to X-Forwarded-For (0: use the peer address).
# The client address is the one the outermost of them saw (collab.accounts.client_ip).
SAMVERKA_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "collab.accounts.client_ip"

# Two-factor authentication (django-otp): the issuer shown in the authenticator app.
OTP_TOTP_ISSUER = "Samverka"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "collab:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    # Tom Select: the searchable multiple selects (collab.widgets.SearchableSelectMultiple).
    ("vendor/tom-select", BASE_DIR / "node_modules" / "tom-select" / "dist"),
]
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", not DEBUG and not TESTING)
# "default": per process (the network's cached pages, keyed by the data they show).
# "shared": in the database, seen by every worker and server (the API's request limit per key);
# its table is created by the migration api/0001.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "samverka_shared_cache",
    },
}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# Days a deleted record stays listed and restorable ("Borttagna uppgifter", collab.trash).
SAMVERKA_TRASH_DAYS = int(os.environ.get("SAMVERKA_TRASH_DAYS", "30"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
# Help texts and labels are text: escaped in every form, whatever template renders them.
FORM_RENDERER = "collab.form_rendering.TextFormRenderer"

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "samverka@localhost")
# The address of the site as users reach it, for links in e-mails sent without a request (the
# daily reminders, ``manage.py send_reminders``), e.g. https://samverka.sjostad.se
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")

# Security: on by default whenever DEBUG is off (tests run plain HTTP, so they opt out).
_SECURE_DEFAULT = not DEBUG and not TESTING
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _SECURE_DEFAULT)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", _SECURE_DEFAULT)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", _SECURE_DEFAULT)
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", "31536000" if _SECURE_DEFAULT else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
# The preload directive only takes effect when a domain's owner submits the registrable domain
# to the browsers' preload list; Samverka usually runs on a municipality's subdomain, where the
# directive is harmless. Set with HSTS so "check --deploy" has nothing to warn about (W021).
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only the site's own files; no inline script or style
# (style="" attributes included) unless a <script>/<style> element carries the request's nonce
# ({{ CSP_NONCE }}; the nonce is added to the header only on pages that use it).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp_constants.SELF],
        "script-src": [csp_constants.SELF, csp_constants.NONCE],
        "style-src": [csp_constants.SELF, csp_constants.NONCE],
        "img-src": [csp_constants.SELF, "data:"],  # Bootstrap's icons are data: SVGs in its CSS
        "font-src": [csp_constants.SELF],
        "connect-src": [csp_constants.SELF],
        "object-src": [csp_constants.NONE],
        "base-uri": [csp_constants.SELF],
        "frame-ancestors": [csp_constants.NONE],
        "form-action": [csp_constants.SELF],
    },
}
# Permissions-Policy (django-permissions-policy): no page needs these powerful features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Failed logins and lockouts (django-axes) always reach the console.
    "loggers": {"axes": {"level": "WARNING"}},
}

SAMVERKA_PAGE_SIZE = 25

# The largest request body accepted (collab.request_limits, 413 above it): the largest upload,
# a supplier-payment file (procurement.spend.MAX_FILE_SIZE, 50 MB; register import 10 MB,
# governing document 20 MB), plus 1 MB for the form's other fields and the multipart framing.
# The reverse proxy's limit (nginx client_max_body_size) should match: README, "Production".
SAMVERKA_MAX_UPLOAD_BYTES = 50 * 1024 * 1024
SAMVERKA_MAX_REQUEST_BYTES = SAMVERKA_MAX_UPLOAD_BYTES + 1024 * 1024
