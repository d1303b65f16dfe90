-- One row per SOP instance. A file landed again (changed on disk, or re-read after an
-- interrupted run) keeps only its latest landing; an instance stored in several files
-- (a duplicate SOP Instance UID, a real archive defect) keeps its latest file and
-- counts the others.
with

staged as (
    select * from {{ ref('stg_dicom__instances') }}
),

latest_per_file as (
    select *
    from staged
    qualify row_number() over (partition by record_id order by ingested_at desc) = 1
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
