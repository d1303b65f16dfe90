with

source as (
    select * from {{ source('sr', 'sr_dose_totals') }}
),

renamed as (
    select
        _record_id as record_id,
        _ingested_at as ingested_at,
        SOPInstanceUID as sop_instance_uid,
        StudyInstanceUID as study_instance_uid,
        TemplateIdentifier as template_identifier,
        TotalNumberOfIrradiationEvents as irradiation_event_count,
        CTDoseLengthProductTotalMGyCm as dlp_total_mgy_cm,
        DoseAreaProductTotalGyM2 * 10000 as dap_total_gy_cm2,
        DoseRPTotalGy as dose_rp_total_gy,
        TotalFluoroTimeS as fluoro_time_s,
        TotalAcquisitionTimeS as acquisition_time_s,
        DeviceManufacturer as device_manufacturer,
        DeviceModelName as device_model_name,
        DeviceSerialNumber as device_serial_number,
        {{ list_length('Oddities') }} as oddity_count
    from source
)

select * from renamed
