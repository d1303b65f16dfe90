-- Each input's latest outcome in the ingest manifest: landed, quarantined or deleted.
with

manifest as (
    select * from {{ ref('stg_lantern__ingest_manifest') }}
),

latest as (
    select
        record_id,
        input_locator,
        outcome,
        recorded_at
    from manifest
    qualify row_number() over (partition by record_id order by recorded_at desc) = 1
)

select * from latest
