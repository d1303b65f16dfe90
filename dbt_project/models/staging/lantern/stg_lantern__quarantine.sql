with

source as (
    select * from {{ source('lantern', 'quarantine') }}
),

renamed as (
    select
        _record_id as record_id,
        _source as source_locator,
        _ingested_at as ingested_at,
        source_kind,
        input_locator,
        stage,
        error_class,
        message,
        first_seen as first_seen_at
    from source
)

select * from renamed
