-- Modalities of each study ranked for choosing its primary modality: acquisitions
-- before documents (SR, KO, PR, SEG...), then by instance count, then alphabetically.
with

instances as (
    select * from {{ ref('int_instances_deduplicated') }}
    where study_instance_uid is not null
),

modalities as (
    select * from {{ ref('dicom_modalities') }}
),

counted as (
    select
        instances.study_instance_uid,
        instances.modality,
        coalesce(modalities.is_document, false) as is_document,
        count(*) as instance_count
    from instances
    left join modalities
        on instances.modality = modalities.modality
    group by all
),

ranked as (
    select
        study_instance_uid,
        modality,
        is_document,
        instance_count,
        row_number() over (
            partition by study_instance_uid
            order by is_document asc, instance_count desc, modality is null, modality asc
        ) as modality_rank
    from counted
)

select * from ranked
