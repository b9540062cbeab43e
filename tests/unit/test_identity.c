/* The collection-code test decoder and the offline identity check: each
 * refusal names the check that failed. */
#include "testutil.h"

#include <string.h>

#include "core/code.h"
#include "core/identity.h"

static gb_batch open_batch(void)
{
    gb_batch b = {.active = 1, .price_fen = 2000};
    strcpy(b.batch_no, "2026BJ01");
    strcpy(b.window_start, "2026-12-01 08:00");
    strcpy(b.window_end, "2026-12-20 18:00");
    strcpy(b.backdrop, "blue");
    return b;
}

static gb_identity_input good_input(const gb_batch *b)
{
    return (gb_identity_input){.batch = b,
                               .student_found = 1,
                               .roster_id_last4 = "123X",
                               .roster_feature_code = "",
                               .typed_id_last4 = "123x",
                               .typed_feature_code = "",
                               .now = "2026-12-03 10:00"};
}

static void test_each_check_names_its_failure(void **state)
{
    (void)state;
    gb_batch b = open_batch();
    gb_identity_input in = good_input(&b);
    assert_int_equal(gb_identity_check(&in), GB_ID_OK); /* lower-case x matches X */

    in.batch = NULL;
    assert_int_equal(gb_identity_check(&in), GB_ID_BATCH_UNKNOWN);
    in = good_input(&b);
    b.active = 0;
    assert_int_equal(gb_identity_check(&in), GB_ID_BATCH_INACTIVE);
    b.active = 1;
    in.now = "2026-11-30 23:59";
    assert_int_equal(gb_identity_check(&in), GB_ID_BATCH_NOT_OPEN);
    in.now = "2026-12-20 18:00"; /* the end is exclusive */
    assert_int_equal(gb_identity_check(&in), GB_ID_BATCH_CLOSED);
    in = good_input(&b);
    in.student_found = 0;
    assert_int_equal(gb_identity_check(&in), GB_ID_NOT_IN_BATCH);
    in = good_input(&b);
    in.typed_id_last4 = "1234";
    assert_int_equal(gb_identity_check(&in), GB_ID_SUFFIX_MISMATCH);
    in.typed_id_last4 = "123";
    assert_int_equal(gb_identity_check(&in), GB_ID_SUFFIX_MISMATCH);
    in = good_input(&b);
    in.has_approved_order = 1;
    assert_int_equal(gb_identity_check(&in), GB_ID_ALREADY_APPROVED);
    assert_string_equal(gb_identity_result_name(GB_ID_ALREADY_APPROVED), "already_approved");
}

static void test_feature_code_only_when_the_batch_requires_it(void **state)
{
    (void)state;
    gb_batch b = open_batch();
    gb_identity_input in = good_input(&b);
    in.typed_feature_code = "WRONG";
    assert_int_equal(gb_identity_check(&in), GB_ID_OK);
    b.feature_code_required = 1;
    in.roster_feature_code = "AB12";
    assert_int_equal(gb_identity_check(&in), GB_ID_FEATURE_CODE_MISMATCH);
    in.typed_feature_code = "AB12";
    assert_int_equal(gb_identity_check(&in), GB_ID_OK);
    in.roster_feature_code = ""; /* the school forgot it: never matches an empty typing */
    in.typed_feature_code = "";
    assert_int_equal(gb_identity_check(&in), GB_ID_FEATURE_CODE_MISMATCH);
}

static void test_test_decoder_round_trip(void **state)
{
    (void)state;
    char payload[256];
    assert_int_equal(gb_code_test_encode("2022010101", "王*明", "1101**********1234", payload, sizeof payload), 0);
    assert_true(strncmp(payload, "GBT1|2022010101|王*明|1101**********1234|", strlen("GBT1|2022010101|王*明|1101**********1234|")) == 0);
    const gb_code_decoder *d = gb_code_decoder_builtin("test");
    assert_non_null(d);
    assert_null(gb_code_decoder_builtin("chsi"));
    gb_code_identity id;
    gb_err err;
    assert_int_equal(d->decode(payload, strlen(payload), &id, &err), 0);
    assert_string_equal(id.student_no, "2022010101");
    assert_string_equal(id.name_masked, "王*明");
    assert_string_equal(id.id_masked, "1101**********1234");
}

static void test_test_decoder_refuses_damage_without_echoing(void **state)
{
    (void)state;
    const gb_code_decoder *d = gb_code_decoder_builtin("test");
    char payload[256];
    gb_code_test_encode("2022010101", "王*明", "", payload, sizeof payload);
    gb_code_identity id;
    gb_err err;
    /* one character changed: the check no longer matches */
    char bad[256];
    strcpy(bad, payload);
    bad[6] = '9';
    assert_int_equal(d->decode(bad, strlen(bad), &id, &err), GB_CODE_DAMAGED);
    assert_non_null(strstr(err.msg, "check does not match"));
    assert_null(strstr(err.msg, "2022010101"));
    assert_null(strstr(err.msg, "9022010101"));
    assert_string_equal(id.student_no, "");
    /* cut short */
    assert_int_equal(d->decode(payload, 20, &id, &err), GB_CODE_DAMAGED);
    assert_non_null(strstr(err.msg, "damaged"));
    /* someone else's QR code: not damaged, the wrong kind */
    assert_int_equal(d->decode("https://weixin.qq.com/x", 23, &id, &err), GB_CODE_NOT_A_CODE);
    assert_non_null(strstr(err.msg, "not a collection code"));
    /* the mark alone, or less of it: not a collection code either */
    assert_int_equal(d->decode("GBT1", 4, &id, &err), GB_CODE_NOT_A_CODE);
    assert_int_equal(d->decode("", 0, &id, &err), GB_CODE_NOT_A_CODE);
    /* binary junk with the right prefix: a damaged read */
    const char junk[] = "GBT1|\xff\xfe|a|b|00000000";
    assert_int_equal(d->decode(junk, sizeof junk - 1, &id, &err), GB_CODE_DAMAGED);
    /* the right prefix, far too long (a read that ran on) */
    char longp[700];
    memset(longp, 'a', sizeof longp);
    memcpy(longp, "GBT1|", 5);
    assert_int_equal(d->decode(longp, sizeof longp, &id, &err), GB_CODE_DAMAGED);
}

static void test_fingerprint_is_stable_and_reveals_nothing(void **state)
{
    (void)state;
    char a[9], b[9], c[9];
    const char *p = "GBT1|2022010101|王*明||1a2b3c4d";
    gb_code_fingerprint(p, strlen(p), a);
    gb_code_fingerprint(p, strlen(p), b);
    gb_code_fingerprint("GBT1|2022010102|王*明||1a2b3c4d", strlen(p), c);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_int_equal(strlen(a), 8);
    assert_null(strstr(p, a));
}

/* Keyed, the tag is not the unkeyed one anyone could recompute from a
 * guessed code, stays the same for one key and differs between kiosks. */
static void test_fingerprint_keyed(void **state)
{
    (void)state;
    const char *p = "GBT1|2022010101|王*明||1a2b3c4d";
    char plain[9], k1[9], k1again[9], k2[9];
    gb_code_fingerprint(p, strlen(p), plain);
    unsigned char key1[32], key2[32];
    memset(key1, 0x11, sizeof key1);
    memset(key2, 0x22, sizeof key2);
    gb_code_fingerprint_key(key1);
    gb_code_fingerprint(p, strlen(p), k1);
    gb_code_fingerprint(p, strlen(p), k1again);
    gb_code_fingerprint_key(key2);
    gb_code_fingerprint(p, strlen(p), k2);
    assert_string_not_equal(plain, k1);
    assert_string_equal(k1, k1again);
    assert_string_not_equal(k1, k2);
    assert_int_equal(strlen(k1), 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_check_names_its_failure),
        cmocka_unit_test(test_feature_code_only_when_the_batch_requires_it),
        cmocka_unit_test(test_test_decoder_round_trip),
        cmocka_unit_test(test_test_decoder_refuses_damage_without_echoing),
        cmocka_unit_test(test_fingerprint_is_stable_and_reveals_nothing),
        cmocka_unit_test(test_fingerprint_keyed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
