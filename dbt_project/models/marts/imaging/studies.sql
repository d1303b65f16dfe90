with

instances as (
    select * from {{ ref('instances') }}
    where study_instance_uid is not null
),

primary_modalities as (
    select
        study_instance_uid,
        modality as primary_modality
    from {{ ref('int_study_modalities_ranked') }}
    where modality_rank = 1
),

rolled_up as (
    select
        study_instance_uid,
        min(patient_pseudonym) as patient_pseudonym,
        min(accession_pseudonym) as accession_pseudonym,
        min(study_date) as study_date,
        min(study_at) as study_at,
        min(institution_name) as institution_name,
        min(department_name) as department_name,
        min(study_description) as study_description,
        count(distinct series_instance_uid) as series_count,
        count(*) as instance_count,
        sum(size_bytes) as size_bytes,
        count(distinct modality) as modality_count,
        count(distinct patient_pseudonym) as patient_count
    from instances
    group by study_instance_uid
),

final as (
    select
        rolled_up.study_instance_uid,
        rolled_up.patient_pseudonym,
        rolled_up.accession_pseudonym,
        rolled_up.study_date,
        rolled_up.study_at,
        primary_modalities.primary_modality,
        rolled_up.modality_count,
        rolled_up.patient_count,
        rolled_up.study_description,
        rolled_up.institution_name,
        rolled_up.department_name,
        rolled_up.series_count,
        rolled_up.instance_count,
        rolled_up.size_bytes
    from rolled_up
    left join primary_modalities
        on rolled_up.study_instance_uid = primary_modalities.study_instance_uid
)

select * from final
