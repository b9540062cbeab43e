#include "core/code.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/textenc.h"
#include "core/validate.h"

static void sha256_hex8(const char *data, size_t len, char out[9])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)data, len);
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 4; i++) {
        out[2 * i] = hex[h[i] >> 4];
        out[2 * i + 1] = hex[h[i] & 15];
    }
    out[8] = 0;
}

static unsigned char fp_key[crypto_generichash_KEYBYTES];
static int fp_keyed;

void gb_code_fingerprint_key(const unsigned char key[32])
{
    /* a key of its own, derived, so the kiosk's signing key is not used
     * for a second purpose */
    static const char ctx[] = "gradbooth-code-tag";
    crypto_generichash(fp_key, sizeof fp_key, (const unsigned char *)ctx, sizeof ctx - 1, key, 32);
    fp_keyed = 1;
}

void gb_code_fingerprint(const char *payload, size_t len, char out[9])
{
    if (fp_keyed) {
        unsigned char h[16];
        crypto_generichash(h, sizeof h, (const unsigned char *)payload, len, fp_key, sizeof fp_key);
        static const char hex[] = "0123456789abcdef";
        for (int i = 0; i < 4; i++) {
            out[2 * i] = hex[h[i] >> 4];
            out[2 * i + 1] = hex[h[i] & 15];
        }
        out[8] = 0;
        return;
    }
    /* A fixed prefix keeps the tag from equalling the test format's check. */
    char buf[600];
    int n = snprintf(buf, sizeof buf, "gradbooth-code-tag:");
    size_t take = len < sizeof buf - (size_t)n ? len : sizeof buf - (size_t)n;
    memcpy(buf + n, payload, take);
    sha256_hex8(buf, (size_t)n + take, out);
    sodium_memzero(buf, sizeof buf);
}

int gb_code_test_encode(const char *student_no, const char *name_masked, const char *id_masked, char *buf,
                        size_t size)
{
    int n = snprintf(buf, size, "GBT1|%s|%s|%s|", student_no, name_masked, id_masked);
    if (n < 0 || (size_t)n + 9 > size)
        return -1;
    sha256_hex8(buf, (size_t)n - 1, buf + n);
    return 0;
}

/* Copies field i (0-based) of a '|'-separated payload. */
static int field(const char *p, size_t len, int i, char *out, size_t size)
{
    size_t start = 0;
    for (int k = 0; k < i; k++) {
        const char *bar = memchr(p + start, '|', len - start);
        if (!bar)
            return -1;
        start = (size_t)(bar - p) + 1;
    }
    const char *bar = memchr(p + start, '|', len - start);
    size_t end = bar ? (size_t)(bar - p) : len;
    if (end - start >= size)
        return -1;
    memcpy(out, p + start, end - start);
    out[end - start] = 0;
    return 0;
}

/* Anything that starts with the format's mark is taken for a collection
 * code: what goes wrong after the mark is damage (a partial read, a typo),
 * and the student is told to try again rather than that it is the wrong
 * kind of code. */
static gb_code_status test_decode(const char *p, size_t len, gb_code_identity *out, gb_err *err)
{
    memset(out, 0, sizeof *out);
    if (len < 5 || memcmp(p, "GBT1|", 5) != 0) {
        gb_err_set(err, "not a collection code this kiosk can read (test format expected)");
        return GB_CODE_NOT_A_CODE;
    }
    if (len > 512) {
        gb_err_set(err, "the code is damaged (too long)");
        return GB_CODE_DAMAGED;
    }
    if (!gb_utf8_valid((const unsigned char *)p, len, NULL) || memchr(p, 0, len)) {
        gb_err_set(err, "the code is damaged (not text)");
        return GB_CODE_DAMAGED;
    }
    char check[16];
    const char *last = NULL;
    for (size_t i = len; i > 0; i--)
        if (p[i - 1] == '|') {
            last = p + i - 1;
            break;
        }
    int bars = 0;
    for (size_t i = 0; i < len; i++)
        bars += p[i] == '|';
    if (bars != 4 || field(p, len, 4, check, sizeof check) < 0 || strlen(check) != 8) {
        gb_err_set(err, "the code is damaged (wrong number of parts); scan the original, not a screenshot");
        return GB_CODE_DAMAGED;
    }
    char want[9];
    sha256_hex8(p, (size_t)(last - p), want);
    if (strcmp(want, check) != 0) {
        gb_err_set(err, "the code is damaged (its check does not match); scan the original, not a screenshot");
        return GB_CODE_DAMAGED;
    }
    if (field(p, len, 1, out->student_no, sizeof out->student_no) < 0 || !gb_valid_student_no(out->student_no) ||
        field(p, len, 2, out->name_masked, sizeof out->name_masked) < 0 ||
        field(p, len, 3, out->id_masked, sizeof out->id_masked) < 0) {
        memset(out, 0, sizeof *out);
        gb_err_set(err, "the code is damaged (its student part is not valid)");
        return GB_CODE_DAMAGED;
    }
    return GB_CODE_OK;
}

static const gb_code_decoder test_decoder = {"test", test_decode};

const gb_code_decoder *gb_code_decoder_builtin(const char *name)
{
    if (name && strcmp(name, "test") == 0)
        return &test_decoder;
    return NULL;
}
