"""One settings module, configured from environment variables.

Development defaults are safe (SQLite under var/, console email, DEBUG off unless asked for).
`CSPR_PROFILE=production` turns on everything `cspr check --deploy` asks for and refuses to start
without a real secret key and allowed hosts.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("CSPR_VAR_DIR", PROJECT_DIR / "var"))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PROFILE = os.environ.get("CSPR_PROFILE", "development")
if PROFILE not in ("development", "production"):
    raise ImproperlyConfigured(f"CSPR_PROFILE must be development or production, not {PROFILE!r}")
PRODUCTION = PROFILE == "production"

DEBUG = envbool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in the production profile")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("Set SECRET_KEY (50 or more random characters) in the production profile")
    SECRET_KEY = "development-only-insecure-key-" + "x" * 40  # noqa: S105 - never used in production

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated host names) in the production profile")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "cspr.core",
    "cspr.partnerships",
    "cspr.accounts",
    "cspr.audit",
    "cspr.clock",
    "cspr.incidents",
    "cspr.deadlines",
    "cspr.rapid_reviews",
    "cspr.chronology",
    "cspr.library",
    "cspr.practice_reviews",
    "cspr.publication",
    "cspr.briefings",
    "cspr.action_plans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "cspr.accounts.middleware.SecondFactorMiddleware",
    "cspr.audit.middleware.AuditViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "cspr.urls"
WSGI_APPLICATION = "cspr.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cspr.core.context_processors.navigation",
            ],
        },
    },
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'cspr.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue rather than fail ("database is locked"), and each write transaction takes the
    # lock up front so the audit chain is extended by one writer at a time.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in protection: an account locks after this many failed attempts in a row, for this long.
SIGN_IN_MAX_FAILURES = envint("SIGN_IN_MAX_FAILURES", 5)
SIGN_IN_LOCKOUT_MINUTES = envint("SIGN_IN_LOCKOUT_MINUTES", 15)
# Roles that must use a second factor (TOTP). On in production, off by default in development.
TWO_FACTOR_REQUIRED = envbool("TWO_FACTOR_REQUIRED", PRODUCTION)
OTP_TOTP_ISSUER = "cspr"

# Sessions end after this many minutes without a request.
SESSION_IDLE_MINUTES = envint("SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, g:i a"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", PROJECT_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production, WhiteNoise serves straight from the app folders, so `make run` needs no collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

EMAIL_URL = os.environ.get("EMAIL_URL", "")
if PRODUCTION and not EMAIL_URL.startswith(("smtp", "submission")):
    # Console email would write password links into the server log.
    raise ImproperlyConfigured("Set EMAIL_URL to your SMTP server (smtp:// or submission://) in production")
_email = dj_email_url.parse(EMAIL_URL or "console://")
if "EMAIL_BACKEND" not in _email:
    raise ImproperlyConfigured(
        f"EMAIL_URL scheme {EMAIL_URL.split(':', 1)[0]!r} is not supported: "
        "use smtp://, submission:// (TLS on port 587) or console://"
    )
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cspr <no-reply@cspr.invalid>")

# No inline script or style: the GOV.UK Frontend assets are served from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# Logs carry request paths and record ids, never names or case text.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools report every step of building a PDF at INFO; Presidio reports its set-up.
    "loggers": {
        name: {"level": "WARNING"}
        for name in (
            "django.db.backends",
            "weasyprint",
            "fontTools",
            "presidio-analyzer",
            "presidio-anonymizer",
        )
    },
}

# Behind a trusted reverse proxy, take the client address for the audit log from X-Forwarded-For.
AUDIT_TRUST_X_FORWARDED_FOR = envbool("AUDIT_TRUST_X_FORWARDED_FOR", False)

SERVICE_NAME = "Safeguarding case reviews"

# Deadlines: links in emails and calendar feeds, and when `cspr remind` sends reminders.
SITE_URL = os.environ.get("SITE_URL", "") or (
    f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION else "http://localhost:8000"
)
if not SITE_URL.startswith(("https://", "http://")) or SITE_URL.endswith("/"):
    raise ImproperlyConfigured(f"SITE_URL must look like https://cspr.example.org, not {SITE_URL!r}")
_before = envlist("REMINDER_WORKING_DAYS_BEFORE", ["3", "1"])
if not all(item.isdigit() and int(item) >= 1 for item in _before):
    raise ImproperlyConfigured("REMINDER_WORKING_DAYS_BEFORE must be whole numbers of 1 or more, e.g. 3,1")
REMINDER_WORKING_DAYS_BEFORE = tuple(sorted({int(item) for item in _before}, reverse=True))
REMINDER_ON_DUE_DAY = envbool("REMINDER_ON_DUE_DAY", True)
REMINDER_WHILE_OVERDUE = envbool("REMINDER_WHILE_OVERDUE", True)
REMINDER_BUSINESS_MANAGERS_AFTER = envint("REMINDER_BUSINESS_MANAGERS_AFTER", 1)
REMINDER_EXECUTIVE_AFTER = envint("REMINDER_EXECUTIVE_AFTER", 3)
if REMINDER_BUSINESS_MANAGERS_AFTER < 1 or REMINDER_EXECUTIVE_AFTER < 1:
    raise ImproperlyConfigured(
        "REMINDER_BUSINESS_MANAGERS_AFTER and REMINDER_EXECUTIVE_AFTER must be 1 or more working days"
    )

# Action plans: when `cspr remind` chases the agencies' actions (see docs/operations.md).
_action_before = envlist("ACTION_REMINDER_WORKING_DAYS_BEFORE", ["10", "3"])
if not all(item.isdigit() and int(item) >= 1 for item in _action_before):
    raise ImproperlyConfigured(
        "ACTION_REMINDER_WORKING_DAYS_BEFORE must be whole numbers of 1 or more, e.g. 10,3"
    )
ACTION_REMINDER_WORKING_DAYS_BEFORE = tuple(sorted({int(item) for item in _action_before}, reverse=True))
ACTION_REMINDER_OVERDUE_EVERY = envint("ACTION_REMINDER_OVERDUE_EVERY", 5)
ACTION_REMINDER_BUSINESS_MANAGERS_AFTER = envint("ACTION_REMINDER_BUSINESS_MANAGERS_AFTER", 5)
ACTION_REMINDER_EXECUTIVE_AFTER = envint("ACTION_REMINDER_EXECUTIVE_AFTER", 20)
ACTION_REMINDER_ASSURANCE_AFTER = envint("ACTION_REMINDER_ASSURANCE_AFTER", 10)
_action_days = (
    ACTION_REMINDER_OVERDUE_EVERY,
    ACTION_REMINDER_BUSINESS_MANAGERS_AFTER,
    ACTION_REMINDER_EXECUTIVE_AFTER,
    ACTION_REMINDER_ASSURANCE_AFTER,
)
if min(_action_days) < 1:
    raise ImproperlyConfigured(
        "ACTION_REMINDER_OVERDUE_EVERY, ACTION_REMINDER_BUSINESS_MANAGERS_AFTER, "
        "ACTION_REMINDER_EXECUTIVE_AFTER and ACTION_REMINDER_ASSURANCE_AFTER must be 1 or more working days"
    )
