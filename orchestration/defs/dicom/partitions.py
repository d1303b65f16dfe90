"""DICOM assets are partitioned by source root: one partition per configured folder.

Dynamic rather than static, because the roots come from the settings, which are read at
run time, never at import; the sensor registers each configured root as it appears.
"""

import dagster as dg

dicom_source_roots = dg.DynamicPartitionsDefinition(name="dicom_source_roots")
