#!/usr/bin/env bash
# Builds the password-scan corpus in DIR with the real tools (qpdf, LibreOffice and its UNO API,
# msoffcrypto-tool, zip, 7z), all installed by scripts/setup. Each file is named
# <expected verdict>__<what it is>.<ext>; the test (crates/cli/tests/scan.rs) asserts every one,
# and checks each PDF's against qpdf and each Office and OpenDocument file's against LibreOffice
# (libreoffice.py judge). Every document is synthetic.
set -euo pipefail
out=${1:?usage: make.sh DIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
lo() { soffice "-env:UserInstallation=file://$tmp/profile" --headless "$@" >/dev/null 2>&1; }

printf 'Synthetic report for the scan corpus.\nProgress is good.\n' > "$tmp/report.txt"
lo --convert-to pdf --outdir "$tmp" "$tmp/report.txt"
lo --convert-to 'docx:MS Word 2007 XML' --outdir "$tmp" "$tmp/report.txt"
lo --convert-to 'doc:MS Word 97' --outdir "$tmp" "$tmp/report.txt"
lo --convert-to odt --outdir "$tmp" "$tmp/report.txt"
printf 'Pupil,Reading age\nAB,9.5\n' > "$tmp/scores.csv"
lo --infilter=CSV:44,34,76,1 --convert-to ods --outdir "$tmp" "$tmp/scores.csv"

# PDF: plain, with cross-reference streams, user and owner passwords (AES-256 and RC4),
# an incremental update after encryption, and a truncated file.
cp "$tmp/report.pdf" "$out/ok__plain.pdf"
qpdf --object-streams=generate "$tmp/report.pdf" "$out/ok__xref-stream.pdf"
qpdf --encrypt secret owner 256 -- "$tmp/report.pdf" "$out/encrypted__user-password-aes256.pdf"
qpdf --encrypt '' owner 256 -- "$tmp/report.pdf" "$out/encrypted__owner-password-only.pdf"
qpdf --allow-weak-crypto --encrypt secret owner 128 --use-aes=n -- "$tmp/report.pdf" "$out/encrypted__rc4-128.pdf"
qpdf --object-streams=generate --encrypt secret owner 256 -- "$tmp/report.pdf" "$out/encrypted__xref-stream.pdf"
# An incremental update appended to SRC, whose trailer has /Size, /Root, /Prev and EXTRA only.
update() {
  python3 - "$1" "$2" "$3" <<'PY'
import re, sys
data = open(sys.argv[1], 'rb').read()
prev = int(re.findall(rb'startxref\s+(\d+)', data)[-1])
trailer = re.findall(rb'trailer\s*<<(.*?)>>\s*startxref', data, re.S)[-1]
root = re.search(rb'/Root\s+\d+\s+\d+\s+R', trailer).group(0)
size = re.search(rb'/Size\s+(\d+)', trailer).group(1)
start = len(data) + 1
update = (b'\nxref\n0 0\ntrailer\n<< /Size ' + size + b' ' + root + b' /Prev ' + str(prev).encode() + b' '
          + sys.argv[3].encode() + b' >>\nstartxref\n' + str(start).encode() + b'\n%%EOF\n')
open(sys.argv[2], 'wb').write(data + update)
PY
}
# An update whose own trailer omits /Encrypt, which the first still has: readers go by the
# newest trailer, so they do not decrypt, and the file cannot be read (qpdf --check).
update "$out/encrypted__user-password-aes256.pdf" "$out/unreadable__update-dropped-encryption.pdf" ''
head -c 600 "$tmp/report.pdf" > "$out/unreadable__truncated.pdf"

# Issue 18: PDFs made to mislead, and harmless ones that look suspicious. The test checks each
# PDF's verdict against qpdf's own (--is-encrypted; its JSON for JavaScript, launch actions and
# embedded files), not against these names alone.
python3 - "$out/encrypted__user-password-aes256.pdf" "$out/encrypted__trailer-name-escaped.pdf" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
at = data.rindex(b'/Encrypt')
# The same name, written with a #xx escape (7.3.5): readers decode it.
open(sys.argv[2], 'wb').write(data[:at] + b'/Encr#79pt' + data[at + 8:])
PY
{ printf 'Saved from the portal on 01/12/2026\r\n%.0s' 1; cat "$out/encrypted__user-password-aes256.pdf"; } > "$out/encrypted__junk-before-header.pdf"
# A harmless update whose trailer carries a note that mentions /Encrypt in a string.
update "$tmp/report.pdf" "$out/ok__trailer-mentions-encrypt.pdf" '/Note (how /Encrypt works)'
# Active content: a minimal PDF written object by object, with the offsets it needs.
python3 - "$out" <<'PY'
import sys
out = sys.argv[1]
def pdf(path, catalog_extra, extra_objects=()):
    objs = [b'<< /Type /Catalog /Pages 2 0 R ' + catalog_extra + b' >>',
            b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'] + list(extra_objects)
    body, offsets = b'%PDF-1.7\n', []
    for n, o in enumerate(objs, 1):
        offsets.append(len(body))
        body += str(n).encode() + b' 0 obj\n' + o + b'\nendobj\n'
    xref = len(body)
    body += b'xref\n0 ' + str(len(objs) + 1).encode() + b'\n0000000000 65535 f \n'
    for off in offsets:
        body += b'%010d 00000 n \n' % off
    body += b'trailer\n<< /Size ' + str(len(objs) + 1).encode() + b' /Root 1 0 R >>\nstartxref\n' + str(xref).encode() + b'\n%%EOF\n'
    open(f'{out}/{path}', 'wb').write(body)
pdf('macro__javascript-on-open.pdf', b'/OpenAction 4 0 R', [b'<< /S /JavaScript /JS (app.alert(1);) >>'])
pdf('macro__javascript-name-escaped.pdf', b'/OpenAction 4 0 R', [b'<< /S /Java#53cript /J#53 (app.alert(1);) >>'])
pdf('macro__launch-action.pdf', b'/OpenAction 4 0 R', [b'<< /S /Launch /F (cmd.exe) >>'])
pdf('ok__link-to-a-website.pdf', b'/OpenAction 4 0 R', [b'<< /S /URI /URI (https://www.gov.uk/) >>'])
PY
qpdf "$tmp/report.pdf" --add-attachment "$tmp/report.txt" -- "$out/macro__embedded-file.pdf"

# Word, OpenDocument: plain, and encrypted the way Office (msoffcrypto-tool's Agile encryption)
# and LibreOffice do it.
cp "$tmp/report.docx" "$out/ok__report.docx"
msoffcrypto-tool -e -p secret "$tmp/report.docx" "$out/encrypted__agile-encryption.docx"
cp "$tmp/report.doc" "$out/ok__report.doc"
cp "$tmp/report.odt" "$out/ok__report.odt"
cp "$tmp/scores.ods" "$out/ok__scores.ods"
# LibreOffice itself: a password set in every format it saves one in (OpenDocument text,
# spreadsheet and presentation; Word, Excel and PowerPoint 2007+; Word and Excel 97-2003), and
# documents holding a Basic macro. Through UNO, with the system Python (python3-uno).
/usr/bin/python3 "$here/libreoffice.py" make "$out" "$tmp"
cp "$tmp/slides.odp" "$out/ok__slides.odp"
# Office Open XML with macros, ActiveX or an external template: no installable tool writes a
# VBA project, so these are written by hand as the standard (ECMA-376) declares such parts.
python3 - "$tmp/report.docx" "$out/macro__vba-project.docm" <<'PY'
import sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
dst = zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)
for item in src.infolist():
    dst.writestr(item, src.read(item.filename))
dst.writestr('word/vbaProject.bin', b'\xd0\xcf\x11\xe0 not a real project')
dst.close()
PY

# Issue 18: what a Word file would run or fetch, declared by content type or relationship rather
# than by a part's name, and a harmless one that holds an embedded spreadsheet.
python3 - "$tmp/report.docx" "$out" <<'PY'
import sys, zipfile
src, out = sys.argv[1], sys.argv[2]
def variant(name, types_extra=b'', extra=(), rels=None):
    s = zipfile.ZipFile(src)
    d = zipfile.ZipFile(f'{out}/{name}', 'w', zipfile.ZIP_DEFLATED)
    for item in s.infolist():
        data = s.read(item.filename)
        if item.filename == '[Content_Types].xml':
            data = data.replace(b'</Types>', types_extra + b'</Types>')
        if rels and item.filename == rels[0]:
            data = data.replace(b'</Relationships>', rels[1] + b'</Relationships>')
        d.writestr(item, data)
    for n, data in extra:
        d.writestr(n, data)
    d.close()
variant('macro__vba-project-renamed.docx',
        b'<Override PartName="/word/styles2.bin" ContentType="application/vnd.ms-office.vbaProject"/>',
        [('word/styles2.bin', b'\xd0\xcf\x11\xe0 not a real project')])
variant('macro__activex-control.docx',
        b'<Override PartName="/word/activeX/activeX1.xml" ContentType="application/vnd.ms-office.activeX+xml"/>',
        [('word/activeX/activeX1.xml', b'<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}"/>')])
variant('macro__external-template.docx', extra=[('word/_rels/settings.xml.rels',
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
        b'Target="https://templates.example.org/report.dotm" TargetMode="External"/></Relationships>')])
variant('ok__embedded-spreadsheet.docx',
        b'<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>',
        [('word/embeddings/Microsoft_Excel_Worksheet.xlsx', b'PK\x05\x06' + bytes(18))],
        ('word/_rels/document.xml.rels', b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/package" Target="embeddings/Microsoft_Excel_Worksheet.xlsx"/>'))
PY

# Archives: a plain zip, ZipCrypto and AES zips, a plain zip holding an encrypted PDF, and 7z
# with encrypted headers, with encrypted data only, and without a password.
(cd "$out" && zip -q -j "$tmp/plain.zip" ok__plain.pdf && cp "$tmp/plain.zip" ok__plain-archive.zip)
zip -q -j -P secret "$out/encrypted__zipcrypto.zip" "$tmp/report.txt"
7z a -tzip -psecret -mem=AES256 "$out/encrypted__zip-aes256.zip" "$tmp/report.txt" >/dev/null
zip -q -j "$out/encrypted__zip-holding-encrypted-pdf.zip" "$out/encrypted__user-password-aes256.pdf"
7z a -psecret -mhe=on "$out/encrypted__7z-encrypted-headers.7z" "$tmp/report.txt" >/dev/null
7z a -psecret -mhe=off "$out/encrypted__7z-encrypted-data.7z" "$tmp/report.txt" >/dev/null
7z a "$out/unsupported__7z-plain.7z" "$tmp/report.txt" >/dev/null
# With many files 7z compresses its header (LZMA), which hides the encrypted data's coder.
mkdir -p "$tmp/many"
for i in $(seq 1 60); do echo "synthetic note $i" > "$tmp/many/note$i.txt"; done
7z a -psecret -mhe=off "$out/encrypted__7z-encrypted-data-compressed-header.7z" "$tmp/many" >/dev/null
7z a "$out/unsupported__7z-plain-compressed-header.7z" "$tmp/many" >/dev/null

# Other files: a program, an unknown binary, plain text, and text with a password in it.
printf 'MZ\x90\x00\x03\x00\x00\x00' > "$out/unsupported__windows-program.exe"
head -c 256 /dev/zero | tr '\0' '\377' > "$out/unsupported__unknown.bin"
printf 'Notes from the phone call: mum is happy with the plan.\n' > "$out/ok__notes.txt"
printf 'Report attached. The password: Robin2015 opens it.\n' > "$out/ok-credentials__password-in-text.txt"
# The same sentence in a PDF's text layer (LibreOffice's PDF export): found as a reader shows it.
printf 'Progress report.\nReport attached. The password: Robin2015 opens it.\n' > "$tmp/with-password.txt"
lo --convert-to pdf --outdir "$tmp" "$tmp/with-password.txt"
cp "$tmp/with-password.pdf" "$out/ok-credentials__password-in-pdf-text.pdf"
echo "built $(ls "$out" | wc -l) files in $out"
