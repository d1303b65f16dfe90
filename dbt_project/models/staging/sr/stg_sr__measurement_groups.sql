with

source as (
    select * from {{ source('sr', 'sr_measurement_groups') }}
),

renamed as (
    select
        _record_id as record_id,
        _ingested_at as ingested_at,
        SOPInstanceUID as sop_instance_uid,
        StudyInstanceUID as study_instance_uid,
        GroupPosition as group_position,
        TrackingIdentifier as tracking_identifier,
        TrackingUniqueIdentifier as tracking_uid,
        FindingTypeCodeValue as finding_type_code,
        FindingTypeCodingSchemeDesignator as finding_type_scheme,
        FindingTypeCodeMeaning as finding_type,
        FindingSiteCodeValue as finding_site_code,
        FindingSiteCodingSchemeDesignator as finding_site_scheme,
        FindingSiteCodeMeaning as finding_site,
        upper(ObserverType) as observer_type,
        ObserverPersonPseudonym as observer_person_pseudonym,
        ObserverDeviceUID as observer_device_uid,
        ObserverDeviceName as observer_device_name,
        ObserverManufacturer as observer_manufacturer,
        ObserverModelName as observer_model_name,
        AlgorithmName as algorithm_name,
        AlgorithmVersion as algorithm_version,
        ObservationDateTime as observation_datetime_text,
        {{ list_length('Oddities') }} as oddity_count
    from source
)

select * from renamed
