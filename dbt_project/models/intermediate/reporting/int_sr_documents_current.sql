-- Each structured report's latest landing, unless its content was since quarantined or
-- its file deleted (the "sr" kind in the ingest manifest).
with

documents as (
    select * from {{ ref('stg_sr__documents') }}
),

superseded as (
    select
        record_id,
        recorded_at
    from {{ ref('int_inputs_latest_outcomes') }}
    where source_kind = 'sr' and outcome != 'landed'
),

current_documents as (
    select documents.*
    from documents
    left join superseded
        on
            documents.record_id = superseded.record_id
            and documents.ingested_at <= superseded.recorded_at
    where superseded.record_id is null
    qualify row_number() over (
        partition by documents.record_id order by documents.ingested_at desc
    ) = 1
)

select * from current_documents
