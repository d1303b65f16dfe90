"""Overview: what the archive holds, by modality."""

from __future__ import annotations

import streamlit as st

from dashboards import charts, data

st.title("Imaging overview")

serving = data.serving_file()
if serving is None:
    st.info(
        "No warehouse has been published yet. "
        "Run `lantern demo`, or `lantern ingest dicom <folder>` then `lantern build`."
    )
    st.stop()

overview = data.modality_overview(serving)
if overview.instances == 0:
    st.info("The warehouse is empty. Land some DICOM files with `lantern ingest dicom <folder>`, then `lantern build`.")
    st.stop()

studies, instances, stored = st.columns(3)
studies.metric("Studies", f"{overview.studies:,}")
instances.metric("Instances", f"{overview.instances:,}")
stored.metric("Stored", charts.human_bytes(overview.stored_bytes))

frame = overview.by_modality
charts.show_chart(
    "Studies by modality", charts.bar_by_category(frame, "modality", "studies", "Studies"), frame, "studies-by-modality"
)
charts.show_chart(
    "Instances by modality",
    charts.bar_by_category(frame, "modality", "instances", "Instances"),
    frame,
    "instances-by-modality",
)
charts.show_chart(
    "Stored bytes by modality",
    charts.bar_by_category(frame, "modality", "stored_bytes", "Bytes"),
    frame,
    "stored-bytes-by-modality",
)
st.caption(f"Warehouse published {data.serving_label(serving)} (UTC).")
