-- Inputs whose latest reading was quarantined: the list an engineer works through.
-- An input landed or deleted since then is no longer listed.
with

quarantine as (
    select * from {{ ref('stg_lantern__quarantine') }}
),

later_outcomes as (
    select
        source_kind,
        record_id,
        recorded_at as happened_at
    from {{ ref('int_inputs_latest_outcomes') }}
    where outcome != 'quarantined'
    union all
    -- A landing whose manifest entry was never written (an interrupted run) counts too.
    select
        source_kind,
        record_id,
        ingested_at as happened_at
    from {{ ref('stg_dicom__instances') }}
),

latest as (
    select *
    from quarantine
    qualify row_number() over (partition by source_kind, record_id order by ingested_at desc) = 1
),

still_quarantined as (
    select latest.*
    from latest
    where not exists (
        select 1
        from later_outcomes
        where
            later_outcomes.source_kind = latest.source_kind
            and later_outcomes.record_id = latest.record_id
            and later_outcomes.happened_at > latest.ingested_at
    )
),

final as (
    select
        source_kind,
        record_id,
        source_locator,
        input_locator,
        stage,
        error_class,
        message,
        first_seen_at,
        ingested_at as quarantined_at
    from still_quarantined
)

select * from final
