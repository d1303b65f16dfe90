{#- Rows whose combination of columns is not unique (a package-free equivalent of
    dbt_utils.unique_combination_of_columns: dbt's package hub is not reachable from
    every install, so the project carries no packages). -#}
{% test unique_combination_of_columns(model, columns) %}
select {{ columns | join(', ') }}, count(*) as occurrences
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
