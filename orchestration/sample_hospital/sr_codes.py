"""Codes the TID 1500 measurement reports carry, AI's and radiologists' alike.

Both observers use the same codes, so agreement can be computed per study and finding
from the DICOM alone. Sources (DICOM PS3.16 unless stated):
- Finding types: SNOMED CT (SCT) disorders and morphologies, as in CID 6102 "Thoracic
  Finding or Feature" (nodule, pneumothorax); intracranial hemorrhage is SCT 1386000.
- Finding sites: SCT body structures of CID 7151 "Segmentation Property Types".
- Measurement concepts: SCT Diameter and Volume (CID 7469/7472), DCM Distance; units
  are UCUM, as DICOM requires for numeric content items (PS3.3 §C.18.1).
- Presence: SCT "Presence" (705057003, the property LOINC and SNOMED CT share) valued
  from CID 241 "Present-Absent Only".
- Critical findings: the ACR Actionable Finding categories (CID 7035, RadLex): category 1
  (communicate within minutes) and 2 (within hours) are what IHE's Interactive Multimedia
  Report profile calls critical findings. No TID 1500 row binds CID 7035, so the
  evaluation's concept name is SCT "Priority" (260870009), a choice documented in
  docs/generator.md.
- Procedures reported: LOINC codes of CID 100 "Quantitative Diagnostic Imaging
  Procedures".
- Observer role: SCT "Consultant" (CID 7452 "Organizational Roles"), the grade that signs
  final reports.
"""

from __future__ import annotations

from pydicom.sr.coding import Code

NODULE = Code("27925004", "SCT", "Nodule")
INTRACRANIAL_HEMORRHAGE = Code("1386000", "SCT", "Intracranial hemorrhage")
PNEUMOTHORAX = Code("36118008", "SCT", "Pneumothorax")

LUNG = Code("39607008", "SCT", "Lung")
BRAIN = Code("12738006", "SCT", "Brain")
PLEURA = Code("3120008", "SCT", "Pleura")

DIAMETER = Code("81827009", "SCT", "Diameter")
VOLUME = Code("118565006", "SCT", "Volume")
DISTANCE = Code("121206", "DCM", "Distance")
MILLIMETER = Code("mm", "UCUM", "millimeter")
CENTIMETER = Code("cm", "UCUM", "centimeter")
MILLILITER = Code("ml", "UCUM", "milliliter")

PRESENCE = Code("705057003", "SCT", "Presence")
PRESENT = Code("52101004", "SCT", "Present")
ABSENT = Code("272519000", "SCT", "Absent")

PRIORITY = Code("260870009", "SCT", "Priority")
ACR_CATEGORY_1 = Code("RID49480", "RADLEX", "ACR Category 1 Actionable Finding")
ACR_CATEGORY_2 = Code("RID49481", "RADLEX", "ACR Category 2 Actionable Finding")

CT_UNSPECIFIED_BODY_REGION = Code("25045-6", "LN", "CT unspecified body region")
XR_UNSPECIFIED_BODY_REGION = Code("43468-8", "LN", "XR unspecified body region")

CONSULTANT = Code("309390008", "SCT", "Consultant")
