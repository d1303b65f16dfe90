-- KPI 20: agreement of each algorithm (name and version) with the radiologists' coded
-- findings, per month of the AI result. Rates are percentages of the compared results.
with

results as (
    select * from {{ ref('ai_results') }}
),

counted as (
    select
        algorithm_name,
        algorithm_version,
        result_month,
        count(*) as results,
        {{ count_if('is_compared') }} as compared,
        {{ count_if("outcome = 'TP'") }} as true_positives,
        {{ count_if("outcome = 'FP'") }} as false_positives,
        {{ count_if("outcome = 'FN'") }} as false_negatives,
        {{ count_if("outcome = 'TN'") }} as true_negatives
    from results
    group by algorithm_name, algorithm_version, result_month
),

final as (
    select
        *,
        true_positives + true_negatives as agreements,
        false_positives + false_negatives as disagreements,
        {{ percentage('true_positives + true_negatives', 'compared') }} as agreement_pct,
        {{ percentage('true_positives', 'true_positives + false_negatives') }} as sensitivity_pct,
        {{ percentage('true_negatives', 'true_negatives + false_positives') }} as specificity_pct,
        {{ percentage('true_positives', 'true_positives + false_positives') }}
            as positive_predictive_value_pct
    from counted
)

select * from final
