"""LibreOffice, driven through its UNO API, for the scan corpus (make.sh) and its judge (judge.py).

make:  libreoffice.py make OUT_DIR SOURCE_DIR
    Saves, from the synthetic documents in SOURCE_DIR (report.odt, scores.ods, slides.odp), what
    LibreOffice itself writes when a user sets a password (File > Save As > Save with password) in
    every format it offers one for — OpenDocument, Word/Excel/PowerPoint 2007+ and 97-2003 — and
    documents with a LibreOffice Basic macro, each named <expected verdict>__<what>.<ext>.
judge: libreoffice.py judge FILE...
    Prints, for each file, what LibreOffice makes of it opened with no password and macros off:
    "encrypted" when it opens only with the corpus's password, "macro" when it holds Basic or VBA
    modules, "unreadable" when it cannot be opened at all, otherwise "ok".

Runs with the system Python (python3-uno); one soffice process per call, in a private profile.
"""
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import NamedValue, PropertyValue


def pairs(kind, kw):
    """UNO structs of `kind` (PropertyValue, NamedValue), one per keyword argument."""
    out = []
    for name, value in kw.items():
        v = kind()
        v.Name, v.Value = name, value
        out.append(v)
    return tuple(out)


def named(**kw):
    return uno.Any("[]com.sun.star.beans.NamedValue", pairs(NamedValue, kw))


def props(**kw):
    return pairs(PropertyValue, kw)


class Office:
    def __enter__(self):
        self.dir = tempfile.mkdtemp()
        pipe = f"ardesk_corpus_{os.getpid()}"
        self.proc = subprocess.Popen(
            ["soffice", f"-env:UserInstallation=file://{self.dir}/profile", "--headless", "--invisible",
             "--norestore", "--nologo", f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("LibreOffice did not start")
        self.desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        return self

    def load(self, path, **extra):
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        # MacroExecutionMode 0: NEVER_EXECUTE.
        return self.desktop.loadComponentFromURL(url, "_blank", 0,
                                                 props(Hidden=True, MacroExecutionMode=0, **extra))

    def __exit__(self, *exc):
        try:
            self.desktop.terminate()
        except Exception:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        subprocess.run(["rm", "-rf", self.dir])


# The filters LibreOffice's Save As dialog uses for each format, and the source each starts from.
# Impress cannot save a password in the PowerPoint 97-2003 format, so there is no .ppt here.
PASSWORD_FORMATS = [
    ("report.odt", "writer8", "odt"),
    ("scores.ods", "calc8", "ods"),
    ("slides.odp", "impress8", "odp"),
    ("report.odt", "MS Word 2007 XML", "docx"),
    ("scores.ods", "Calc MS Excel 2007 XML", "xlsx"),
    ("slides.odp", "Impress MS PowerPoint 2007 XML", "pptx"),
    ("report.odt", "MS Word 97", "doc"),
    ("scores.ods", "MS Excel 97", "xls"),
]
# The password as the dialog hands it to each kind of filter: Office Open XML takes it as
# encryption data (LibreOffice 7.4 writes ECMA-376 "Standard" encryption; msoffcrypto-tool
# writes "Agile"), the others as the Password property.
PASSWORD = "secret"


def password(filter_name):
    if "2007 XML" in filter_name:
        return {"EncryptionData": named(OOXPassword=PASSWORD, CryptoType="Standard")}
    return {"Password": PASSWORD}


# The same documents saved plainly in the Office formats, and a text document holding an embedded
# spreadsheet (an object Word and LibreOffice documents often carry, which runs nothing).
PLAIN_FORMATS = [
    ("scores.ods", "Calc MS Excel 2007 XML", "xlsx"),
    ("slides.odp", "Impress MS PowerPoint 2007 XML", "pptx"),
    ("scores.ods", "MS Excel 97", "xls"),
    ("slides.odp", "MS PowerPoint 97", "ppt"),
]
CALC_CLSID = "47BBB4CB-CE4C-4E80-A591-42D9AE74950F"

MACRO = 'Sub Main\n    MsgBox "Synthetic macro for the scan corpus"\nEnd Sub\n'


def slides(office, path):
    """A one-slide presentation with a synthetic title, saved as ODP at `path`."""
    doc = office.desktop.loadComponentFromURL("private:factory/simpress", "_blank", 0, props(Hidden=True))
    page = doc.DrawPages.getByIndex(0)
    shape = doc.createInstance("com.sun.star.drawing.TextShape")
    page.add(shape)
    shape.setString("Synthetic slides for the scan corpus")
    doc.storeToURL(uno.systemPathToFileUrl(path), props(FilterName="impress8"))
    doc.close(True)


def make(out, src):
    with Office() as office:
        if not os.path.exists(os.path.join(src, "slides.odp")):
            slides(office, os.path.join(src, "slides.odp"))
        for source, filter_name, ext in PASSWORD_FORMATS:
            doc = office.load(os.path.join(src, source), ReadOnly=True)
            target = uno.systemPathToFileUrl(os.path.join(out, f"encrypted__libreoffice-password.{ext}"))
            doc.storeToURL(target, props(FilterName=filter_name, **password(filter_name)))
            doc.close(True)
        for source, filter_name, ext in PLAIN_FORMATS:
            doc = office.load(os.path.join(src, source), ReadOnly=True)
            doc.storeToURL(uno.systemPathToFileUrl(os.path.join(out, f"ok__libreoffice.{ext}")),
                           props(FilterName=filter_name))
            doc.close(True)
        doc = office.load(os.path.join(src, "report.odt"), ReadOnly=True)
        embedded = doc.createInstance("com.sun.star.text.TextEmbeddedObject")
        embedded.CLSID = CALC_CLSID
        doc.Text.insertTextContent(doc.Text.getEnd(), embedded, False)
        for filter_name, ext in [("writer8", "odt"), ("MS Word 2007 XML", "docx")]:
            target = uno.systemPathToFileUrl(os.path.join(out, f"ok__libreoffice-embedded-spreadsheet.{ext}"))
            doc.storeToURL(target, props(FilterName=filter_name))
        doc.close(True)
        for source, filter_name, ext in PASSWORD_FORMATS[:3]:
            doc = office.load(os.path.join(src, source), ReadOnly=True)
            libraries = doc.BasicLibraries
            if not libraries.hasByName("Standard"):
                libraries.createLibrary("Standard")
            libraries.getByName("Standard").insertByName("Report", MACRO)
            target = uno.systemPathToFileUrl(os.path.join(out, f"macro__libreoffice-basic.{ext}"))
            doc.storeToURL(target, props(FilterName=filter_name))
            doc.close(True)


def judge(paths):
    """What LibreOffice makes of each file: it opens with no password (then "macro" if it holds
    Basic or VBA modules, else "ok"); it opens only with the corpus's password ("encrypted"); or
    it does not open at all ("unreadable")."""
    with Office() as office:
        for path in paths:
            doc = opened(office, path)
            if doc is None:
                doc = opened(office, path, Password=PASSWORD)
                if doc is not None:
                    doc.close(True)
                print("unreadable" if doc is None else "encrypted")
                continue
            modules = []
            libraries = getattr(doc, "BasicLibraries", None)
            if libraries is not None:
                for name in libraries.ElementNames:
                    libraries.loadLibrary(name)
                    library = libraries.getByName(name)
                    modules += [m for m in library.ElementNames if library.getByName(m).strip()]
            doc.close(True)
            print("macro" if modules else "ok")


def opened(office, path, **extra):
    try:
        return office.load(path, ReadOnly=True, **extra)
    except Exception:  # IllegalArgumentException, IOException: not opened
        return None


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 2 and sys.argv[1] == "judge":
        judge(sys.argv[2:])
    else:
        raise SystemExit(__doc__)
