with

administrations as (
    {{ sr_current_rows('stg_sr__radiopharmaceutical_administrations') }}
),

final as (
    select
        sop_instance_uid || ':' || administration_position as administration_id,
        sop_instance_uid,
        study_instance_uid,
        radiopharmaceutical,
        radionuclide,
        administered_activity_mbq,
        start_datetime_text,
        end_datetime_text,
        route_of_administration,
        oddity_count
    from administrations
)

select * from final
