"""Which SOP Classes are structured reports (PS3.4 B.5), and which of them are narrative.

All of them encode their content the same way (PS3.3 C.17.3 SR Document Content Module), so
one tree reader serves every class; the retired trial classes (…88.1-88.4) encoded it
differently and are not read.
"""

from __future__ import annotations

from pydicom import uid

BASIC_TEXT_SR = uid.BasicTextSRStorage
ENHANCED_SR = uid.EnhancedSRStorage
COMPREHENSIVE_SR = uid.ComprehensiveSRStorage
COMPREHENSIVE_3D_SR = uid.Comprehensive3DSRStorage
EXTENSIBLE_SR = uid.ExtensibleSRStorage
XRAY_RADIATION_DOSE_SR = uid.XRayRadiationDoseSRStorage
RADIOPHARMACEUTICAL_RADIATION_DOSE_SR = uid.RadiopharmaceuticalRadiationDoseSRStorage
ACQUISITION_CONTEXT_SR = uid.AcquisitionContextSRStorage
KEY_OBJECT_SELECTION = uid.KeyObjectSelectionDocumentStorage

STRUCTURED_REPORT_SOP_CLASSES = frozenset(
    {
        BASIC_TEXT_SR,
        ENHANCED_SR,
        COMPREHENSIVE_SR,
        COMPREHENSIVE_3D_SR,
        EXTENSIBLE_SR,
        XRAY_RADIATION_DOSE_SR,
        RADIOPHARMACEUTICAL_RADIATION_DOSE_SR,
        ACQUISITION_CONTEXT_SR,
        KEY_OBJECT_SELECTION,
        uid.ProcedureLogStorage,
        uid.MammographyCADSRStorage,
        uid.ChestCADSRStorage,
        uid.ColonCADSRStorage,
        uid.ImplantationPlanSRStorage,
        uid.SimplifiedAdultEchoSRStorage,
        uid.PatientRadiationDoseSRStorage,
        uid.PlannedImagingAgentAdministrationSRStorage,
        uid.PerformedImagingAgentAdministrationSRStorage,
        uid.EnhancedXRayRadiationDoseSRStorage,
        uid.WaveformAnnotationSRStorage,
        # Ophthalmic reports built on the SR Document Content Module (PS3.3 A.35.9, A.35.11).
        uid.SpectaclePrescriptionReportStorage,
        uid.MacularGridThicknessAndVolumeReportStorage,
    }
)

# The classes whose documents are written for people to read (PS3.3 A.35.1-A.35.4, A.35.21).
NARRATIVE_SOP_CLASSES = frozenset({BASIC_TEXT_SR, ENHANCED_SR, COMPREHENSIVE_SR, COMPREHENSIVE_3D_SR, EXTENSIBLE_SR})


def is_structured_report(sop_class_uid: str | None) -> bool:
    """Whether instances of this SOP Class carry an SR content tree that `extract_sr` reads."""
    return sop_class_uid is not None and sop_class_uid.strip() in STRUCTURED_REPORT_SOP_CLASSES
