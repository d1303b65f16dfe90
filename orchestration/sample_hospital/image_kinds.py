"""Image kinds: one SOP class with the pixel geometry a real device of that kind writes.

The logical size of every file follows from these figures (rows x columns x samples x
bits x frames, divided by a compression ratio for encapsulated kinds), so they are
chosen to match real devices. Sources for the geometry: the vendors' DICOM conformance
statements (e.g. Hologic Selenia Dimensions: 3328 x 4096 detector at 70 µm; Zeiss
CIRRUS: 512 x 128 macular cube, 1024 samples deep) and the NEMA sample data sets;
lossless ratios of 2-3:1 for grayscale from Clunie, "Lossless compression of grayscale
medical images", Proc. SPIE 3980 (2000); lossy JPEG ratios of 10-25:1 are what photo,
endoscopy and echo archives typically hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydicom import uid

# How pixel data is encoded. NATIVE is uncompressed; JPEG is lossy JPEG Baseline, as
# cameras, endoscopy towers and echo carts write it; ARCHIVE follows the institution's
# archive policy (some archives recompress single-frame grayscale to JPEG 2000 lossless).
NATIVE = "native"
JPEG = "jpeg"
ARCHIVE = "archive"


@dataclass(frozen=True)
class ImageKind:
    key: str
    sop_class_uid: str
    modality: str
    rows: int
    columns: int
    samples_per_pixel: int = 1
    bits_allocated: int = 16
    bits_stored: int = 12
    photometric: str = "MONOCHROME2"
    encoding: str = NATIVE
    # Native size divided by this gives the encapsulated size (JPEG and JPEG 2000 only).
    compression_ratio: float = 1.0

    @property
    def frame_bytes(self) -> int:
        return self.rows * self.columns * self.samples_per_pixel * self.bits_allocated // 8


def _kind(key: str, sop_class_uid: str, modality: str, rows: int, columns: int, **kw) -> ImageKind:
    return ImageKind(key, sop_class_uid, modality, rows, columns, **kw)


KINDS: dict[str, ImageKind] = {
    k.key: k
    for k in [
        _kind("ct", uid.CTImageStorage, "CT", 512, 512, encoding=ARCHIVE, compression_ratio=2.2),
        _kind("mr", uid.MRImageStorage, "MR", 512, 512, encoding=ARCHIVE, compression_ratio=2.5),
        _kind(
            "cr",
            uid.ComputedRadiographyImageStorage,
            "CR",
            2140,
            1760,
            bits_stored=10,
            encoding=ARCHIVE,
            compression_ratio=2.5,
        ),
        _kind(
            "dx",
            uid.DigitalXRayImageStorageForPresentation,
            "DX",
            3072,
            2560,
            bits_stored=14,
            encoding=ARCHIVE,
            compression_ratio=2.5,
        ),
        _kind(
            "mg",
            uid.DigitalMammographyXRayImageStorageForPresentation,
            "MG",
            4096,
            3328,
            bits_stored=12,
            encoding=ARCHIVE,
            compression_ratio=2.5,
        ),
        # Reconstructed 1 mm slices of a tomosynthesis volume, one multi-frame object.
        _kind("bto", uid.BreastTomosynthesisImageStorage, "MG", 2457, 1996, bits_stored=10),
        _kind(
            "us",
            uid.UltrasoundImageStorage,
            "US",
            768,
            1024,
            samples_per_pixel=3,
            bits_allocated=8,
            bits_stored=8,
            photometric="YBR_FULL_422",
            encoding=JPEG,
            compression_ratio=12.0,
        ),
        _kind(
            "us_cine",
            uid.UltrasoundMultiFrameImageStorage,
            "US",
            600,
            800,
            samples_per_pixel=3,
            bits_allocated=8,
            bits_stored=8,
            photometric="YBR_FULL_422",
            encoding=JPEG,
            compression_ratio=20.0,
        ),
        _kind("nm", uid.NuclearMedicineImageStorage, "NM", 1024, 256, bits_stored=16),
        _kind("pt", uid.PositronEmissionTomographyImageStorage, "PT", 192, 192, bits_stored=16),
        _kind("xa", uid.XRayAngiographicImageStorage, "XA", 1024, 1024, bits_stored=12),
        _kind("rf", uid.XRayRadiofluoroscopicImageStorage, "RF", 1024, 1024, bits_stored=12),
        _kind(
            "sm",
            uid.VLWholeSlideMicroscopyImageStorage,
            "SM",
            256,
            256,
            samples_per_pixel=3,
            bits_allocated=8,
            bits_stored=8,
            photometric="RGB",
        ),
        _kind(
            "op",
            uid.OphthalmicPhotography8BitImageStorage,
            "OP",
            3072,
            3900,
            samples_per_pixel=3,
            bits_allocated=8,
            bits_stored=8,
            photometric="YBR_FULL_422",
            encoding=JPEG,
            compression_ratio=12.0,
        ),
        _kind("opt", uid.OphthalmicTomographyImageStorage, "OPT", 1024, 512, bits_allocated=8, bits_stored=8),
        _kind(
            "xc",
            uid.VLPhotographicImageStorage,
            "XC",
            4000,
            6000,
            samples_per_pixel=3,
            bits_allocated=8,
            bits_stored=8,
            photometric="YBR_FULL_422",
            encoding=JPEG,
            compression_ratio=10.0,
        ),
        _kind(
            "es",
            uid.VLEndoscopicImageStorage,
            "ES",
            1080,
            1920,
            samples_per_pixel=3,
            bits_allocated=8,
            bits_stored=8,
            photometric="YBR_FULL_422",
            encoding=JPEG,
            compression_ratio=12.0,
        ),
    ]
}

# 12-lead ECG: 10 s at 500 samples/s, 12 channels of 16-bit samples (IEC 60601-2-25).
ECG_SAMPLING_HZ = 500
ECG_SECONDS = 10
ECG_CHANNELS = 12
