"""Write the HL7 feeds as real interfaces leave them on disk, framing and all.

- ADT: one file per institution and day, segments ended by LF (a Unix export).
- Northgate orders: one message per file, segments ended by CR (an interface spool).
- Riverside orders: one file per day of MLLP-framed messages (<VT> ... <FS><CR>), as
  captured from the wire.
- Results: one file per institution and day, segments ended by CR LF (a Windows
  engine), a blank line between messages.
An ingest must cope with all four; each message inside is standard HL7 v2.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from orchestration.sample_hospital.hl7_messages import Builder, Message
from orchestration.sample_hospital.timeline import Enterprise

MLLP_START, MLLP_END = "\x0b", "\x1c\r"


def messages(enterprise: Enterprise) -> list[Message]:
    """Every message sent before the end of the period, in the order sent."""
    builder = Builder(enterprise.vips)
    planned: list[tuple] = []
    for study in enterprise.studies:
        planned.append((study.registered_at, study.index, 0, builder.admission, (study,)))
        if study.has_order:
            planned.append((study.ordered_at, study.index, 1, builder.order, (study,)))
        if study.order_cancelled:
            planned.append((study.scheduled_at, study.index, 2, builder.order, (study, "CA")))
        results = [
            (study.preliminary_at, "P", False),
            (study.final_at, "F", False),
            (study.corrected_at, "C", False),
            (study.addendum_at, "C", True),
        ]
        for rank, (at, status, addendum) in enumerate(results, start=3):
            if at is not None:
                planned.append((at, study.index, rank, builder.result, (study, status, at, addendum)))
    planned.sort(key=lambda item: item[:3])
    return [make(*args) for at, _, _, make, args in planned if at < enterprise.as_of]


def write(out: Path, enterprise: Enterprise) -> list[Message]:
    sent = messages(enterprise)
    batches: dict[Path, list[str]] = defaultdict(list)
    for message in sent:
        day = f"{message.at:%Y%m%d}"
        folder = out / "hl7" / message.stream / message.institution
        if message.stream == "adt":
            batches[folder / f"adt_{day}.hl7"].append("\n".join(message.segments) + "\n")
        elif message.stream == "results":
            batches[folder / f"oru_{day}.hl7"].append("\r\n".join(message.segments) + "\r\n\r\n")
        elif message.institution == "RCH":
            framed = MLLP_START + "\r".join(message.segments) + "\r" + MLLP_END
            batches[folder / f"omi_{day}.mllp"].append(framed)
        else:
            control = message.segments[0].split("|")[9]
            batches[folder / f"{control}.hl7"].append("\r".join(message.segments) + "\r")
    for path, parts in batches.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        encoding = "utf-8" if "/NGH/" in path.as_posix() else "latin-1"
        path.write_bytes("".join(parts).encode(encoding))
    return sent
