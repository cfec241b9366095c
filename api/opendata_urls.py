"""``/oppna-data/``: open data without login (namespace ``opendata``)."""

from api import ocds_views, opendata_views

app_name = "opendata"
urlpatterns = [*opendata_views.urlpatterns, *ocds_views.urlpatterns]
