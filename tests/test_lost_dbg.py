import html, re
from django.test import Client
from django.urls import reverse
from tests.test_lost_updates import PageForm, _route_object, UPDATE_ROUTES, _enterprise_data

def errs(r):
    return re.findall(r'(?:invalid-feedback|alert)[^>]*>(.*?)</', r.content.decode(), re.S)

def test_dbg(world, client):
    client.force_login(world.a.coordinator)
    url = reverse("enterprises:socialenterprise_create")
    form = PageForm(client.get(url).content.decode())
    r = client.post(url, form.with_(**_enterprise_data(org_number="")))
    print(r.status_code, errs(r))
    for name in ["collab:membership_update", "collab:organisation_update", "followup:measurement_update", "followup:target_update", "procurement:bid_update"]:
        route = [r for r in UPDATE_ROUTES if r.name == name][0]
        obj = _route_object(route, world.a.organisation)
        url = reverse(route.name, kwargs=route.kwargs(obj if route.needs_object else None))
        b = Client(); b.force_login(world.a.admin)
        f = PageForm(b.get(url).content.decode())
        print(name, f.types)
        r = b.post(url, f.data)
        print(r.status_code, errs(r))
    url = reverse("collab:area_checklist", kwargs={"number": 1})
    f = PageForm(b.get(url).content.decode())
    print(f.data)
    r = b.post(url, f.data)
    print(r.status_code, errs(r))
