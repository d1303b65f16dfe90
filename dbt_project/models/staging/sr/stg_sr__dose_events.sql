with

source as (
    select * from {{ source('sr', 'sr_dose_events') }}
),

renamed as (
    select
        _record_id as record_id,
        _ingested_at as ingested_at,
        SOPInstanceUID as sop_instance_uid,
        StudyInstanceUID as study_instance_uid,
        TemplateIdentifier as template_identifier,
        EventPosition as event_position,
        IrradiationEventUID as irradiation_event_uid,
        EventDateTime as event_datetime_text,
        IrradiationEventTypeCodeMeaning as irradiation_event_type,
        AcquisitionTypeCodeMeaning as acquisition_type,
        AcquisitionProtocol as acquisition_protocol,
        TargetRegionCodeMeaning as target_region,
        CTDIvolMGy as ctdi_vol_mgy,
        DLPMGyCm as dlp_mgy_cm,
        PhantomTypeCodeMeaning as phantom_type,
        ScanningLengthMm as scanning_length_mm,
        -- Reference levels for projection radiography are published in Gy·cm².
        DoseAreaProductGyM2 * 10000 as dap_gy_cm2,
        DoseRPGy as dose_rp_gy,
        kvp,
        TubeCurrentMA as tube_current_ma,
        ExposureTimeMs as exposure_time_ms,
        ExposureUAs as exposure_uas,
        DeviceManufacturer as device_manufacturer,
        DeviceModelName as device_model_name,
        DeviceSerialNumber as device_serial_number,
        {{ list_length('Oddities') }} as oddity_count
    from source
)

select * from renamed
