"""12-lead ECG waveform objects (Twelve Lead ECG Waveform Storage, PS3.3 §A.34.3).

A resting ECG is 10 s of 12 leads sampled at 500 Hz; the samples are a repeated
synthetic beat, small enough to write in full (≈120 KB, as real ECG objects are).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pydicom import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian

from orchestration.sample_hospital import dicom_common, ids
from orchestration.sample_hospital.dicom_common import code_sequence, dt
from orchestration.sample_hospital.image_kinds import ECG_CHANNELS, ECG_SAMPLING_HZ, ECG_SECONDS
from orchestration.sample_hospital.model import FileRecord, SeriesPlan, Study

TWELVE_LEAD_ECG = "1.2.840.10008.5.1.4.1.1.9.1.1"
# The 12 standard leads with their MDC codes (CID 3001, ISO/IEEE 11073-10101).
LEADS = [
    ("2:1", "Lead I"),
    ("2:2", "Lead II"),
    ("2:61", "Lead III"),
    ("2:62", "Lead aVR"),
    ("2:63", "Lead aVL"),
    ("2:64", "Lead aVF"),
    ("2:3", "Lead V1"),
    ("2:4", "Lead V2"),
    ("2:5", "Lead V3"),
    ("2:6", "Lead V4"),
    ("2:7", "Lead V5"),
    ("2:8", "Lead V6"),
]


def _beat_samples() -> bytes:
    """A crude P-QRS-T complex at 72 bpm, tiled over all leads and the full 10 s."""
    beat = np.zeros(ECG_SAMPLING_HZ * 60 // 72, dtype=np.int16)
    beat[40:60] = 40
    beat[100:108] = np.array([-50, 200, 600, 1000, 600, 100, -200, -50])
    beat[200:260] = 150
    samples = np.resize(beat, ECG_SAMPLING_HZ * ECG_SECONDS)
    return np.repeat(samples[:, None], ECG_CHANNELS, axis=1).astype("<i2").tobytes()


def _channel(value: str, meaning: str) -> Dataset:
    channel = Dataset()
    channel.ChannelSourceSequence = code_sequence(value, "MDC", meaning)
    channel.ChannelSensitivity = 2.5
    channel.ChannelSensitivityUnitsSequence = code_sequence("uV", "UCUM", "microvolt")
    channel.ChannelSensitivityCorrectionFactor = 1
    channel.ChannelBaseline = 0
    channel.ChannelSampleSkew = 0
    channel.WaveformBitsStored = 16
    channel.FilterLowFrequency = 0.05
    channel.FilterHighFrequency = 150
    return channel


def write_ecg(out: Path, folder: Path, study: Study, series: SeriesPlan, hook) -> FileRecord:
    ds = dicom_common.series_dataset(study, series, "ECG", study.device)
    sop_uid = ids.uid(series.uid, "instance", 0)
    dicom_common.instance_identity(ds, TWELVE_LEAD_ECG, sop_uid, 1)
    dicom_common.content_time(ds, study.exam_start)
    ds.AcquisitionDateTime = dt(study.exam_start)
    ds.AcquisitionContextSequence = Sequence()
    group = Dataset()
    group.WaveformOriginality = "ORIGINAL"
    group.NumberOfWaveformChannels = ECG_CHANNELS
    group.NumberOfWaveformSamples = ECG_SAMPLING_HZ * ECG_SECONDS
    group.SamplingFrequency = ECG_SAMPLING_HZ
    group.MultiplexGroupLabel = "RHYTHM"
    group.ChannelDefinitionSequence = Sequence(_channel(*lead) for lead in LEADS)
    group.WaveformBitsAllocated = 16
    group.WaveformSampleInterpretation = "SS"
    # WaveformData is "OB or OW"; 16-bit samples make it OW.
    group.add_new("WaveformData", "OW", _beat_samples())
    ds.WaveformSequence = Sequence([group])
    annotation = Dataset()
    annotation.UnformattedTextValue = "Sinus rhythm. Normal ECG."
    annotation.AnnotationGroupNumber = 0
    # (multiplex group 1, channel 0): the statement applies to every channel.
    annotation.ReferencedWaveformChannels = [1, 0]
    ds.WaveformAnnotationSequence = Sequence([annotation])
    if hook:
        hook(ds, None)
    path = folder / "I0001.dcm"
    data = dicom_common.encode(ds, ExplicitVRLittleEndian)
    path.write_bytes(data)
    return FileRecord(
        path=path.relative_to(out).as_posix(),
        study_uid=study.study_uid,
        series_uid=series.uid,
        sop_instance_uid=sop_uid,
        sop_class_uid=TWELVE_LEAD_ECG,
        modality="ECG",
        size_bytes=len(data),
        transfer_syntax=ExplicitVRLittleEndian,
        acquired_at=study.exam_start,
    )
