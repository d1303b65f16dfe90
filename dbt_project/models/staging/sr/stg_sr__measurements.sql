with

source as (
    select * from {{ source('sr', 'sr_measurements') }}
),

renamed as (
    select
        _record_id as record_id,
        _ingested_at as ingested_at,
        SOPInstanceUID as sop_instance_uid,
        GroupPosition as group_position,
        ContentPosition as content_position,
        ValueType as value_type,
        ConceptNameCodeValue as concept_code,
        ConceptNameCodingSchemeDesignator as concept_scheme,
        ConceptNameCodeMeaning as concept,
        NumericValue as numeric_value,
        MeasurementUnitsCodeValue as units_code,
        MeasurementUnitsCodeMeaning as units,
        ConceptCodeCodeValue as value_code,
        ConceptCodeCodingSchemeDesignator as value_scheme,
        ConceptCodeCodeMeaning as value_meaning,
        DerivationCodeMeaning as derivation,
        {{ list_length('Oddities') }} as oddity_count
    from source
)

select * from renamed
