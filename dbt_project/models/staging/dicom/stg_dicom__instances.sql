with

source as (
    select * from {{ source('dicom', 'dicom_instances') }}
),

renamed as (
    select
        _record_id as record_id,
        _source as source_locator,
        -- Files are landed from file:// sources, archives' instances from their URLs.
        case when _source like 'file://%' then 'dicom' else 'dicomweb' end as source_kind,
        _ingested_at as ingested_at,
        file_path,
        file_size_bytes as size_bytes,
        SOPClassUID as sop_class_uid,
        SOPInstanceUID as sop_instance_uid,
        SeriesInstanceUID as series_instance_uid,
        StudyInstanceUID as study_instance_uid,
        PatientPseudonym as patient_pseudonym,
        AccessionPseudonym as accession_pseudonym,
        PatientSex as patient_sex,
        PatientAgeAtStudyYears as patient_age_at_study_years,
        {{ dicom_date('StudyDate') }} as study_date,
        {{ dicom_datetime('StudyDate', 'StudyTime') }} as study_at,
        {{ dicom_datetime('SeriesDate', 'SeriesTime') }} as series_at,
        nullif(trim(Modality), '') as modality,
        nullif(trim(BodyPartExamined), '') as body_part_examined,
        nullif(trim(StudyDescription), '') as study_description,
        nullif(trim(SeriesDescription), '') as series_description,
        nullif(trim(ProtocolName), '') as protocol_name,
        nullif(trim(InstitutionName), '') as institution_name,
        nullif(trim(InstitutionalDepartmentName), '') as department_name,
        nullif(trim(StationName), '') as station_name,
        nullif(trim(Manufacturer), '') as manufacturer,
        nullif(trim(ManufacturerModelName), '') as manufacturer_model_name,
        nullif(trim(DeviceSerialNumber), '') as device_serial_number,
        SoftwareVersions as software_versions,
        TransferSyntaxUID as transfer_syntax_uid,
        SeriesNumber as series_number,
        InstanceNumber as instance_number,
        Rows as pixel_rows,
        Columns as pixel_columns,
        NumberOfFrames as number_of_frames,
        BitsAllocated as bits_allocated,
        LossyImageCompression = '01' as is_lossy_compressed,
        BurnedInAnnotation = 'YES' as has_burned_in_annotation,
        ImageType as image_type,
        CTDIvol as ctdi_vol_mgy,
        ExposureIndex as exposure_index,
        kvp,
        Exposure as exposure_mas,
        MissingRequiredAttributes as missing_required_attributes
    from source
)

select * from renamed
