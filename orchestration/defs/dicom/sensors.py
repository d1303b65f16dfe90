"""Watch the configured DICOM sources: register each as a partition, ingest what changed.

A folder is compared with the ingest manifest (a stat per file) and run only when
something changed. An archive cannot say cheaply what changed, so it gets one run per
hour, which asks for the studies since the last run (the DICOMweb source keeps its own
checkpoint). Sensors, not schedules, because only a sensor can add partitions.
"""

import hashlib
from datetime import UTC, datetime

import dagster as dg

from orchestration.defs.dicom.partitions import dicom_sources, folder_key
from orchestration.defs.dicom.schedules import dicom_ingest
from orchestration.ingest.inventory import IngestPlan, plan_ingest
from orchestration.land.source_kinds import DICOM_FILES as SOURCE_KIND
from orchestration.resources import LanternSettings

# A stat of every file under every folder: cheap, but not free on a large archive.
CHECK_EVERY_S = 300


def change_fingerprint(plan: IngestPlan) -> str:
    """The same pending changes give the same run key, so a change is requested once."""
    digest = hashlib.sha256()
    for item in plan.pending:
        digest.update(f"{item.path}\x1f{item.size_bytes}\x1f{item.mtime_ns}\n".encode())
    for entry in plan.deleted:
        digest.update(f"deleted\x1f{entry.locator}\n".encode())
    return digest.hexdigest()[:16]


@dg.sensor(job=dicom_ingest, minimum_interval_seconds=CHECK_EVERY_S, default_status=dg.DefaultSensorStatus.RUNNING)
def dicom_source_changes(context: dg.SensorEvaluationContext, lantern: LanternSettings) -> dg.SensorResult:
    settings = lantern.load()
    requests, sources, skipped = [], [], []
    for folder in settings.effective_dicom_roots:
        if not folder.is_dir():
            skipped.append(str(folder))
            continue
        key = folder_key(folder)
        sources.append(key)
        plan = plan_ingest([folder], settings.raw_dir, SOURCE_KIND)
        if plan.pending or plan.deleted:
            requests.append(dg.RunRequest(partition_key=key, run_key=f"{key}:{change_fingerprint(plan)}"))
    hour = f"{datetime.now(UTC):%Y-%m-%dT%H}"
    for url in (url.rstrip("/") for url in settings.dicomweb_urls):
        sources.append(url)
        requests.append(dg.RunRequest(partition_key=url, run_key=f"{url}:{hour}"))
    known = set(context.instance.get_dynamic_partitions(dicom_sources.name))
    new = [source for source in sources if source not in known]
    return dg.SensorResult(
        run_requests=requests,
        dynamic_partitions_requests=[dicom_sources.build_add_request(new)] if new else [],
        skip_reason=f"not a folder: {', '.join(skipped)}" if skipped and not requests else None,
    )
