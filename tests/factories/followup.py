"""Factories of follow-up: manual indicators, measurements, targets, effect chains."""

import factory

from followup.models import (
    Direction,
    EffectChain,
    EffectStep,
    ManualIndicator,
    Measurement,
    Periodicity,
    Stage,
    StatusReport,
    Target,
)
from tests.factories.base import ScopedFactory


class ManualIndicatorFactory(ScopedFactory):
    class Meta:
        model = ManualIndicator

    name = factory.Sequence(lambda n: f"Deltagare som gått vidare till arbete {n}")
    unit = "personer"
    definition = "Deltagare i arbetsträning som fått anställning eller börjat studera."
    periodicity = Periodicity.YEAR
    direction = Direction.HIGHER
    area = 7


class MeasurementFactory(ScopedFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(
        ManualIndicatorFactory, organisation=factory.SelfAttribute("..organisation")
    )
    year = factory.Sequence(lambda n: 2000 + n % 100)
    quarter = 0
    value = 12
    source = "Företagens rapporter"


class TargetFactory(ScopedFactory):
    class Meta:
        model = Target

    indicator_key = "enterprises_identified"
    manual = None
    year = factory.Sequence(lambda n: 2000 + n % 100)
    value = 40


class EffectChainFactory(ScopedFactory):
    class Meta:
        model = EffectChain

    title = factory.Sequence(lambda n: f"Effektkedja arbetsintegrering {n}")
    description = "Från kommunens insatser till fler i arbete."


class EffectStepFactory(ScopedFactory):
    class Meta:
        model = EffectStep

    chain = factory.SubFactory(
        EffectChainFactory, organisation=factory.SelfAttribute("..organisation")
    )
    stage = Stage.OUTPUTS
    title = factory.Sequence(lambda n: f"Arbetsträningsplatser {n}")
    position = 10
    indicator_keys = ["work_training_places"]


class StatusReportFactory(ScopedFactory):
    """A draft written status report (publish it with ``followup.report_pdf.publish``)."""

    class Meta:
        model = StatusReport

    first_year = 2025
    last_year = 2025
    summary = "Arbetet med sociala företag har tagit fart under året."
    assessment_1 = "Politiskt beslut finns och följs upp."
    proposed_decisions = "Lägesrapporten godkänns.\nHandlingsplanen revideras till hösten."
