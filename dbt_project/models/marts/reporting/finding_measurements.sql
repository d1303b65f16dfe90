-- Each measurement (NUM) and qualitative evaluation (CODE) of a finding.
with

measurements as (
    {{ sr_current_rows('stg_sr__measurements') }}
),

final as (
    select
        measurements.sop_instance_uid || ':' || measurements.content_position as measurement_id,
        measurements.sop_instance_uid || ':' || measurements.group_position as finding_id,
        measurements.sop_instance_uid,
        measurements.value_type,
        measurements.concept_code,
        measurements.concept_scheme,
        measurements.concept,
        measurements.numeric_value,
        measurements.units_code,
        measurements.units,
        measurements.value_code,
        measurements.value_scheme,
        measurements.value_meaning,
        measurements.derivation,
        measurements.oddity_count
    from measurements
)

select * from final
