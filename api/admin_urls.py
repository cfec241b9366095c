"""The organisation's integration settings (namespace ``publishing``): API keys and open data.
Under ``/organisation/``."""

from api import key_views, publication_views

app_name = "publishing"
urlpatterns = [*key_views.urlpatterns, *publication_views.urlpatterns]
