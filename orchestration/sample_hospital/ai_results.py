"""Plan each eligible study's AI result and the radiologist's coded finding.

Runs on the whole enterprise once the study defects are known (a study without images
is never processed, a never-reported one never coded). As with defects, outcomes are
allocated by quota, not drawn study by study: the radiologist-positive count follows
the prevalence, then the true and false positives follow the installed version's
sensitivity and specificity, each with a floor, so even the ci scale has every
agreement outcome and studies with an AI result but no coded report.

The AI result also changes the timeline, as triage does in practice: a study the AI
flags as critical jumps the worklist (its first read follows the flag within minutes,
and out of hours the on-call consultant verifies the resident's read), and no study is
signed before its AI result is on the worklist.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from orchestration.sample_hospital import ids, timeline
from orchestration.sample_hospital.ai_algorithms import (
    ALGORITHMS,
    CODED_REPORT_DELAY_SECONDS,
    CODED_REPORT_RATE,
    FLAGGED_CONSULTANT_REVIEW,
    FLAGGED_READ,
    MEASUREMENT_SIGMA,
    MINIMUM_POSITIVES,
    READ_AFTER_RESULT_SECONDS,
    Algorithm,
    Release,
)
from orchestration.sample_hospital.model import AiResult, Observation, Reading, Study
from orchestration.sample_hospital.timeline import Enterprise


def plan(enterprise: Enterprise) -> None:
    """Give every eligible imaged study its reading; process and code some of them."""
    for algorithm in ALGORITHMS:
        _plan(enterprise, algorithm, ids.rng(enterprise.seed, "ai", algorithm.key))


def _plan(enterprise: Enterprise, algorithm: Algorithm, draw) -> None:
    as_of = enterprise.as_of
    eligible = [
        s
        for s in enterprise.studies
        if s.has_images and s.protocol in algorithm.prevalence and algorithm.release_on(s.exam_end.date())
    ]
    result_at = {s.index: s.exam_end + timeline.delay(draw, algorithm.processing) for s in eligible}
    # A result due after the end of the period has not arrived yet.
    processable = [s for s in eligible if result_at[s.index] < as_of]
    processed = _sample(draw, processable, round(len(processable) * algorithm.coverage))
    chosen = {s.index for s in processed}
    unprocessed = [s for s in eligible if s.index not in chosen]
    for group, floor in ((processed, MINIMUM_POSITIVES), (unprocessed, 0)):
        positives = _positives(draw, algorithm, group, floor)
        for study in group:
            study.reading = Reading(algorithm.key, _radiologist(draw, algorithm, study.index in positives))
    for release in algorithm.releases:
        group = [s for s in processed if algorithm.release_on(s.exam_end.date()) == release]
        _ai_results(draw, algorithm, release, group, result_at)
    for study in processed:
        _read_after_result(draw, algorithm, study, as_of)
    for group, floor in ((processed, 1), (unprocessed, 0)):
        _code_reports(draw, group, floor, as_of)


def _sample(draw, items: list[Study], count: int) -> list[Study]:
    if count <= 0 or not items:
        return []
    picked = draw.choice(len(items), size=min(count, len(items)), replace=False)
    return [items[i] for i in sorted(picked)]


def _quota(population: int, rate: float) -> int:
    """How many of `population` have an outcome of probability `rate`: at least one
    either way when there are two or more, so every outcome exists at every scale."""
    count = round(population * rate)
    return min(max(count, 1), population - 1) if population >= 2 else count


def _positives(draw, algorithm: Algorithm, group: list[Study], floor: int) -> set[int]:
    """Indexes of the studies the radiologist finds positive, weighted by prevalence."""
    if not group:
        return set()
    weights = [algorithm.prevalence[s.protocol] for s in group]
    count = min(len(group), max(floor, round(sum(weights))))
    picked = draw.choice(len(group), size=count, replace=False, p=[w / sum(weights) for w in weights])
    return {group[i].index for i in picked}


def _uniform(draw, bounds: tuple[float, float]) -> float:
    return round(float(draw.uniform(*bounds)), 1)


def _radiologist(draw, algorithm: Algorithm, present: bool) -> Observation:
    if not present:
        return Observation(False)
    return Observation(True, _uniform(draw, algorithm.measure.present_range))


def _ai_results(draw, algorithm: Algorithm, release: Release, group: list[Study], result_at) -> None:
    positives = [s for s in group if s.reading.radiologist.present]
    negatives = [s for s in group if not s.reading.radiologist.present]
    detected = {s.index for s in _sample(draw, positives, _quota(len(positives), release.sensitivity))}
    alarms = {s.index for s in _sample(draw, negatives, _quota(len(negatives), 1 - release.specificity))}
    for study in group:
        if study.index in detected:
            # The AI measures the same lesion, with the spread automated measures have.
            value = study.reading.radiologist.value * math.exp(draw.normal(0, MEASUREMENT_SIGMA))
            observation = Observation(True, max(0.1, round(value, 1)))
        elif study.index in alarms:
            observation = Observation(True, _uniform(draw, algorithm.measure.false_positive_range))
        else:
            observation = Observation(False)
        study.reading.ai = AiResult(release.version, result_at[study.index], observation)


def _read_after_result(draw, algorithm: Algorithm, study: Study, as_of: datetime) -> None:
    result = study.reading.ai
    if study.final_at is None:
        return
    if algorithm.critical is not None and result.observation.present:
        final = result.at + timeline.delay(draw, FLAGGED_READ)
        if study.preliminary_at is not None:
            study.preliminary_at = min(study.preliminary_at, final)
            final = study.preliminary_at + timeline.delay(draw, FLAGGED_CONSULTANT_REVIEW)
        if final < study.final_at:
            _move_final(study, final, as_of)
    if study.final_at is not None and study.final_at <= result.at:
        low, high = READ_AFTER_RESULT_SECONDS
        _move_final(study, result.at + timedelta(seconds=int(draw.integers(low, high + 1))), as_of)


def _move_final(study: Study, when: datetime, as_of: datetime) -> None:
    """Sign the final at `when`; corrections and addenda keep their delay after it."""
    shift = when - study.final_at
    study.final_at = when
    for name in ("corrected_at", "addendum_at"):
        if getattr(study, name) is not None:
            setattr(study, name, getattr(study, name) + shift)
    timeline.censor(study, as_of)


def _code_reports(draw, group: list[Study], floor: int, as_of: datetime) -> None:
    reported = [s for s in group if s.final_at is not None]
    count = round(len(reported) * (1 - CODED_REPORT_RATE))
    if len(reported) >= 2:
        count = max(count, floor)
    free_text = {s.index for s in _sample(draw, reported, count)}
    low, high = CODED_REPORT_DELAY_SECONDS
    for study in reported:
        if study.index in free_text:
            continue
        coded_at = study.final_at + timedelta(seconds=int(draw.integers(low, high + 1)))
        if coded_at < as_of:
            study.reading.coded_at = coded_at
