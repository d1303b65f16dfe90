-- Inputs whose latest reading was quarantined: the list an engineer works through.
-- An input that was fixed and then landed is no longer listed.
with

quarantine as (
    select * from {{ ref('stg_lantern__quarantine') }}
),

landed as (
    select
        record_id,
        max(ingested_at) as landed_at
    from {{ ref('stg_dicom__instances') }}
    group by record_id
),

latest as (
    select *
    from quarantine
    qualify row_number() over (partition by record_id order by ingested_at desc) = 1
),

final as (
    select
        latest.record_id,
        latest.source_locator,
        latest.input_locator,
        latest.stage,
        latest.error_class,
        latest.message,
        latest.first_seen_at,
        latest.ingested_at as quarantined_at
    from latest
    left join landed
        on latest.record_id = landed.record_id
    where landed.landed_at is null or landed.landed_at < latest.ingested_at
)

select * from final
