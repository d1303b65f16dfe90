-- One row per TID 1500 measurement group: a finding, reported by a person or a device.
with

groups as (
    {{ sr_current_rows('stg_sr__measurement_groups') }}
),

studies as (
    select * from {{ ref('studies') }}
),

final as (
    select
        groups.sop_instance_uid || ':' || groups.group_position as finding_id,
        groups.sop_instance_uid,
        groups.group_position,
        groups.study_instance_uid,
        studies.accession_pseudonym,
        studies.primary_modality,
        studies.department_name,
        studies.study_at,
        groups.tracking_identifier,
        groups.tracking_uid,
        groups.finding_type_code,
        groups.finding_type_scheme,
        groups.finding_type,
        groups.finding_site_code,
        groups.finding_site_scheme,
        groups.finding_site,
        groups.observer_type,
        groups.observer_type = 'DEVICE' as is_from_device,
        groups.observer_person_pseudonym,
        groups.observer_device_uid,
        groups.observer_device_name,
        groups.observer_manufacturer,
        groups.observer_model_name,
        groups.algorithm_name,
        groups.algorithm_version,
        groups.observation_datetime_text,
        groups.oddity_count
    from groups
    left join studies
        on groups.study_instance_uid = studies.study_instance_uid
)

select * from final
