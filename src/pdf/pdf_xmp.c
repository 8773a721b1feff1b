/* pdf_xmp.c — the XMP metadata packet (see pdf_xmp.h). */
#include "pdf/pdf_xmp.h"

#include <string.h>
#include <time.h>

#include "base/util.h"

/* Append `s` escaped for XML text and attribute values. */
static void put_xml(pr_strbuf *sb, const char *s)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        switch (ch) {
        case '&': pr_sb_puts(sb, "&amp;"); break;
        case '<': pr_sb_puts(sb, "&lt;"); break;
        case '>': pr_sb_puts(sb, "&gt;"); break;
        case '"': pr_sb_puts(sb, "&quot;"); break;
        default:
            if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r')
                pr_sb_putc(sb, (char)ch);
            break;
        }
    }
}

/* Unix time as an XMP date (UTC): 2024-05-01T00:00:00Z. */
static void put_date(pr_strbuf *sb, long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm))
        memset(&tm, 0, sizeof tm), tm.tm_year = 70, tm.tm_mday = 1;
    pr_sb_printf(sb, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* <tag><rdf:Alt><rdf:li xml:lang="x-default">text</rdf:li></rdf:Alt></tag> */
static void put_alt(pr_strbuf *sb, const char *tag, const char *text)
{
    pr_sb_printf(sb, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", tag);
    put_xml(sb, text);
    pr_sb_printf(sb, "</rdf:li></rdf:Alt></%s>\n", tag);
}

/* <tag>text</tag> */
static void put_simple(pr_strbuf *sb, const char *tag, const char *text)
{
    pr_sb_printf(sb, "   <%s>", tag);
    put_xml(sb, text);
    pr_sb_printf(sb, "</%s>\n", tag);
}

char *pr_pdf_xmp(const pr_doc_info *info, const char *lang, const char *producer)
{
    pr_strbuf sb = {0};
    pr_sb_puts(&sb, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    pr_sb_puts(&sb, "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                    "   <pdfaid:part>1</pdfaid:part>\n"
                    "   <pdfaid:conformance>A</pdfaid:conformance>\n"
                    "  </rdf:Description>\n"
                    "  <rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                    "   <pdfuaid:part>1</pdfuaid:part>\n"
                    "  </rdf:Description>\n");
    pr_sb_puts(&sb, "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                    "   <dc:format>application/pdf</dc:format>\n");
    if (info->title)
        put_alt(&sb, "dc:title", info->title);
    if (info->author) {
        pr_sb_puts(&sb, "   <dc:creator><rdf:Seq><rdf:li>");
        put_xml(&sb, info->author);
        pr_sb_puts(&sb, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if (info->subject)
        put_alt(&sb, "dc:description", info->subject);
    if (lang && *lang) {
        pr_sb_puts(&sb, "   <dc:language><rdf:Bag><rdf:li>");
        put_xml(&sb, lang);
        pr_sb_puts(&sb, "</rdf:li></rdf:Bag></dc:language>\n");
    }
    pr_sb_puts(&sb, "  </rdf:Description>\n");
    pr_sb_puts(&sb, "  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
    if (info->creator)
        put_simple(&sb, "xmp:CreatorTool", info->creator);
    if (info->created >= 0) {
        pr_sb_puts(&sb, "   <xmp:CreateDate>");
        put_date(&sb, info->created);
        pr_sb_puts(&sb, "</xmp:CreateDate>\n   <xmp:ModifyDate>");
        put_date(&sb, info->created);
        pr_sb_puts(&sb, "</xmp:ModifyDate>\n");
    }
    pr_sb_puts(&sb, "  </rdf:Description>\n");
    pr_sb_puts(&sb, "  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
    if (producer)
        put_simple(&sb, "pdf:Producer", producer);
    if (info->keywords)
        put_simple(&sb, "pdf:Keywords", info->keywords);
    pr_sb_puts(&sb, "  </rdf:Description>\n");
    /* PDF/A-1 knows pdfaid, dc, xmp and pdf; pdfuaid is described here */
    pr_sb_puts(&sb,
               "  <rdf:Description rdf:about=\"\""
               " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
               " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""
               " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
               "   <pdfaExtension:schemas>\n"
               "    <rdf:Bag>\n"
               "     <rdf:li rdf:parseType=\"Resource\">\n"
               "      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
               "      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
               "      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
               "      <pdfaSchema:property>\n"
               "       <rdf:Seq>\n"
               "        <rdf:li rdf:parseType=\"Resource\">\n"
               "         <pdfaProperty:name>part</pdfaProperty:name>\n"
               "         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
               "         <pdfaProperty:category>internal</pdfaProperty:category>\n"
               "         <pdfaProperty:description>Part of ISO 14289 the document conforms to</pdfaProperty:description>\n"
               "        </rdf:li>\n"
               "       </rdf:Seq>\n"
               "      </pdfaSchema:property>\n"
               "     </rdf:li>\n"
               "    </rdf:Bag>\n"
               "   </pdfaExtension:schemas>\n"
               "  </rdf:Description>\n");
    pr_sb_puts(&sb, " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    return pr_sb_steal(&sb);
}
