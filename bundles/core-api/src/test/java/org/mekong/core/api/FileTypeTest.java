package org.mekong.core.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.Test;

/** The shared upload check: office containers, zip bombs, PDF and image polyglots (issue 14 #18). */
public class FileTypeTest {
    private static final Set<String> ALL = FileType.TYPES.keySet();
    private static final long MAX = 10L * 1024 * 1024;
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    /** Stands for 200 MiB of zeros, written in chunks. */
    private static final byte[] BOMB = new byte[0];

    // ------------------------------------------------------------------ office containers

    @Test
    public void anOrdinaryWordWorkbookAndOpenDocumentPass() throws IOException {
        assertEquals(DOCX, check("bao-cao.docx", docx(Map.of("word/media/image1.png", png(64)))));
        Map<String, byte[]> sheet = new LinkedHashMap<>();
        sheet.put("[Content_Types].xml", bytes("<Types/>"));
        sheet.put("_rels/.rels", bytes("<Relationships/>"));
        sheet.put("xl/workbook.xml", bytes("<workbook/>"));
        sheet.put("xl/worksheets/sheet1.xml", bytes("<worksheet/>"));
        sheet.put("xl/printerSettings/printerSettings1.bin", new byte[] { 1, 2, 3 });
        assertEquals(FileType.TYPES.get("xlsx"), check("so-lieu.xlsx", zip(sheet)));
        assertEquals(FileType.TYPES.get("odt"), check("to-trinh.odt", odt(Map.of())));
        // a chart's workbook embedded in a document is inspected in turn
        assertEquals(DOCX, check("bieu-do.docx", docx(Map.of("word/embeddings/Microsoft_Excel_Worksheet.xlsx",
                docx(Map.of())))));
    }

    @Test
    public void anExecutableOrScriptInsideADocumentIsRefused() throws IOException {
        refused("setup.exe", check400("bao-cao.docx", docx(Map.of("word/media/setup.exe", new byte[] { 'M', 'Z' }))));
        refused("run.js", check400("bao-cao.docx", docx(Map.of("word/run.js", bytes("WScript.Echo(1)")))));
        refused("x.vbs", check400("bao-cao.docx", docx(Map.of("x.vbs", bytes("MsgBox 1")))));
        refused("lib.dll", check400("so-lieu.xlsx", docx(Map.of("xl/lib.dll", new byte[] { 'M', 'Z' }))));
        refused("vbaProject.bin", check400("bao-cao.docx", docx(Map.of("word/vbaProject.bin", new byte[] { 1 }))));
        refused("oleObject1.bin", check400("bao-cao.docx", docx(Map.of("word/embeddings/oleObject1.bin", new byte[] { 1 }))));
        refused("activeX", check400("bao-cao.docx", docx(Map.of("word/activeX/activeX1.xml", bytes("<ax/>")))));
        refused("Basic/", check400("to-trinh.odt", odt(Map.of("Basic/Standard/Module1.xml", bytes("<m/>")))));
        refused("setup.exe", check400("bieu-do.docx", docx(Map.of("word/embeddings/Book1.xlsx",
                docx(Map.of("xl/setup.exe", new byte[] { 'M', 'Z' }))))));
    }

    @Test
    public void pathTricksDuplicatesAndMissingPartsAreRefused() throws IOException {
        refused("unsafe name", check400("a.docx", docx(Map.of("../../etc/cron.d/x.xml", bytes("<x/>")))));
        refused("unsafe name", check400("a.docx", docx(Map.of("/abs.xml", bytes("<x/>")))));
        refused("[Content_Types].xml", check400("a.docx", zip(Map.of("word/document.xml", bytes("<w/>")))));
        refused("mimetype", check400("a.odt", zip(Map.of("content.xml", bytes("<c/>")))));
        // the central directory (what Word opens) names another entry than the local headers
        byte[] z = docx(Map.of("word/aaaa.xml", bytes("<a/>")));
        byte[] name = bytes("word/aaaa.xml");
        int at = lastIndexOf(z, name);
        System.arraycopy(bytes("word/aaaa.exe"), 0, z, at, name.length);
        refused("central directory", check400("a.docx", z));
        refused("unreadable zip", check400("a.docx", new byte[] { 'P', 'K', 3, 4, 0, 0 }));
    }

    @Test
    public void zipBombsAreRefusedWithoutInflatingThemWhole() throws IOException {
        // 200 MiB of zeros is about 200 KiB compressed: the ratio bound stops it after a few MiB
        long start = System.nanoTime();
        refused("compressed more than 100:1", check400("bomb.docx", docx(Map.of("word/filler.xml", BOMB))));
        assertTrue("stopped early", System.nanoTime() - start < 5_000_000_000L);
        // more than 100 MiB in total at a ratio under 100:1
        refused("more than 100 MiB", check400("big.docx", docx(Map.of("word/big.xml", sparse(110 * 1024 * 1024)))));
        Map<String, byte[]> many = new LinkedHashMap<>();
        many.put("[Content_Types].xml", bytes("<Types/>"));
        for (int i = 0; i < OfficeContainer.MAX_ENTRIES + 1; i++) {
            many.put("word/p" + i + ".xml", bytes("<p/>"));
        }
        refused("more than 2000 entries", check400("many.docx", zip(many)));
    }

    // ------------------------------------------------------------------ PDFs and images

    @Test
    public void aPlainPdfAndImagesPass() {
        assertEquals("application/pdf", check("scan.pdf", bytes("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> "
                + "endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 /JSON-like-name 1 >> endobj\n%%EOF")));
        assertEquals("image/png", check("anh.png", png(4096)));
        byte[] late = png(4096);
        System.arraycopy(bytes("<html>"), 0, late, 2000, 6);
        assertEquals("past the first KiB a browser does not sniff", "image/png", check("anh.png", late));
        assertEquals("text stays text", "text/plain", check("ghi-chu.txt", bytes("<html><script>x</script>")));
    }

    @Test
    public void pdfHtmlPolyglotsAndPdfActionsAreRefused() {
        refused("<html", check400("scan.pdf", bytes("%PDF-1.7\n<html><body>hi</body></html>")));
        refused("<script", check400("scan.pdf", bytes("%PDF-1.7\n" + "x".repeat(5000) + "<SCRIPT>alert(1)</SCRIPT>")));
        refused("/JavaScript", check400("scan.pdf", bytes("%PDF-1.4\n<< /OpenAction << /S /JavaScript >> >>")));
        refused("/JS", check400("scan.pdf", bytes("%PDF-1.4\n<< /AA << /O << /JS (app.alert(1)) >> >> >>")));
        refused("/JS", check400("scan.pdf", bytes("%PDF-1.4\n<< /J#53 (app.alert(1)) >>")));
        refused("/Launch", check400("scan.pdf", bytes("%PDF-1.4\n<< /S /Launch /F (cmd.exe) >>")));
        refused("/EmbeddedFile", check400("scan.pdf", bytes("%PDF-1.4\n<< /Type /EmbeddedFile /Length 3 >>")));
    }

    @Test
    public void activeContentHiddenInACompressedObjectStreamIsFound() throws IOException {
        byte[] hidden = pdfWithStream("1 0 << /S /JavaScript /J#53 (app.alert(1)) >>");
        refused("in a compressed stream", check400("scan.pdf", hidden));
        assertEquals("a compressed page of text passes", "application/pdf",
                check("scan.pdf", pdfWithStream("BT /F1 12 Tf (Bao cao quy 3) Tj ET")));
    }

    /** A PDF with one deflated stream holding the text. */
    private static byte[] pdfWithStream(String text) throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(packed)) {
            d.write(bytes(text));
        }
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        pdf.write(bytes("%PDF-1.7\n5 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length "
                + packed.size() + " >>\nstream\r\n"));
        pdf.write(packed.toByteArray());
        pdf.write(bytes("\nendstream\nendobj\n%%EOF"));
        return pdf.toByteArray();
    }

    @Test
    public void imagesWithHtmlInTheirFirstKilobyteAreRefused() {
        byte[] p = png(2048);
        System.arraycopy(bytes("<script>alert(1)</script>"), 0, p, 300, 25);
        refused("<script", check400("anh.png", p));
        byte[] j = new byte[1500];
        j[0] = (byte) 0xFF;
        j[1] = (byte) 0xD8;
        j[2] = (byte) 0xFF;
        System.arraycopy(bytes("<!DOCTYPE html>"), 0, j, 20, 15);
        refused("<!doctype", check400("anh.jpg", j));
    }

    // ------------------------------------------------------------------ helpers

    private static String check(String name, byte[] content) {
        return FileType.check("file", name, null, content, MAX, ALL);
    }

    private static InvalidInputException check400(String name, byte[] content) {
        try {
            FileType.check("file", name, null, content, MAX, ALL);
        } catch (InvalidInputException e) {
            assertEquals("file", e.details().get(0).field());
            return e;
        }
        fail(name + " was accepted");
        return null;
    }

    private static void refused(String expected, InvalidInputException e) {
        assertTrue(e.getMessage(), e.getMessage().contains(expected));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] png(int size) {
        byte[] b = new byte[size];
        System.arraycopy(new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 }, 0, b, 0, 8);
        return b;
    }

    /** Mostly zeros with a 2 % sprinkle of ones: compresses well, yet under 100:1. */
    private static byte[] sparse(int size) {
        byte[] b = new byte[size];
        Random r = new Random(14);
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (r.nextInt(50) == 0 ? '1' : '0');
        }
        return b;
    }

    /** A Word document: content types, relationships, body and the given parts ({@link #BOMB}: 200 MiB of zeros). */
    static byte[] docx(Map<String, byte[]> extra) throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", bytes("<Types/>"));
        parts.put("_rels/.rels", bytes("<Relationships/>"));
        parts.put("word/document.xml", bytes("<w:document/>"));
        parts.putAll(extra);
        return zip(parts);
    }

    private static byte[] odt(Map<String, byte[]> extra) throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("mimetype", bytes("application/vnd.oasis.opendocument.text"));
        parts.put("META-INF/manifest.xml", bytes("<manifest:manifest/>"));
        parts.put("content.xml", bytes("<office:document-content/>"));
        parts.put("Thumbnails/thumbnail.png", png(16));
        parts.putAll(extra);
        return zip(parts);
    }

    private static byte[] zip(Map<String, byte[]> parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : parts.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                if (e.getValue() == BOMB) {
                    byte[] zeros = new byte[1024 * 1024];
                    for (int i = 0; i < 200; i++) {
                        z.write(zeros);
                    }
                } else {
                    z.write(e.getValue());
                }
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static int lastIndexOf(byte[] b, byte[] word) {
        for (int i = b.length - word.length; i >= 0; i--) {
            boolean same = true;
            for (int k = 0; k < word.length && same; k++) {
                same = b[i + k] == word[k];
            }
            if (same) {
                return i;
            }
        }
        return -1;
    }
}
