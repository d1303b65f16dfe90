-- One row per SOP instance. A file landed again (changed on disk, or re-read after an
-- interrupted run) keeps only its latest landing; a file deleted from its source, or
-- quarantined when read again, since that landing is dropped; an instance stored in
-- several files (a duplicate SOP Instance UID, a real archive defect) keeps its latest
-- file and counts the others.
with

staged as (
    select * from {{ ref('stg_dicom__instances') }}
),

superseded as (
    select
        record_id,
        recorded_at
    from {{ ref('int_inputs_latest_outcomes') }}
    where outcome != 'landed' and source_kind in ('dicom', 'dicomweb')
),

latest_per_file as (
    select staged.*
    from staged
    left join superseded
        on
            staged.record_id = superseded.record_id
            and staged.ingested_at <= superseded.recorded_at
    where superseded.record_id is null
    qualify row_number() over (partition by staged.record_id order by staged.ingested_at desc) = 1
),

one_per_instance as (
    select
        *,
        count(*) over (partition by sop_instance_uid) as file_count
    from latest_per_file
    where sop_instance_uid is not null
    qualify row_number() over (
        partition by sop_instance_uid order by ingested_at desc, file_path asc
    ) = 1
)

select * from one_per_instance
