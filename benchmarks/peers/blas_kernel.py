"""Names the BLAS kernel a Python peer ran: OpenBLAS's core type (for example SkylakeX with AVX-512, or Haswell when
OPENBLAS_CORETYPE pins it to AVX2), read from the library loaded into this process, and whether PyTorch has oneDNN."""
import ctypes
import sys


def describe():
    parts = []
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "openblas" in line and ".so" in line})
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            parts.append("OpenBLAS " + lib.openblas_get_corename().decode())
            break
        except (OSError, AttributeError):
            continue
    torch = sys.modules.get("torch")
    if torch is not None and torch.backends.mkldnn.is_available():
        parts.append("oneDNN")
    return ", ".join(parts) or "unknown"
