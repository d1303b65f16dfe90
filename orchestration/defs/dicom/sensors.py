"""Watch the configured DICOM roots: register each as a partition, ingest what changed."""

import hashlib
from pathlib import Path

import dagster as dg

from orchestration.defs.dicom.partitions import dicom_source_roots
from orchestration.defs.dicom.schedules import dicom_ingest
from orchestration.ingest.dicom_files import SOURCE_KIND
from orchestration.ingest.inventory import IngestPlan, plan_ingest
from orchestration.resources import LanternSettings

# A stat of every file under every root: cheap, but not free on a large archive.
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
def dicom_root_changes(context: dg.SensorEvaluationContext, lantern: LanternSettings) -> dg.SensorResult:
    settings = lantern.load()
    roots = [str(root.expanduser().resolve()) for root in settings.effective_dicom_roots]
    known = set(context.instance.get_dynamic_partitions(dicom_source_roots.name))
    requests, skipped = [], []
    for root in roots:
        if not Path(root).is_dir():
            skipped.append(root)
            continue
        plan = plan_ingest([Path(root)], settings.raw_dir, SOURCE_KIND)
        if plan.pending or plan.deleted:
            requests.append(dg.RunRequest(partition_key=root, run_key=f"{root}:{change_fingerprint(plan)}"))
    new_roots = [root for root in roots if root not in known and root not in skipped]
    return dg.SensorResult(
        run_requests=requests,
        dynamic_partitions_requests=[dicom_source_roots.build_add_request(new_roots)] if new_roots else [],
        skip_reason=f"not a folder: {', '.join(skipped)}" if skipped and not requests else None,
    )
