with

source as (
    select * from {{ source('lantern', 'ingest_manifest') }}
),

renamed as (
    select
        _record_id as record_id,
        _source as source_locator,
        _ingested_at as recorded_at,
        source_kind,
        input_locator,
        size_bytes,
        mtime_ns,
        outcome
    from source
)

select * from renamed
