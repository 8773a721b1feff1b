/* verify.c — reads a written .xlsx back (see verify.h): the zip directory
 * and every member (inflated with zlib, CRC checked), the XML of each part. */
#include "annex/verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

/* Little-endian integers of a zip header. */
static unsigned rd16(const unsigned char *p) { return (unsigned)p[0] | (unsigned)p[1] << 8; }
static unsigned long rd32(const unsigned char *p)
{
    return (unsigned long)rd16(p) | (unsigned long)rd16(p + 2) << 16;
}

/* Whether c is XML white space. */
static int xml_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

/* Whether c may be part of an element or attribute name. */
static int xml_name_char(char c)
{
    return c && !xml_space(c) && !strchr("<>/=\"'&", c);
}

/* Whether code point c may appear in an XML 1.0 document (the Char
 * production: tab, line feed, carriage return, U+0020 to U+D7FF, U+E000 to
 * U+FFFD, U+10000 to U+10FFFF). */
static int xml_char(unsigned long c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Whether s[0..n) is UTF-8 of XML characters only (a spreadsheet refuses a
 * part with a control character, U+FFFF or a byte that is not UTF-8). */
static int xml_chars_ok(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned long c = u[i];
        size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                                 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (!len || i + len > n)
            return 0;
        if (len > 1) {
            c &= 0x3F >> (len - 1);
            for (size_t k = 1; k < len; k++) {
                if ((u[i + k] & 0xC0) != 0x80)
                    return 0;
                c = c << 6 | (u[i + k] & 0x3F);
            }
            /* overlong forms and surrogates are not UTF-8 */
            if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
                (c >= 0xD800 && c <= 0xDFFF))
                return 0;
        }
        if (!xml_char(c))
            return 0;
        i += len;
    }
    return 1;
}

/* Whether the character reference at s (after "&#", up to ';') names an
 * XML character. */
static int char_ref_ok(const char *s, size_t n)
{
    unsigned long c = 0;
    int hex = n && (s[0] == 'x' || s[0] == 'X');
    size_t i = (size_t)hex;
    if (i >= n)
        return 0;
    for (; i < n; i++) {
        int d = s[i] >= '0' && s[i] <= '9'             ? s[i] - '0'
                : hex && s[i] >= 'a' && s[i] <= 'f'    ? s[i] - 'a' + 10
                : hex && s[i] >= 'A' && s[i] <= 'F'    ? s[i] - 'A' + 10
                                                       : -1;
        if (d < 0)
            return 0;
        c = c * (hex ? 16 : 10) + (unsigned long)d;
        if (c > 0x10FFFF)
            return 0;
    }
    return xml_char(c);
}

int annex_xml_well_formed(const char *s, size_t n)
{
    if (!xml_chars_ok(s, n))
        return 0;
    enum { DEPTH = 64 };
    const char *name[DEPTH];
    size_t len[DEPTH];
    int depth = 0, roots = 0;
    size_t i = 0;
    while (i < n) {
        if (s[i] == '&') {           /* &name; or &#123; */
            size_t k = i + 1;
            while (k < n && (xml_name_char(s[k]) || s[k] == '#') && s[k] != ';')
                k++;
            if (k >= n || s[k] != ';' || k == i + 1 || !depth)
                return 0;
            if (s[i + 1] == '#' && !char_ref_ok(s + i + 2, k - i - 2))
                return 0;
            i = k + 1;
            continue;
        }
        if (s[i] != '<') {
            if (!depth && !xml_space(s[i]))
                return 0;
            if (s[i] == '>')
                return 0;
            i++;
            continue;
        }
        if (i + 1 < n && (s[i + 1] == '?' || s[i + 1] == '!')) {
            const char *end = i + 9 <= n && !memcmp(s + i, "<![CDATA[", 9) ? "]]>"
                              : i + 4 <= n && !memcmp(s + i, "<!--", 4)    ? "-->"
                              : s[i + 1] == '?'                             ? "?>"
                                                                            : ">";
            size_t el = strlen(end), j = i + 2;
            while (j + el <= n && memcmp(s + j, end, el))
                j++;
            if (j + el > n)
                return 0;
            i = j + el;
            continue;
        }
        int closing = i + 1 < n && s[i + 1] == '/';
        size_t k = i + 1 + (size_t)closing, start = k;
        while (k < n && xml_name_char(s[k]))
            k++;
        size_t nl = k - start;
        if (!nl)
            return 0;
        int self = 0;
        for (;;) {                   /* attributes, to the end of the tag */
            while (k < n && xml_space(s[k]))
                k++;
            if (k >= n)
                return 0;
            if (s[k] == '>')
                break;
            if (!closing && s[k] == '/' && k + 1 < n && s[k + 1] == '>') {
                self = 1;
                k++;
                break;
            }
            if (closing || !xml_name_char(s[k]))
                return 0;
            while (k < n && xml_name_char(s[k]))
                k++;
            while (k < n && xml_space(s[k]))
                k++;
            if (k >= n || s[k] != '=')
                return 0;
            k++;
            while (k < n && xml_space(s[k]))
                k++;
            if (k >= n || (s[k] != '"' && s[k] != '\''))
                return 0;
            char q = s[k++];
            while (k < n && s[k] != q && s[k] != '<')
                k++;
            if (k >= n || s[k] != q)
                return 0;
            k++;
        }
        if (closing) {
            if (!depth || len[depth - 1] != nl || memcmp(name[depth - 1], s + start, nl))
                return 0;
            depth--;
        } else {
            if (!depth && roots++)
                return 0;
            if (!self) {
                if (depth == DEPTH)
                    return 0;
                name[depth] = s + start;
                len[depth++] = nl;
            }
        }
        i = k + 1;
    }
    return depth == 0 && roots == 1;
}

int annex_verify_xlsx(const char *path, int n_sheets, char *why, size_t why_len)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *zip = NULL;
    size_t n = 0;
    int ok = 0;
    if (fp && fseek(fp, 0, SEEK_END) == 0) {
        long size = ftell(fp);
        if (size > 22 && fseek(fp, 0, SEEK_SET) == 0 && (zip = malloc((size_t)size)) &&
            fread(zip, 1, (size_t)size, fp) == (size_t)size) {
            n = (size_t)size;
            ok = 1;
        }
    }
    if (fp)
        fclose(fp);
    if (!ok) {
        free(zip);
        snprintf(why, why_len, "le fichier écrit ne peut pas être relu");
        return -1;
    }
    /* end of central directory record */
    size_t e = n - 22, stop = n > 22 + 65535 ? n - 22 - 65535 : 0;
    while (e > stop && rd32(zip + e) != 0x06054b50UL)
        e--;
    int found = 0, bad = rd32(zip + e) != 0x06054b50UL;
    unsigned entries = bad ? 0 : rd16(zip + e + 10);
    size_t p = bad ? 0 : rd32(zip + e + 16);
    const char *problem = bad ? "archive incomplète" : NULL;
    for (unsigned k = 0; !problem && k < entries; k++) {
        if (p + 46 > n || rd32(zip + p) != 0x02014b50UL) {
            problem = "répertoire de l'archive illisible";
            break;
        }
        unsigned method = rd16(zip + p + 10), nl = rd16(zip + p + 28);
        unsigned long crc = rd32(zip + p + 16), csize = rd32(zip + p + 20),
                      usize = rd32(zip + p + 24);
        size_t local = rd32(zip + p + 42);
        const char *nm = (const char *)zip + p + 46;
        if (p + 46 + nl > n || local + 30 > n || rd32(zip + local) != 0x04034b50UL) {
            problem = "en-tête de l'archive illisible";
            break;
        }
        size_t data = local + 30 + rd16(zip + local + 26) + rd16(zip + local + 28);
        if (data + csize > n) {
            problem = "archive tronquée";
            break;
        }
        unsigned char *out = malloc(usize + 1);
        if (!out) {
            problem = "mémoire insuffisante";
            break;
        }
        int inflated = 0;
        if (method == 0 && csize == usize) {
            memcpy(out, zip + data, usize);
            inflated = 1;
        } else if (method == 8) {
            z_stream z;
            memset(&z, 0, sizeof z);
            if (inflateInit2(&z, -MAX_WBITS) == Z_OK) {
                z.next_in = zip + data;
                z.avail_in = (uInt)csize;
                z.next_out = out;
                z.avail_out = (uInt)usize;
                inflated = inflate(&z, Z_FINISH) == Z_STREAM_END && z.total_out == usize;
                inflateEnd(&z);
            }
        }
        if (!inflated || crc32(0L, out, (uInt)usize) != crc)
            problem = "membre de l'archive corrompu";
        else if (nl > 4 && (!memcmp(nm + nl - 4, ".xml", 4) || !memcmp(nm + nl - 5, ".rels", 5)) &&
                 !annex_xml_well_formed((const char *)out, usize))
            problem = "partie XML incomplète";
        free(out);
        /* the parts that must be there */
        char want[40];
        if (nl == 15 && !memcmp(nm, "xl/workbook.xml", 15))
            found++;
        for (int sh = 1; sh <= n_sheets; sh++) {
            int wl = snprintf(want, sizeof want, "xl/worksheets/sheet%d.xml", sh);
            if ((unsigned)wl == nl && !memcmp(nm, want, nl))
                found++;
        }
        p += 46 + nl + rd16(zip + p + 30) + rd16(zip + p + 32);
    }
    free(zip);
    if (!problem && found != n_sheets + 1)
        problem = "feuilles manquantes dans l'archive";
    if (problem) {
        snprintf(why, why_len, "fichier écrit invalide (%s)", problem);
        return -1;
    }
    return 0;
}
