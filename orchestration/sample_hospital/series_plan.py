"""Series of a study: realistic counts from the protocol, thinned to the scale's limits.

Thinning is proportional within a study (the largest series gets the cap and the others
keep their ratio to it), so a PET/CT keeps more PET than CT images and an echo more
loops than stills, and a study's primary modality is the one it has in real life.
"""

from __future__ import annotations

import numpy as np

from orchestration.sample_hospital import ids
from orchestration.sample_hospital.model import SeriesPlan
from orchestration.sample_hospital.protocols import Protocol
from orchestration.sample_hospital.scales import Scale

# Paired body parts whose series carry Laterality (breast and eye images carry
# ImageLaterality per image instead).
PAIRED = frozenset({"HAND", "KNEE", "LEG", "ANKLE"})


def plan_series(study_uid: str, protocol: Protocol, scale: Scale, draw: np.random.Generator) -> list[SeriesPlan]:
    specs = list(protocol.series)
    if protocol.series_drawn:
        low, high = protocol.series_drawn
        specs = [specs[0]] * int(draw.integers(low, high + 1))
    if scale.max_series_per_study:
        specs = specs[: scale.max_series_per_study]
    counts = [int(draw.integers(s.instances[0], s.instances[1] + 1)) for s in specs]
    frames = [int(draw.integers(s.frames[0], s.frames[1] + 1)) for s in specs]
    cap = scale.max_instances_per_series
    largest = max(counts)
    if cap and largest > cap:
        counts = [max(1, round(n * cap / largest)) for n in counts]
    side = "R" if draw.random() < 0.5 else "L"
    return [
        SeriesPlan(
            uid=ids.uid(study_uid, "series", number),
            number=number,
            kind=spec.kind,
            description=spec.description,
            body_part=spec.body_part or protocol.body_part,
            instances=count,
            frames=frame_count,
            laterality=side if (spec.body_part or protocol.body_part) in PAIRED else "",
        )
        for number, (spec, count, frame_count) in enumerate(zip(specs, counts, frames, strict=True), start=1)
    ]
