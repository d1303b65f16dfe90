{#- Rows where a boolean expression is true (count_if exists in DuckDB and Spark; this
    keeps one spelling should another engine need another). -#}
{% macro count_if(condition) -%}
    count_if({{ condition }})
{%- endmacro %}
