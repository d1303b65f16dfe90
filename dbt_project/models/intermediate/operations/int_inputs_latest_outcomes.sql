-- Each input's latest outcome in the ingest manifest, per kind of source: landed,
-- quarantined or deleted. One file can land as a DICOM instance and fail as a report.
with

manifest as (
    select * from {{ ref('stg_lantern__ingest_manifest') }}
),

latest as (
    select
        source_kind,
        record_id,
        input_locator,
        outcome,
        recorded_at
    from manifest
    qualify row_number() over (partition by source_kind, record_id order by recorded_at desc) = 1
)

select * from latest
