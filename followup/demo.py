"""Follow-up's demo records: the far-along municipality's own indicators, their values and
targets, and an effect chain (the data: :mod:`followup.demo_data`). The municipality just
starting has none (the lists' empty states).

Registered from :mod:`followup.contributions`: the indicators with ``order=50`` (after the
other apps' records), the effect chain with ``order=60`` (its steps are measured by the manual
indicators). Idempotent: indicators are looked up by name, measurements by period, targets by
indicator and year, the chain by its title (its steps are made only when it is new).
"""

from followup.demo_data import sjostad
from followup.models import (
    EffectChain,
    EffectStep,
    ManualIndicator,
    Measurement,
    StatusReport,
    Target,
)
from followup.selectors import default_year


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


def _indicator(organisation, fields: dict) -> ManualIndicator:
    existing = ManualIndicator.objects.filter(name=fields["name"]).first()
    return existing or _save(ManualIndicator(organisation=organisation, **fields))


def seed_indicators(*, organisation, profile, rng) -> None:
    """The far-along municipality's own indicators with five years of values, and targets."""
    if profile != "far":
        return
    data = sjostad
    year = default_year()
    manual = {key: _indicator(organisation, fields) for key, fields in data.INDICATORS.items()}
    outcome, started = manual["outcome"], manual["started"]
    for offset, value in data.OUTCOME_VALUES.items():
        value_year = year + offset
        if not Measurement.objects.filter(indicator=outcome, year=value_year).exists():
            _save(
                Measurement(
                    organisation=organisation,
                    indicator=outcome,
                    year=value_year,
                    quarter=0,
                    value=value,
                    source=data.OUTCOME_SOURCE,
                    comment=data.OUTCOME_PRELIMINARY if value_year == year else "",
                )
            )
    for (offset, quarter), value in data.STARTED_VALUES.items():
        value_year = year + offset
        if not Measurement.objects.filter(
            indicator=started, year=value_year, quarter=quarter
        ).exists():
            _save(
                Measurement(
                    organisation=organisation,
                    indicator=started,
                    year=value_year,
                    quarter=quarter,
                    value=value,
                    source=data.STARTED_SOURCE,
                )
            )
    for key, manual_key, offset, value in data.TARGETS:
        indicator = manual[manual_key] if manual_key else None
        target_year = year + offset
        existing = Target.objects.filter(year=target_year)
        if indicator:
            existing = existing.filter(manual=indicator)
        else:
            existing = existing.filter(indicator_key=key)
        if not existing.exists():
            _save(
                Target(
                    organisation=organisation,
                    indicator_key=key,
                    manual=indicator,
                    year=target_year,
                    value=value,
                    comment=data.TARGET_COMMENT,
                )
            )


def seed_effect_chain(*, organisation, profile, rng) -> None:
    """The far-along municipality's effect chain; steps are also measured by the manual
    indicators above when they exist (participants who started work training and who moved
    on to work)."""
    data = sjostad
    if profile != "far" or EffectChain.objects.filter(title=data.CHAIN).exists():
        return
    chain = _save(
        EffectChain(organisation=organisation, title=data.CHAIN, description=data.CHAIN_DESCRIPTION)
    )
    manual = {
        title: ManualIndicator.objects.filter(name=data.INDICATORS[key]["name"]).first()
        for title, key in data.STEP_INDICATORS.items()
    }
    for position, (stage, title, description, keys) in enumerate(data.CHAIN_STEPS, start=1):
        step = _save(
            EffectStep(
                organisation=organisation,
                chain=chain,
                stage=stage,
                title=title,
                description=description,
                position=position * 10,
                indicator_keys=keys,
            )
        )
        if manual.get(title) is not None:
            step.manual_indicators.add(manual[title])


def seed_status_report(*, organisation, profile, rng) -> None:
    """The far-along municipality's draft status report for this year (once)."""
    if profile != "far" or StatusReport.objects.exists():
        return
    year = default_year()
    _save(
        StatusReport(
            organisation=organisation, first_year=year, last_year=year, **sjostad.STATUS_REPORT
        )
    )
