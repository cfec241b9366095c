"""Template filters for :mod:`collab.formatting`: ``{% load samverka_format %}``.

``{{ value|sv_date }}`` 22 november 2026, ``{{ value|sv_datetime }}`` 22 november 2026 14:05,
``{{ value|number }}`` 1 234 567, ``{{ value|kronor }}`` 1 234 567 kr, ``{{ value|percent }}``
67 % (``|percent:2`` with two decimals), ``{{ change|signed:unit }}`` +1 månad, −3 kr.
Without a value each gives "–".
"""

from django import template

from collab import formatting

register = template.Library()


@register.filter(expects_localtime=True)
def sv_date(value):
    return formatting.date(value)


@register.filter(expects_localtime=True)
def sv_datetime(value):
    return formatting.date_time(value)


@register.filter
def number(value, decimals=None):
    return formatting.number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def kronor(value):
    return formatting.kronor(value)


@register.filter
def percent(value, decimals=None):
    return formatting.percent(value, None if decimals in (None, "") else int(decimals))


@register.filter
def signed(value, unit=""):
    return formatting.signed(value, unit)
