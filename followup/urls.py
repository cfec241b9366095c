from followup import dashboard_urls, indicator_urls, report_urls

app_name = "followup"

urlpatterns = dashboard_urls.urlpatterns + indicator_urls.urlpatterns + report_urls.urlpatterns
