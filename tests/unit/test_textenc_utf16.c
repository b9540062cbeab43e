/* UTF-16 text without a byte-order mark (some exports write none) is read,
 * not refused as binary. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "core/textenc.h"

static void test_utf16le_without_bom_is_detected(void **state)
{
    (void)state;
    /* "学号,a\n" in UTF-16LE */
    const unsigned char le[] = {0x66, 0x5B, 0xF7, 0x53, ',', 0, 'a', 0, '\n', 0};
    char *out;
    size_t n;
    const char *enc;
    gb_err err;
    assert_int_equal(gb_text_to_utf8(le, sizeof le, &out, &n, &enc, &err), 0);
    assert_string_equal(out, "学号,a\n");
    assert_string_equal(enc, "UTF-16LE (no BOM)");
    free(out);
    const unsigned char be[] = {0x5B, 0x66, 0x53, 0xF7, 0, ',', 0, 'a', 0, '\n'};
    assert_int_equal(gb_text_to_utf8(be, sizeof be, &out, &n, &enc, &err), 0);
    assert_string_equal(out, "学号,a\n");
    free(out);
    /* binary with scattered NULs is still refused */
    const unsigned char junk[] = {0x89, 'P', 'N', 'G', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
    assert_int_equal(gb_text_to_utf8(junk, sizeof junk, &out, &n, &enc, &err), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf16le_without_bom_is_detected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
