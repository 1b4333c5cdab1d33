"""Old Word and WPS files (.doc, .wps: OLE compound files): converted to DOCX by LibreOffice
(``soffice --headless --convert-to docx``) when it is installed, then read as DOCX."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ReportReadError
from ..grid import Page

TIMEOUT_S = 120


def read_doc(data: bytes, source: str) -> Page:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise ReportReadError("an old Word/WPS file (.doc/.wps): install LibreOffice (soffice) to read it, "
                              "or save it as .docx")
    with tempfile.TemporaryDirectory(prefix="zsprogress-") as tmp:
        src = Path(tmp) / "report.doc"
        src.write_bytes(data)
        try:
            # a profile of its own: two conversions at once (--jobs) do not share one lock
            profile = f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}"
            subprocess.run([exe, profile, "--headless", "--convert-to", "docx", "--outdir", tmp, str(src)],
                           check=True, capture_output=True, timeout=TIMEOUT_S)
        except (subprocess.SubprocessError, OSError) as e:
            raise ReportReadError(f"LibreOffice could not convert the .doc/.wps file: {e}") from None
        out = Path(tmp) / "report.docx"
        if not out.is_file():
            raise ReportReadError("LibreOffice could not convert the .doc/.wps file (no output)")
        from .archive import check_zip
        from .docx import read_docx

        converted = out.read_bytes()
        check_zip(converted, source)
        page = read_docx(converted, source)
    return page
