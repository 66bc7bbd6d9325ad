#!/usr/bin/env python3
"""Builds the hostile-input fixtures (issue 8) in DIR: files built to hurt a reader. Each name
says what it is; crates/cli/tests/hostile.rs feeds every one to the readers that take files from
outside (plan import, password scan, received-bundle check) and scripts/bench times them.

Made at test time rather than committed: the sparse 1 GB file and the non-UTF-8 name cannot
live in git, and the rest are quicker to read here than as binary blobs. Python's zipfile and
zlib only; runs in about a second. Every document is synthetic.
"""
import os
import random
import struct
import sys
import zipfile
import zlib

out = sys.argv[1] if len(sys.argv) > 1 else sys.exit("usage: make.py DIR")
os.makedirs(out, exist_ok=True)
rng = random.Random(8)

DOC = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
       b'<w:p><w:r><w:t>Section A: All about me</w:t></w:r></w:p>'
       b'<w:p><w:r><w:t>Synthetic text.</w:t></w:r></w:p></w:body></w:document>')
TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
         b'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
         b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
         b'officedocument.wordprocessingml.document.main+xml"/></Types>')


def path(name):
    return os.path.join(out, name)


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


def docx(name, document=DOC, extra=(), method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path(name), "w", method) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("word/document.xml", document)
        for entry, data in extra:
            z.writestr(entry, data)


def pdf():
    body = b"BT /F1 12 Tf 72 720 Td (Synthetic report) Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream"]
    data, offsets = b"%PDF-1.7\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    data += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return data


# Zip bombs: a high ratio (200 MB of XML in under 1 MB), 100,000 entries, and headers that lie
# about the size (the central directory says 120 bytes; the stream inflates to 64 MB).
docx("bomb-ratio.docx", DOC[:-len(b"</w:body></w:document>")] + b"<w:p/>" * (200 * 1024 * 1024 // 6)
     + b"</w:body></w:document>")
with zipfile.ZipFile(path("bomb-entries.docx"), "w", zipfile.ZIP_STORED) as z:
    z.writestr("[Content_Types].xml", TYPES)
    z.writestr("word/document.xml", DOC)
    for n in range(100_000):
        z.writestr(f"word/media/f{n}.xml", b"")
docx("bomb-lying-header.docx", DOC[:-len(b"</w:body></w:document>")] + b" " * (64 * 1024 * 1024)
     + b"</w:body></w:document>")
data = bytearray(open(path("bomb-lying-header.docx"), "rb").read())
for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
    at = data.find(sig, data.find(b"word/document.xml") - 60)
    at = data.find(sig) if at < 0 else at
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + (26 if sig == b"PK\x03\x04" else 28))[0]
        start = at + (30 if sig == b"PK\x03\x04" else 46)
        if bytes(data[start:start + name_len]) == b"word/document.xml":
            struct.pack_into("<I", data, at + size_at, 120)
        at = data.find(sig, at + 4)
write("bomb-lying-header.docx", bytes(data))
with zipfile.ZipFile(path("bomb-ratio.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("manifest.json", b"{" + b" " * (200 * 1024 * 1024) + b"}")

# Entry names that climb out of a folder or start at the root.
docx("traversal.docx", extra=[("../../../tmp/ardesk-escaped.txt", b"x"), ("/etc/ardesk-absolute", b"y")])
with zipfile.ZipFile(path("traversal.zip"), "w") as z:
    z.writestr("manifest.json", b"{}")
    z.writestr("../../../tmp/ardesk-escaped.txt", b"x")
    z.writestr("/etc/ardesk-absolute", b"y")

# Truncated and garbage files of each kind.
docx("good-plan.docx")
good = open(path("good-plan.docx"), "rb").read()
os.remove(path("good-plan.docx"))
write("truncated.docx", good[: len(good) // 2])
write("truncated.pdf", pdf()[:200])
write("truncated.zip", good[: len(good) * 2 // 3])
for ext in ("docx", "pdf", "zip"):
    write(f"garbage.{ext}", bytes(rng.getrandbits(8) for _ in range(64 * 1024)))
write("garbage-with-magic.pdf", b"%PDF-1.7\n" + bytes(rng.getrandbits(8) for _ in range(64 * 1024)))
write("garbage-with-magic.docx", b"PK\x03\x04" + bytes(rng.getrandbits(8) for _ in range(64 * 1024)))
write("empty.docx", b"")

# A 1 GB file that takes no disk space: it must be refused by its size, not read.
with open(path("sparse-1gb.pdf"), "wb") as f:
    f.write(b"%PDF-1.7\n")
    f.truncate(1 << 30)

# Names that are not UTF-8 (Latin-1 bytes, as an old Windows share can produce): a good PDF and
# a good plan must still be read, and the name shown without crashing.
with open(os.path.join(os.fsencode(out), b"report-caf\xe9-\xff.pdf"), "wb") as f:
    f.write(pdf())
docx("plan-latin1-name.docx")
os.rename(path("plan-latin1-name.docx"), os.path.join(os.fsencode(out), b"plan-\xe9l\xe8ve.docx"))
with zipfile.ZipFile(path("non-utf8-entry.zip"), "w") as z:
    z.writestr("manifest.json", b"{}")
    info = zipfile.ZipInfo("placeholder")
    z.writestr(info, b"x")
data = bytearray(open(path("non-utf8-entry.zip"), "rb").read())
data = data.replace(b"placeholder", b"r\xe9port\xff.pdf")
write("non-utf8-entry.zip", bytes(data))

print(f"built {len(os.listdir(out))} files in {out}")
