import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collab.settings")

application = get_wsgi_application()

# Load WeasyPrint (about 0.7 s) when the worker starts, not on the first PDF request.
import weasyprint  # noqa: E402, F401

if settings.SECRET_KEY_MISSING:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
if settings.SECRET_KEY_WEAK:
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak: use at least 50 random characters "
        '(e.g. python -c "import secrets; print(secrets.token_urlsafe(50))").'
    )
