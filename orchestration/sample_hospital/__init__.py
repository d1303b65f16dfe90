"""The sample hospital in a box: a deterministic generator of a believable enterprise.

Every department's DICOM, the HL7 v2 and audit traffic around it, injected defects and
anomalies, and a ground-truth record of all of it, so tests can check the warehouse's
numbers exactly. Entry points: `generate.generate` and `rows_only.generate_rows_only`.
The model behind the numbers is described in `docs/generator.md`.
"""
