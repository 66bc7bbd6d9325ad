"""Files made by Microsoft Office, for the scan's corpus, and oletools' verdict on each.

take:  office.py take ARCHIVE OUT_DIR
    Copies the Word, Excel, PowerPoint and OpenDocument files of oletools' test data (in its
    source package from PyPI, which scripts/setup fetches) into OUT_DIR, named
    <folder>__<name> (passwords, VBA and Excel 4.0 macros, embedded OLE objects and Packages,
    external links, DDE fields, and harmless documents, as Office 2007-2016 saved them).
judge: office.py judge FILE...
    Prints, for each file, what the real tools make of it: "encrypted" when msoffcrypto-tool
    says it is; "macro macros" when olevba finds VBA or Excel 4.0 (XLM) macros; "macro
    embedded_object" when oleobj finds an embedded object or Package, or an object linked from
    outside; otherwise "ok".
"""
import contextlib
import io
import logging
import os
import subprocess
import sys
import tempfile
import zipfile

TYPES = ('.doc', '.docx', '.docm', '.dot', '.dotx', '.dotm', '.xls', '.xlsx', '.xlsm', '.xlsb',
         '.xlt', '.xltx', '.xltm', '.xla', '.xlam', '.ppt', '.pptx', '.pptm', '.pps', '.ppsx',
         '.ppsm', '.pot', '.potx', '.potm', '.odt', '.ods', '.odp')


def take(archive, out):
    os.makedirs(out, exist_ok=True)
    with zipfile.ZipFile(archive) as z:
        for name in z.namelist():
            parts = name.split('/tests/test-data/', 1)
            if len(parts) != 2 or not parts[1].lower().endswith(TYPES):
                continue
            flat = parts[1].replace('/', '__')
            with open(os.path.join(out, flat), 'wb') as f:
                f.write(z.read(name))


def judge(path):
    import msoffcrypto
    from oletools import olevba
    try:
        with open(path, 'rb') as f:
            if msoffcrypto.OfficeFile(f).is_encrypted():
                return 'encrypted'
    except Exception:  # not a format msoffcrypto reads (OpenDocument, Excel 5)
        pass
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        parser = olevba.VBA_Parser(path)
        if parser.detect_vba_macros() or parser.detect_xlm_macros():
            return 'macro macros'
    with tempfile.TemporaryDirectory() as d:
        shown = subprocess.run(['oleobj', '-d', d, path], capture_output=True, text=True).stdout
        if os.listdir(d) or 'Parsing OLE Package' in shown or 'with external link' in shown:
            return 'macro embedded_object'
    return 'ok'


if __name__ == '__main__':
    logging.disable(logging.CRITICAL)
    if sys.argv[1] == 'take':
        take(sys.argv[2], sys.argv[3])
    else:
        for path in sys.argv[2:]:
            print(judge(path))
