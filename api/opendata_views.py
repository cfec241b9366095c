"""Open data pages without login (``/oppna-data/``): the index, an organisation's datasets,
the public directory of social enterprises and the register and figures datasets."""

urlpatterns: list = []
