{#- A percentage rounded to 3 decimals, null when the whole is 0 (no rate to speak of). -#}
{% macro percentage(part, whole) -%}
    case when ({{ whole }}) > 0 then round(100.0 * ({{ part }}) / ({{ whole }}), 3) end
{%- endmacro %}
