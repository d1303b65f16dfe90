with

source as (
    select * from {{ source('sr', 'sr_radiopharmaceutical_administrations') }}
),

renamed as (
    select
        _record_id as record_id,
        _ingested_at as ingested_at,
        SOPInstanceUID as sop_instance_uid,
        StudyInstanceUID as study_instance_uid,
        AdministrationPosition as administration_position,
        RadiopharmaceuticalCodeMeaning as radiopharmaceutical,
        RadionuclideCodeMeaning as radionuclide,
        AdministeredActivityMBq as administered_activity_mbq,
        StartDateTime as start_datetime_text,
        EndDateTime as end_datetime_text,
        RouteOfAdministrationCodeMeaning as route_of_administration,
        {{ list_length('Oddities') }} as oddity_count
    from source
)

select * from renamed
