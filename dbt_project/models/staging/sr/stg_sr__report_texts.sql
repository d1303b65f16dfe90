with

source as (
    select * from {{ source('sr', 'sr_report_texts') }}
),

renamed as (
    select
        _record_id as record_id,
        _ingested_at as ingested_at,
        SOPInstanceUID as sop_instance_uid,
        StudyInstanceUID as study_instance_uid,
        ReportText as report_text,
        {{ list_length('Oddities') }} as oddity_count
    from source
)

select * from renamed
